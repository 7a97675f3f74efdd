package dev.freeport.provider;

import dev.freeport.provider.http.SseParser;
import dev.freeport.provider.http.StreamDecoder;
import dev.freeport.provider.openai.OpenAiCodec;
import dev.freeport.provider.openai.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.vertx.core.internal.buffer.BufferInternal;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stream's chunks are slices of the read being parsed (the parser's scratch array, refilled for the next read):
 * a chunk kept past the sink's call ({@link StreamItem.Chunk#held}, as a stream does while its caller is paused) has
 * bytes of its own.
 */
class HeldChunkTest {

    @Test
    void aHeldChunkKeepsItsBytesWhenTheNextReadIsParsed() {
        String first = "{\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lorem\"},"
                + "\"finish_reason\":null}]}";
        String second = "{\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ipsum\"},"
                + "\"finish_reason\":null}]}";
        StreamDecoder decoder = new OpenAiCodec(Wire.settings("openai", "sk-test")).streamDecoder(null, "m")
                .reusingChunks();
        List<StreamItem.Chunk> held = new ArrayList<>();
        SseParser parser = SseParser.reusing(event -> decoder.onEvent(event,
                item -> held.add(((StreamItem.Chunk) item).held())));
        ByteBuf read = PooledByteBufAllocator.DEFAULT.directBuffer(256);
        try {
            for (String chunk : List.of(first, second)) {
                read.clear().writeBytes(("data: " + chunk + "\n\n").getBytes(StandardCharsets.UTF_8));
                parser.feed(BufferInternal.buffer(read));
            }
        } finally {
            read.release();
        }
        assertThat(held).hasSize(2);
        assertThat(new String(held.get(0).bytes(), StandardCharsets.UTF_8)).isEqualTo(first);
        assertThat(new String(held.get(1).bytes(), StandardCharsets.UTF_8)).isEqualTo(second);
        assertThat(held.get(0).facts().model()).isEqualTo(held.get(1).facts().model());
    }
}
