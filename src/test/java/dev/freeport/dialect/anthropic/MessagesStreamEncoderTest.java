package dev.freeport.dialect.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MessagesStreamEncoderTest {

    /** Every buffer the encoder produces for a recorded OpenAI stream, then its end. */
    static List<Buffer> run(String name, long inputHint) {
        MessagesStreamEncoder enc = new MessagesStreamEncoder("smart", inputHint);
        List<Buffer> out = new ArrayList<>();
        for (ObjectNode chunk : FrontWire.chunks("stream/" + name + ".openai.sse")) {
            out.addAll(enc.onChunk(chunk));
        }
        out.addAll(enc.onEnd());
        return out;
    }

    private static ArrayNode golden(String name, long inputHint) {
        ArrayNode events = FrontWire.events(run(name, inputHint));
        FrontWire.assertGolden("stream/" + name + ".events.json", events);
        return events;
    }

    private static List<String> types(ArrayNode events) {
        List<String> out = new ArrayList<>();
        events.forEach(e -> out.add(e.path("event").asText()));
        return out;
    }

    @Test
    void textOnlyStreamFollowsAnthropicsEventSequence() {
        ArrayNode events = golden("text_only", 9);
        assertThat(types(events)).containsExactly("message_start", "content_block_start", "content_block_delta",
                "content_block_delta", "content_block_stop", "message_delta", "message_stop");
    }

    @Test
    void textThenTwoToolCallsForwardsEachArgumentFragmentAsItsOwnEvent() {
        ArrayNode events = golden("text_then_two_tools", 0);
        List<String> fragments = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        for (JsonNode e : events) {
            if ("input_json_delta".equals(e.path("data").path("delta").path("type").asText())) {
                fragments.add(e.path("data").path("delta").path("partial_json").asText());
                indexes.add(e.path("data").path("index").asInt());
            }
        }
        assertThat(fragments).containsExactly("{\"ci", "ty\": \"Pa", "ris\"}", "{\"", "city\":", " \"Oslo\"}");
        assertThat(indexes).containsExactly(1, 1, 1, 2, 2, 2);
        assertThat(events.get(events.size() - 2).path("data").path("delta").path("stop_reason").asText())
                .isEqualTo("tool_use");
    }

    @Test
    void eachArgumentFragmentIsEmittedWhenItsChunkArrives() {
        MessagesStreamEncoder enc = new MessagesStreamEncoder("smart");
        List<ObjectNode> chunks = FrontWire.chunks("stream/text_then_two_tools.openai.sse");
        enc.onChunk(chunks.get(0));
        enc.onChunk(chunks.get(1));
        enc.onChunk(chunks.get(2));
        ArrayNode events = FrontWire.events(enc.onChunk(chunks.get(3)));
        assertThat(events).hasSize(1);
        assertThat(events.get(0).path("data").path("delta").path("partial_json").asText()).isEqualTo("{\"ci");
    }

    @Test
    void reasoningThenTextOpensThinkingThenTextBlock() {
        ArrayNode events = golden("reasoning_then_text", 14);
        assertThat(events.get(1).path("data").path("content_block").path("type").asText()).isEqualTo("thinking");
    }

    @Test
    void streamWithoutUsageChunkStillEndsWithEstimatedUsage() {
        ArrayNode events = golden("no_usage", 21);
        JsonNode usage = events.get(events.size() - 2).path("data").path("usage");
        assertThat(usage.path("input_tokens").asLong()).isEqualTo(21);
        assertThat(usage.path("output_tokens").asLong()).isPositive();
        assertThat(events.get(events.size() - 2).path("data").path("delta").path("stop_reason").asText())
                .isEqualTo("max_tokens");
    }

    @Test
    void errorMidStreamIsAnAnthropicErrorEventAndEndsTheStream() {
        MessagesStreamEncoder enc = new MessagesStreamEncoder("smart");
        List<Buffer> out = new ArrayList<>();
        for (ObjectNode chunk : FrontWire.chunks("stream/cut.openai.sse")) {
            out.addAll(enc.onChunk(chunk));
        }
        out.add(enc.onError(new GatewayError(ErrorKind.UPSTREAM_ERROR, 502, "the upstream stream broke",
                null, "stream_interrupted", null)));
        assertThat(enc.onEnd()).as("nothing after the error").isEmpty();
        FrontWire.assertGolden("stream/cut.events.json", FrontWire.events(out));
    }

    @Test
    void endWithoutAnyChunkStillSendsACompleteMessage() {
        ArrayNode events = FrontWire.events(new MessagesStreamEncoder("smart").onEnd());
        assertThat(types(events)).containsExactly("message_start", "message_delta", "message_stop");
    }

    @Test
    void pingIsAnthropicsPingEvent() {
        assertThat(MessagesStreamEncoder.ping().toString(StandardCharsets.UTF_8))
                .isEqualTo("event: ping\ndata: {\"type\": \"ping\"}\n\n");
    }

    @Test
    void newCallIdAtTheSameIndexOpensANewToolBlock() {
        MessagesStreamEncoder enc = new MessagesStreamEncoder("smart");
        enc.onChunk(FrontWire.parse("{\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
                + "\"id\":\"call_a\",\"function\":{\"name\":\"a\",\"arguments\":\"{}\"}}]}}]}"));
        ArrayNode events = FrontWire.events(enc.onChunk(FrontWire.parse("{\"id\":\"x\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_b\",\"function\":{\"name\":\"b\","
                + "\"arguments\":\"{}\"}}]}}]}")));
        assertThat(types(events)).containsExactly("content_block_stop", "content_block_start", "content_block_delta");
        assertThat(events.get(1).path("data").path("index").asInt()).isEqualTo(1);
        assertThat(events.get(1).path("data").path("content_block").path("id").asText()).isEqualTo("call_b");
    }
}
