package dev.freeport.flow;

import dev.freeport.api.ChatRequest;
import dev.freeport.dialect.openai.ChatDecoder;
import dev.freeport.front.StreamWriter;
import dev.freeport.front.openai.OpenAiFront;
import dev.freeport.provider.StreamItem;
import dev.freeport.provider.http.SseParser;
import dev.freeport.provider.http.StreamDecoder;
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

    /** One stream: the read parsed and decoded, every chunk tallied and written; the bytes written. */
    private static int relay(OpenAiCodec codec, byte[] read) {
        StreamDecoder decoder = codec.streamDecoder(REQUEST, "gpt-4o-mini");
        StreamWriter writer = OpenAiFront.INSTANCE.streamWriter(REQUEST);
        StreamTally tally = new StreamTally();
        PendingFrames frames = new PendingFrames();
        SseParser parser = SseParser.reusing(e -> decoder.onEvent(e, item -> {
            if (item instanceof StreamItem.Chunk c) {
                tally.observe(c);
                writer.chunk(c, frames);
            }
        }));
        parser.feed(read, 0, read.length);
        parser.finish();
        writer.end(frames);
        io.netty.buffer.ByteBuf out = frames.take();
        int n = out.readableBytes();
        out.release();
        return n;
    }

    @Test
    void aStreamedChunkCostsItsFramesBytesAndAFewSmallObjects() {
        OpenAiCodec codec = new OpenAiCodec(Wire.settings("openai", "sk-test"));
        byte[] read = Wire.bytes("stream-usage.sse");
        int chunks = new String(read, StandardCharsets.UTF_8).split("\ndata: ", -1).length;
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 20_000; i++) {
            relay(codec, read); // warm up: let the JIT settle
        }
        int n = 2_000;
        long before = threads.getCurrentThreadAllocatedBytes();
        int written = 0;
        for (int i = 0; i < n; i++) {
            written = relay(codec, read);
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
