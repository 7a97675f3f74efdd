package dev.freeport.front.responses;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.inputtokens.InputTokenCountParams;
import dev.freeport.testing.Reply;
import dev.freeport.testing.ToolCall;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The official OpenAI Java SDK ({@code client.responses()}) against Freeport's Responses API, an OpenAI-compatible
 * fake upstream behind it: create, stream, tools both ways, streamed tool arguments, previous_response_id,
 * retrieve and delete, input tokens, errors and a cut stream.
 */
class OpenAiJavaSdkResponsesTest {
    private static ResponsesHarness h;
    private static OpenAIClient client;

    @BeforeAll
    static void start() {
        h = new ResponsesHarness();
        client = OpenAIOkHttpClient.builder().baseUrl(h.gw.base() + "/v1").apiKey(h.keyA).maxRetries(0).build();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @BeforeEach
    void fresh() {
        h.up.clear();
    }

    private static ResponseCreateParams.Builder ask(String input) {
        return ResponseCreateParams.builder().model("oa").input(input);
    }

    private static FunctionTool weatherTool() {
        return FunctionTool.builder().name("get_weather").strict(false).parameters(FunctionTool.Parameters.builder()
                .putAdditionalProperty("type", JsonValue.from("object"))
                .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                .putAdditionalProperty("required", JsonValue.from(List.of("city"))).build()).build();
    }

    @Test
    void createReturnsTheAnswerText() {
        h.up.enqueue(Reply.ok("Hello from the model.").usage(9, 4));

        Response r = client.responses().create(ask("hi").build());

        assertThat(r.status()).contains(ResponseStatus.COMPLETED);
        assertThat(r.output().get(0).asMessage().content().get(0).asOutputText().text())
                .isEqualTo("Hello from the model.");
        assertThat(r.usage().orElseThrow().outputTokens()).isEqualTo(4);
    }

    @Test
    void aStreamAccumulatesToTheSameResponse() {
        h.up.enqueue(Reply.ok("streamed to the SDK"));
        ResponseAccumulator acc = ResponseAccumulator.create();

        try (StreamResponse<ResponseStreamEvent> s = client.responses().createStreaming(ask("hi").build())) {
            s.stream().forEach(acc::accumulate);
        }

        Response r = acc.response();
        assertThat(r.status()).contains(ResponseStatus.COMPLETED);
        assertThat(r.output().get(0).asMessage().content().get(0).asOutputText().text())
                .isEqualTo("streamed to the SDK");
    }

    @Test
    void aFunctionCallRoundTripsThroughFunctionCallOutput() {
        h.up.enqueue(Reply.toolCalls(new ToolCall("call_sdk1", "get_weather", "{\"city\":\"Oslo\"}")),
                Reply.ok("Cold in Oslo."));

        Response first = client.responses().create(ask("Weather in Oslo?").addTool(weatherTool()).build());
        ResponseFunctionToolCall call = first.output().get(0).asFunctionCall();
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(call.arguments()).isEqualTo("{\"city\":\"Oslo\"}");

        List<ResponseInputItem> input = new ArrayList<>();
        input.add(ResponseInputItem.ofFunctionCall(call));
        input.add(ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                .callId(call.callId()).output("-3C").build()));
        Response second = client.responses().create(ResponseCreateParams.builder().model("oa")
                .inputOfResponse(input).addTool(weatherTool()).build());

        assertThat(second.output().get(0).asMessage().content().get(0).asOutputText().text())
                .isEqualTo("Cold in Oslo.");
        assertThat(h.upstream(2).get(1).rawBody()).contains("-3C").contains(call.callId());
    }

    @Test
    void streamedToolArgumentsAccumulateToTheWholeCall() {
        h.up.enqueue(Reply.toolCalls(new ToolCall("call_sdk2", "get_weather", "{\"city\":\"Rio de Janeiro\"}")));
        ResponseAccumulator acc = ResponseAccumulator.create();
        List<String> deltas = new ArrayList<>();

        try (StreamResponse<ResponseStreamEvent> s = client.responses().createStreaming(ask("Weather?")
                .addTool(weatherTool()).build())) {
            s.stream().forEach(e -> {
                e.functionCallArgumentsDelta().ifPresent(d -> deltas.add(d.delta()));
                acc.accumulate(e);
            });
        }

        assertThat(deltas).hasSizeGreaterThan(1);
        ResponseFunctionToolCall call = acc.response().output().get(0).asFunctionCall();
        assertThat(call.arguments()).isEqualTo("{\"city\":\"Rio de Janeiro\"}");
        assertThat(call.callId()).isEqualTo("call_sdk2");
    }

    @Test
    void previousResponseIdContinuesAndRetrieveAndDeleteWork() {
        h.up.enqueue(Reply.ok("Noted: blue."), Reply.ok("Blue."));
        Response first = client.responses().create(ask("My favourite colour is blue.").build());

        Response second = client.responses().create(ask("Which colour?").previousResponseId(first.id()).build());
        Response retrieved = client.responses().retrieve(first.id());
        client.responses().delete(first.id());

        assertThat(second.previousResponseId()).contains(first.id());
        assertThat(h.upstream(2).get(1).rawBody()).contains("favourite colour is blue", "Noted: blue.");
        assertThat(retrieved.id()).isEqualTo(first.id());
        assertThat(retrieved.output().get(0).asMessage().content().get(0).asOutputText().text())
                .isEqualTo("Noted: blue.");
        assertThatThrownBy(() -> client.responses().retrieve(first.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void inputTokensAreCounted() {
        long n = client.responses().inputTokens().count(InputTokenCountParams.builder().model("oa")
                .input("How many tokens is this?").build()).inputTokens();

        assertThat(n).isBetween(5L, 30L);
    }

    @Test
    void anUnknownPreviousResponseIdIsABadRequest() {
        assertThatThrownBy(() -> client.responses().create(ask("x").previousResponseId("resp_missing").build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.code()).contains("previous_response_not_found");
                });
    }

    @Test
    void aCutStreamEndsWithAnErrorEventAndAFailedResponseNeverCompleted() {
        h.up.enqueue(Reply.resetAfterChunks(2));
        List<String> types = new ArrayList<>();
        ResponseAccumulator acc = ResponseAccumulator.create();

        try (StreamResponse<ResponseStreamEvent> s = client.responses().createStreaming(ask("talk").build())) {
            s.stream().forEach(e -> {
                types.add(e.isCompleted() ? "completed" : e.isFailed() ? "failed" : e.isError() ? "error" : "other");
                acc.accumulate(e);
            });
        }

        assertThat(types).doesNotContain("completed").endsWith("error", "failed");
        assertThat(acc.response().status()).contains(ResponseStatus.FAILED);
        assertThat(acc.response().error()).isPresent();
    }
}
