package dev.freeport.dialect.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Canonical chunk streams → Responses SSE events (the stream/*.events.json goldens). */
class ResponsesStreamEncoderTest {

    static ResponsesStreamEncoder encoder(String request) {
        return new ResponsesStreamEncoder(ResponsesWire.decode("request/" + request + ".responses.json"),
                ResponseIds.of("s1"), ResponseEncoderTest.CREATED);
    }

    /** Every frame for a recorded chunk stream, then its clean end. */
    static List<Buffer> run(String name, String request) {
        ResponsesStreamEncoder enc = encoder(request);
        List<Buffer> out = new ArrayList<>();
        for (ObjectNode chunk : ResponsesWire.chunks("stream/" + name + ".openai.sse")) {
            enc.chunk(chunk, out::add);
        }
        enc.end(out::add);
        return out;
    }

    private static ArrayNode golden(String name, String request) {
        ArrayNode events = ResponsesWire.events(run(name, request));
        ResponsesWire.assertGolden("stream/" + name + ".events.json", events);
        return events;
    }

    private static List<String> types(ArrayNode events) {
        List<String> out = new ArrayList<>();
        events.forEach(e -> out.add(e.path("event").asText()));
        return out;
    }

    private static List<Integer> sequenceNumbers(ArrayNode events) {
        List<Integer> out = new ArrayList<>();
        events.forEach(e -> out.add(e.path("data").path("sequence_number").asInt(-1)));
        return out;
    }

    private static JsonNode last(ArrayNode events) {
        return events.get(events.size() - 1).path("data");
    }

    @Test
    void textStreamFollowsTheResponsesEventSequence() {
        ArrayNode events = golden("text", "plain_string");
        assertThat(types(events)).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.content_part.added", "response.output_text.delta",
                "response.output_text.delta", "response.output_text.done", "response.content_part.done",
                "response.output_item.done", "response.completed");
    }

    @Test
    void sequenceNumbersCountEveryEventFromZero() {
        ArrayNode events = ResponsesWire.events(run("parallel_tools", "function_round_trip"));
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            expected.add(i);
        }
        assertThat(sequenceNumbers(events)).isEqualTo(expected);
    }

    @Test
    void completedEventCarriesTheWholeResponseWithUsage() {
        ArrayNode events = ResponsesWire.events(run("text", "plain_string"));
        JsonNode response = last(events).path("response");
        assertThat(response.path("status").asText()).isEqualTo("completed");
        assertThat(response.path("output_text").asText()).isEqualTo("2, 3 and 5.");
        assertThat(response.path("usage").path("input_tokens_details").path("cached_tokens").asLong()).isEqualTo(16);
        assertThat(response.path("id").asText()).isEqualTo("resp_s1");
    }

    @Test
    void interleavedToolCallFragmentsGoToTheirOwnItemsAsTheyArrive() {
        ArrayNode events = golden("parallel_tools", "function_round_trip");
        List<String> deltas = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        for (JsonNode e : events) {
            if ("response.function_call_arguments.delta".equals(e.path("event").asText())) {
                deltas.add(e.path("data").path("delta").asText());
                indexes.add(e.path("data").path("output_index").asInt());
            }
        }
        assertThat(deltas).containsExactly("{\"ci", "{\"city\":", "ty\": \"Pa", " \"Oslo\"}", "ris\"}");
        assertThat(indexes).containsExactly(1, 2, 1, 2, 1);
        JsonNode output = last(events).path("response").path("output");
        assertThat(output.path(1).path("arguments").asText()).isEqualTo("{\"city\": \"Paris\"}");
        assertThat(output.path(2).path("call_id").asText()).isEqualTo("call_oslo");
    }

    @Test
    void textItemEndsBeforeTheFirstToolCallStarts() {
        List<String> t = types(ResponsesWire.events(run("parallel_tools", "function_round_trip")));
        assertThat(t.indexOf("response.output_item.done")).isLessThan(t.lastIndexOf("response.output_item.added"));
    }

    @Test
    void reasoningStreamsAsReasoningTextBeforeTheMessage() {
        ArrayNode events = golden("reasoning", "plain_string");
        assertThat(types(events)).containsSubsequence("response.output_item.added", "response.content_part.added",
                "response.reasoning_text.delta", "response.reasoning_text.delta", "response.reasoning_text.done",
                "response.content_part.done", "response.output_item.done", "response.output_item.added");
        JsonNode response = last(events).path("response");
        assertThat(response.path("output").path(0).path("content").path(0).path("text").asText())
                .isEqualTo("1003 / 17 = 59.");
        assertThat(response.path("usage").path("output_tokens_details").path("reasoning_tokens").asLong())
                .isEqualTo(18);
    }

    @Test
    void customToolInputIsDecodedOutOfItsJsonArgumentsAcrossCutEscapes() {
        ArrayNode events = golden("custom_tool", "codex_custom_tool");
        StringBuilder streamed = new StringBuilder();
        String done = null;
        for (JsonNode e : events) {
            switch (e.path("event").asText()) {
                case "response.custom_tool_call_input.delta" -> streamed.append(e.path("data").path("delta").asText());
                case "response.custom_tool_call_input.done" -> done = e.path("data").path("input").asText();
                default -> {
                }
            }
        }
        String expected = "*** Begin Patch\n*** Add File: café.txt\n+\"hi\" \uD83D\uDE00\n*** End Patch\n";
        assertThat(done).isEqualTo(expected);
        assertThat(streamed.toString()).isEqualTo(expected);
        JsonNode item = last(events).path("response").path("output").path(0);
        assertThat(item.path("type").asText()).isEqualTo("custom_tool_call");
        assertThat(item.path("input").asText()).isEqualTo(expected);
    }

    @Test
    void lengthFinishEndsWithResponseIncomplete() {
        ArrayNode events = golden("length", "plain_string");
        assertThat(last(events).path("type").asText()).isEqualTo("response.incomplete");
        assertThat(last(events).path("response").path("incomplete_details").path("reason").asText())
                .isEqualTo("max_output_tokens");
    }

    @Test
    void cutStreamEndsWithErrorThenResponseFailedNeverCompleted() {
        ResponsesStreamEncoder enc = encoder("plain_string");
        List<Buffer> out = new ArrayList<>();
        for (ObjectNode chunk : ResponsesWire.chunks("stream/cut.openai.sse")) {
            enc.chunk(chunk, out::add);
        }
        enc.error(new GatewayError(ErrorKind.UPSTREAM_ERROR, 502, "upstream closed the stream", null, null, null),
                out::add);
        enc.end(out::add);
        ArrayNode events = ResponsesWire.events(out);
        ResponsesWire.assertGolden("stream/cut.events.json", events);
        assertThat(types(events)).doesNotContain("response.completed");
        assertThat(types(events).subList(events.size() - 2, events.size()))
                .containsExactly("error", "response.failed");
        JsonNode failed = last(events).path("response");
        assertThat(failed.path("status").asText()).isEqualTo("failed");
        assertThat(failed.path("error").path("code").asText()).isEqualTo("server_error");
        assertThat(failed.path("output").path(0).path("status").asText()).isEqualTo("incomplete");
        assertThat(enc.finalResponse()).isSameAs(enc.finalResponse()).isNotNull();
    }

    @Test
    void rateLimitErrorKeepsCodexRetryableCode() {
        ResponsesStreamEncoder enc = encoder("plain_string");
        List<Buffer> out = new ArrayList<>();
        enc.error(GatewayError.of(ErrorKind.RATE_LIMITED, "slow down"), out::add);
        ArrayNode events = ResponsesWire.events(out);
        assertThat(types(events)).containsExactly("response.created", "response.in_progress", "error",
                "response.failed");
        assertThat(events.get(2).path("data").path("code").asText()).isEqualTo("rate_limit_exceeded");
    }

    @Test
    void finalResponseIsWhatTheLastEventCarried() {
        ResponsesStreamEncoder enc = encoder("plain_string");
        List<Buffer> out = new ArrayList<>();
        ResponsesWire.chunks("stream/text.openai.sse").forEach(c -> enc.chunk(c, out::add));
        assertThat(enc.finalResponse()).isNull();
        enc.end(out::add);
        assertThat(enc.finalResponse().toString()).isEqualTo(last(ResponsesWire.events(out)).path("response").toString());
    }

    @Test
    void pingIsAnSseComment() {
        assertThat(encoder("plain_string").ping().toString()).startsWith(":").endsWith("\n\n");
    }
}
