package dev.freeport.flow;

import dev.freeport.api.ChatRequest;
import dev.freeport.dialect.openai.ChatDecoder;
import dev.freeport.provider.openai.OpenAiCodec;
import dev.freeport.provider.openai.Wire;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stream path's own work per chunk, measured in bytes allocated (a figure the machine's load does not move): an
 * upstream read of a recorded stream parsed, scanned, tallied and written to the caller's frames as the relay does.
 */
class StreamPathAllocationTest {

    private static final ChatRequest REQUEST = ChatDecoder.decodeChat(Buffer.buffer(("{\"model\":\"my-alias\","
            + "\"stream\":true,\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\","
            + "\"content\":\"hi\"}]}").getBytes(StandardCharsets.UTF_8)));

    @Test
    void aStreamedChunkCostsItsFramesBytesAndAFewSmallObjects() {
        OpenAiCodec codec = new OpenAiCodec(Wire.settings("openai", "sk-test"));
        byte[] read = Wire.bytes("stream-usage.sse");
        int chunks = new String(read, StandardCharsets.UTF_8).split("\ndata: ", -1).length;
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 20_000; i++) {
            StreamPathCpu.relay(codec, REQUEST, "gpt-4o-mini", read); // warm up: let the JIT settle
        }
        int n = 2_000;
        long before = threads.getCurrentThreadAllocatedBytes();
        int written = 0;
        for (int i = 0; i < n; i++) {
            written = StreamPathCpu.relay(codec, REQUEST, "gpt-4o-mini", read);
        }
        long perStream = (threads.getCurrentThreadAllocatedBytes() - before) / n;
        System.out.printf("stream path: %d bytes allocated per stream of %d chunks (%d bytes read, %d written)%n",
                perStream, chunks, read.length, written);
        // the frames written (one array) and under 200 bytes per chunk: the event, the chunk, its facts, the usage
        // chunk's counts; a Jackson parser per chunk cost some 1,500 bytes per chunk more, the usage chunk's parser
        // and tree some 1,800 bytes per stream (before UsageBytes)
        assertThat(perStream).as("bytes allocated per stream of %d chunks", chunks)
                .isLessThan(written + 200L * chunks + 1_000);
    }
}
