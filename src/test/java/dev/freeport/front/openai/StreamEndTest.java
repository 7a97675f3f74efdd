package dev.freeport.front.openai;

import dev.freeport.api.ChatRequest;
import dev.freeport.dialect.openai.ChatDecoder;
import dev.freeport.front.Frames;
import dev.freeport.front.StreamWriter;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The stream's end frame ({@code data: [DONE]}) is appended from a shared array, not copied into a buffer first. */
class StreamEndTest {
    private static final ChatRequest REQUEST = ChatDecoder.decodeChat(Buffer.buffer(("{\"model\":\"m\",\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").getBytes(StandardCharsets.UTF_8)));

    /** Frames that count the bytes appended and keep nothing. */
    private static final class Counting implements Frames {
        long bytes;

        @Override
        public void append(byte[] b, int from, int to) {
            bytes += to - from;
        }

        @Override
        public void accept(Buffer buffer) {
            bytes += buffer.length();
        }
    }

    @Test
    void theEndFrameIsDoneAndCostsNoBufferOfItsOwn() {
        StreamWriter writer = OpenAiFront.INSTANCE.streamWriter(REQUEST);
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        writer.end(b -> seen.writeBytes(b.getBytes()));
        assertThat(seen.toString(StandardCharsets.US_ASCII)).isEqualTo("data: [DONE]\n\n");

        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        Counting frames = new Counting();
        for (int i = 0; i < 100_000; i++) {
            writer.end(frames);
        }
        int n = 100_000;
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < n; i++) {
            writer.end(frames);
        }
        long perEnd = (threads.getCurrentThreadAllocatedBytes() - before) / n;
        System.out.printf("stream end: %d bytes allocated per end frame (%d)%n", perEnd, frames.bytes);
        assertThat(perEnd).as("a copy of the frame into a buffer of its own cost 80 bytes").isLessThan(16);
    }
}
