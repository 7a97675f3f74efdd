package dev.freeport.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test JVMs run Netty as the launcher runs {@code serve}: with {@code sun.misc.Unsafe}
 * ({@code --sun-misc-unsafe-memory-access=allow}, the pom's {@code argLine}). Without it, Netty 4.2 on JDK 25 reads a
 * direct buffer through a new {@code java.nio} view for every copy out of it (64 bytes each).
 */
class NettyUnsafeTest {

    @Test
    void copyingOutOfAPooledDirectBufferAllocatesNothing() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        ByteBuf direct = ByteBufAllocator.DEFAULT.directBuffer(1024).writeBytes(new byte[600]);
        ByteBuf heap = Unpooled.buffer(1024);
        try {
            heap.writeBytes(direct, 0, 600); // first use: class loading and the like happen here
            int copies = 10_000;
            long before = threads.getThreadAllocatedBytes(thread);
            for (int i = 0; i < copies; i++) {
                heap.clear().writeBytes(direct, 0, 600);
            }
            long perCopy = (threads.getThreadAllocatedBytes(thread) - before) / copies;

            assertThat(perCopy).isLessThan(8);
        } finally {
            direct.release();
            heap.release();
        }
    }
}
