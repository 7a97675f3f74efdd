package dev.freeport.lab;

import dev.freeport.api.ChatRequest;
import dev.freeport.api.Usage;
import dev.freeport.dialect.openai.ChatDecoder;
import dev.freeport.dialect.openai.KimiWebSearch;
import dev.freeport.provider.ChunkStream;
import dev.freeport.provider.StreamItem;
import dev.freeport.provider.http.SseParser;
import dev.freeport.provider.http.StreamDecoder;
import dev.freeport.provider.openai.OpenAiCodec;
import dev.freeport.provider.openai.Wire;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A shadow or replay stream from Moonshot keeps the {@code $web_search} calls its decoder counted (billed per call),
 * whether a usage chunk reported the tokens or the stream ended without any usage.
 */
class StreamCollectorTest {
    private static final ChatRequest REQUEST = ChatDecoder.decodeChat(Buffer.buffer(("{\"model\":\"k3\","
            + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"news today?\"}]}")
            .getBytes(StandardCharsets.UTF_8)));
    private static final String HEAD = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
            + "\"model\":\"kimi-k3\",\"choices\":[";
    private static final String SEARCH = "data: " + HEAD + "{\"index\":0,\"delta\":{\"role\":\"assistant\","
            + "\"tool_calls\":[{\"index\":0,\"id\":\"t1\",\"type\":\"builtin_function\",\"function\":{\"name\":"
            + "\"$web_search\",\"arguments\":\"{}\"}}]},\"finish_reason\":null}]}\n\n"
            + "data: " + HEAD + "{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}\n\n";
    private static final String USAGE = "data: " + HEAD + "],\"usage\":{\"prompt_tokens\":10,"
            + "\"completion_tokens\":5,\"total_tokens\":15}}\n\n";
    private static final String DONE = "data: [DONE]\n\n";

    /** The items Moonshot's stream decoder makes of {@code sse}, delivered by a stream that has them all. */
    private static ChunkStream moonshotStream(String sse) {
        StreamDecoder decoder = new OpenAiCodec(Wire.settings("moonshot", "k"), true).streamDecoder(REQUEST, "kimi-k3");
        List<StreamItem> items = new ArrayList<>();
        SseParser parser = new SseParser(e -> decoder.onEvent(e, items::add));
        byte[] bytes = sse.getBytes(StandardCharsets.UTF_8);
        parser.feed(bytes, 0, bytes.length);
        parser.finish();
        return new ChunkStream() {
            @Override
            public ChunkStream handler(Handler<StreamItem> handler) {
                items.forEach(handler::handle);
                return this;
            }

            @Override
            public void pause() {
            }

            @Override
            public void resume() {
            }

            @Override
            public void cancel() {
            }
        };
    }

    private static Usage collected(String sse) {
        return StreamCollector.collect(moonshotStream(sse)).await().usage();
    }

    @Test
    void aUsageChunkReadFromItsBytesKeepsTheBilledSearches() {
        Usage usage = collected(SEARCH + USAGE + DONE);
        assertThat(usage.outputTokens()).isEqualTo(5);
        assertThat(usage.serverToolCalls()).isEqualTo(Map.of(KimiWebSearch.FEE, 1L));
    }

    @Test
    void aStreamWithoutUsageKeepsTheBilledSearchesOfItsEnd() {
        Usage usage = collected(SEARCH + DONE);
        assertThat(usage).isNotNull();
        assertThat(usage.serverToolCalls()).isEqualTo(Map.of(KimiWebSearch.FEE, 1L));
    }
}
