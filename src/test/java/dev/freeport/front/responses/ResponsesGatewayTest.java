package dev.freeport.front.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.RecordedRequest;
import dev.freeport.testing.Reply;
import dev.freeport.testing.ToolCall;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.net.http.HttpResponse;
import java.util.List;

import static dev.freeport.front.responses.ResponsesHarness.events;
import static dev.freeport.front.responses.ResponsesHarness.request;
import static dev.freeport.front.responses.ResponsesHarness.types;
import static dev.freeport.front.responses.ResponsesHarness.withWeatherTool;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /v1/responses} end to end through the gateway, on each back-end wire format (OpenAI-compatible,
 * Anthropic, Gemini) of a fake upstream: text, the event stream, function tools both ways, streamed tool arguments,
 * a cut stream, and the ledger.
 */
class ResponsesGatewayTest {
    static final List<String> BACK_ENDS = ResponsesHarness.BACK_ENDS;
    private static ResponsesHarness h;

    @BeforeAll
    static void start() {
        h = new ResponsesHarness();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @BeforeEach
    void fresh() {
        h.up.clear();
    }

    @ParameterizedTest
    @FieldSource("BACK_ENDS")
    void aTextAnswerIsACompletedResponseObjectRecordedUnderTheResponsesFront(String alias) {
        h.up.enqueue(Reply.ok("Paris is the capital of France.").usage(21, 7));
        int before = h.gw.events().size();

        HttpResponse<String> r = h.create(h.keyA, request(alias, "Capital of France?"));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = TestGateway.json(r.body());
        assertThat(body.path("object").asText()).isEqualTo("response");
        assertThat(body.path("id").asText()).startsWith("resp_");
        assertThat(body.path("status").asText()).isEqualTo("completed");
        assertThat(body.path("model").asText()).isEqualTo(alias);
        assertThat(body.path("output_text").asText()).isEqualTo("Paris is the capital of France.");
        assertThat(body.at("/output/0/type").asText()).isEqualTo("message");
        assertThat(body.at("/output/0/content/0/type").asText()).isEqualTo("output_text");
        assertThat(body.at("/usage/input_tokens").asInt()).isEqualTo(21);
        assertThat(body.at("/usage/output_tokens").asInt()).isEqualTo(7);
        UsageEvent e = h.gw.awaitEvents(before + 1).getLast();
        assertThat(e.facts().front()).isEqualTo("responses");
        assertThat(e.alias()).isEqualTo(alias);
        assertThat(e.status()).isEqualTo(UsageEvent.Status.OK);
        assertThat(e.inputTokens()).isEqualTo(21);
    }

    @ParameterizedTest
    @FieldSource("BACK_ENDS")
    void aStreamedAnswerIsTheResponsesEventSequenceEndingInResponseCompleted(String alias) {
        h.up.enqueue(Reply.ok("one two three").usage(5, 3));

        HttpResponse<String> r = h.create(h.keyA, request(alias, "count").put("stream", true));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        List<JsonNode> events = events(r.body());
        List<String> types = types(events);
        assertThat(types.subList(0, 4)).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.content_part.added");
        assertThat(types).contains("response.output_text.done", "response.content_part.done",
                "response.output_item.done").last().isEqualTo("response.completed");
        assertThat(types).doesNotContain("error", "response.failed");
        String text = events.stream().filter(e -> e.path("type").asText().equals("response.output_text.delta"))
                .map(e -> e.path("delta").asText()).reduce("", String::concat);
        assertThat(text).isEqualTo("one two three");
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).path("sequence_number").asInt()).isEqualTo(i);
        }
        JsonNode completed = events.getLast().path("response");
        assertThat(completed.path("output_text").asText()).isEqualTo("one two three");
        assertThat(completed.at("/usage/output_tokens").asInt()).isEqualTo(3);
    }

    @ParameterizedTest
    @FieldSource("BACK_ENDS")
    void aFunctionCallGoesOutAsAnItemAndItsOutputComesBackToTheModel(String alias) {
        h.up.enqueue(Reply.toolCalls(new ToolCall("call_w1", "get_weather", "{\"city\":\"Paris\"}")),
                Reply.ok("It is 18C and sunny in Paris."));

        HttpResponse<String> first = h.create(h.keyA, withWeatherTool(request(alias, "Weather in Paris?")));

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode call = TestGateway.json(first.body()).path("output").path(0);
        assertThat(call.path("type").asText()).isEqualTo("function_call");
        assertThat(call.path("name").asText()).isEqualTo("get_weather");
        assertThat(TestGateway.json(call.path("arguments").asText()).path("city").asText()).isEqualTo("Paris");
        String callId = call.path("call_id").asText();
        assertThat(callId).isNotBlank();

        ObjectNode second = withWeatherTool(request(alias, "unused"));
        ArrayNode input = second.putArray("input");
        input.addObject().put("role", "user").put("content", "Weather in Paris?");
        input.add(call.deepCopy());
        input.addObject().put("type", "function_call_output").put("call_id", callId).put("output", "18C, sunny");
        HttpResponse<String> answer = h.create(h.keyA, second);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(TestGateway.json(answer.body()).path("output_text").asText())
                .isEqualTo("It is 18C and sunny in Paris.");
        RecordedRequest upstream = h.upstream(2).get(1);
        assertThat(upstream.rawBody()).contains("get_weather").contains("18C, sunny");
    }

    @ParameterizedTest
    @FieldSource("BACK_ENDS")
    void toolArgumentsStreamAsDeltasAndTheCallEndsInOutputItemDone(String alias) {
        String args = "{\"city\":\"San Francisco, California\"}";
        h.up.enqueue(Reply.toolCalls(new ToolCall("call_s1", "get_weather", args)));

        HttpResponse<String> r = h.create(h.keyA, withWeatherTool(request(alias, "Weather?")).put("stream", true));

        List<JsonNode> events = events(r.body());
        List<String> deltas = events.stream()
                .filter(e -> e.path("type").asText().equals("response.function_call_arguments.delta"))
                .map(e -> e.path("delta").asText()).toList();
        assertThat(deltas).isNotEmpty();
        assertThat(TestGateway.json(String.join("", deltas))).isEqualTo(TestGateway.json(args));
        JsonNode done = events.stream().filter(e -> e.path("type").asText().equals("response.output_item.done"))
                .findFirst().orElseThrow().path("item");
        assertThat(done.path("type").asText()).isEqualTo("function_call");
        assertThat(done.path("name").asText()).isEqualTo("get_weather");
        assertThat(TestGateway.json(done.path("arguments").asText())).isEqualTo(TestGateway.json(args));
        assertThat(done.path("call_id").asText()).isNotBlank();
        assertThat(types(events).getLast()).isEqualTo("response.completed");
    }

    @ParameterizedTest
    @FieldSource("BACK_ENDS")
    void aStreamCutAfterItStartedEndsWithResponseFailedNeverCompleted(String alias) {
        h.up.enqueue(Reply.resetAfterChunks(2));
        int before = h.gw.events().size();

        HttpResponse<String> r = h.create(h.keyA, request(alias, "talk").put("stream", true));

        assertThat(r.statusCode()).isEqualTo(200);
        List<JsonNode> events = events(r.body());
        assertThat(types(events)).startsWith("response.created").doesNotContain("response.completed")
                .endsWith("error", "response.failed");
        JsonNode failed = events.getLast().path("response");
        assertThat(failed.path("status").asText()).isEqualTo("failed");
        assertThat(failed.at("/error/code").asText()).isNotBlank();
        UsageEvent e = h.gw.awaitEvents(before + 1).getLast();
        assertThat(e.status()).isEqualTo(UsageEvent.Status.CUT);
        assertThat(e.facts().front()).isEqualTo("responses");
    }
}
