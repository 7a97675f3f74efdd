package dev.freeport.dialect.openai;

import dev.freeport.provider.StreamItem;
import dev.freeport.provider.http.SseEvent;
import dev.freeport.provider.http.StreamDecoder;
import dev.freeport.provider.openai.OpenAiCodec;
import dev.freeport.provider.openai.Wire;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stream whose sink handles each item then and there asks its decoder for one chunk object per stream
 * ({@link StreamDecoder#reusingChunks}) and one facts object: no object per chunk, and a chunk the sink keeps
 * ({@code held}) keeps its bytes and its facts.
 */
class ReusedChunkTest {

    private static final byte[] FIRST = ("{\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":"
            + "{\"content\":\"lorem\"},\"finish_reason\":null}],\"usage\":null}").getBytes(StandardCharsets.UTF_8);
    private static final byte[] SECOND = ("{\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":"
            + "{\"content\":\"ipsum\"},\"finish_reason\":null}],\"usage\":null}").getBytes(StandardCharsets.UTF_8);

    private static StreamDecoder decoder() {
        return new OpenAiCodec(Wire.settings("openai", "sk-test")).streamDecoder(null, "m");
    }

    @Test
    void aDecoderReusingChunksHandsOutOneObjectAndAHeldChunkKeepsItsBytes() {
        StreamDecoder decoder = decoder().reusingChunks();
        List<StreamItem> seen = new ArrayList<>();
        List<StreamItem.Chunk> held = new ArrayList<>();
        for (byte[] chunk : List.of(FIRST, SECOND)) {
            decoder.onEvent(new SseEvent(null, chunk), item -> {
                seen.add(item);
                held.add(((StreamItem.Chunk) item).held());
            });
        }
        assertThat(seen.get(0)).isSameAs(seen.get(1));
        assertThat(held.get(0)).isNotSameAs(held.get(1));
        assertThat(held.get(0).bytes()).isEqualTo(FIRST);
        assertThat(held.get(1).bytes()).isEqualTo(SECOND);
        assertThat(held.get(0).chunk().path("choices").path(0).path("delta").path("content").asText()).isEqualTo("lorem");
    }

    private static final byte[] LAST = ("{\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":"
            + "{\"content\":\"dolor sit\"},\"finish_reason\":\"stop\"}],\"usage\":null}").getBytes(StandardCharsets.UTF_8);

    @Test
    void aHeldChunkKeepsItsFactsWhileTheDecoderReusesThemForTheNextChunk() {
        StreamDecoder decoder = decoder().reusingChunks();
        List<StreamItem.Chunk> held = new ArrayList<>();
        List<dev.freeport.api.ChunkFacts> seen = new ArrayList<>();
        for (byte[] chunk : List.of(FIRST, LAST)) {
            decoder.onEvent(new SseEvent(null, chunk), item -> {
                seen.add(((StreamItem.Chunk) item).facts());
                held.add(((StreamItem.Chunk) item).held());
            });
        }
        String first = new String(FIRST, StandardCharsets.UTF_8);
        String last = new String(LAST, StandardCharsets.UTF_8);
        assertThat(seen.get(0)).isSameAs(seen.get(1));
        assertThat(held.get(0).facts().finishReason()).isNull();
        assertThat(held.get(0).facts().text()).containsExactly(first.indexOf("lorem"), first.indexOf("lorem") + 5);
        assertThat(held.get(1).facts().finishReason()).isEqualTo("stop");
        assertThat(held.get(1).facts().text()).containsExactly(last.indexOf("dolor"), last.indexOf("dolor") + 9);
    }

    @Test
    void aReusedChunkCostsNoObjectOfItsOwn() {
        StreamDecoder decoder = decoder().reusingChunks();
        SseEvent event = new SseEvent(null, SECOND);
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long[] sink = {0};
        java.util.function.Consumer<StreamItem> count = item -> sink[0] += ((StreamItem.Chunk) item).length();
        for (int i = 0; i < 100_000; i++) {
            decoder.onEvent(event, count);
        }
        int n = 100_000;
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < n; i++) {
            decoder.onEvent(event, count);
        }
        long perChunk = (threads.getCurrentThreadAllocatedBytes() - before) / n;
        System.out.printf("a content chunk decoded: %d bytes allocated (%d)%n", perChunk, sink[0] % 7);
        // before: its facts (40) and text positions (24), and a chunk object of its own (32) before that
        assertThat(perChunk).isLessThanOrEqualTo(8);
    }
}
