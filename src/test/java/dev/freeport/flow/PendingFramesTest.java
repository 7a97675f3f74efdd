package dev.freeport.flow;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A read's frames gathered into one pooled direct buffer, sized once from the writer's hint and handed over as it is
 * (the socket writes it without a heap array first).
 */
class PendingFramesTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(ByteBuf b) {
        try {
            return b.toString(StandardCharsets.US_ASCII);
        } finally {
            b.release();
        }
    }

    @Test
    void framesWrittenInPiecesAfterAHintFillOneBufferOfThatSize() {
        PendingFrames p = new PendingFrames();
        byte[] read = ascii("xxdata: {\"a\":1}\n\ndata: {\"b\":2}\n\n");
        p.expect(read.length - 2);
        p.append(read, 2, 18);
        p.append(read, 18, read.length);
        ByteBuf out = p.take();
        assertThat(out.capacity()).isEqualTo(read.length - 2);
        assertThat(text(out)).isEqualTo("data: {\"a\":1}\n\ndata: {\"b\":2}\n\n");
        assertThat(p.isEmpty()).isTrue();
        assertThat(p.take()).isNull();
    }

    @Test
    void wholeFramesAndPiecesKeepTheirOrderPastAnyHint() {
        PendingFrames p = new PendingFrames();
        p.expect(3);
        p.append(ascii("abc"));
        p.accept(Buffer.buffer("def".repeat(200)));
        p.append(ascii("ghi"), 1, 3);
        assertThat(text(p.take())).isEqualTo("abc" + "def".repeat(200) + "hi");
        assertThat(p.take()).isNull();
    }

    @Test
    void theFramesGoToTheSocketInPooledDirectMemoryNotAHeapArray() {
        byte[] frame = ascii("data: " + "x".repeat(5_000) + "\n\n");
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int i = 0; i < 20_000; i++) {
            sink += gather(frame);
        }
        int n = 2_000;
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < n; i++) {
            sink += gather(frame);
        }
        long perRead = (threads.getCurrentThreadAllocatedBytes() - before) / n;
        System.out.printf("frames gathered: %d heap bytes allocated per read of %d bytes (%d)%n", perRead,
                frame.length, sink);
        // a heap array of the frames' size (before) cost 5,000+ bytes per read
        assertThat(perRead).isLessThan(500);
    }

    private static int gather(byte[] frame) {
        PendingFrames p = new PendingFrames();
        p.expect(frame.length);
        p.append(frame);
        ByteBuf out = p.take();
        assertThat(out.isDirect()).isTrue();
        int n = out.readableBytes();
        out.release();
        return n;
    }
}
