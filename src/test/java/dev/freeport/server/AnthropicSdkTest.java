package dev.freeport.server;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.NotFoundException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.anthropic.models.messages.ToolUseBlockParam;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import dev.freeport.testing.ToolCall;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The official Anthropic Java SDK against Freeport's /v1/messages, served by an OpenAI-format upstream. */
class AnthropicSdkTest {
    private static final String KEY = "fp-anthropic-sdk";
    private static FakeUpstream up;
    private static TestGateway gw;
    private static AnthropicClient client;

    @BeforeAll
    static void start() {
        up = FakeUpstream.start();
        gw = TestGateway.builder().masterKey(KEY).openai("open", up.baseUrl())
                .alias("claude-sonnet-4-5", "open/deepseek-chat").start();
        client = AnthropicOkHttpClient.builder().baseUrl(gw.base()).apiKey(KEY).maxRetries(0).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        gw.close();
        up.close();
    }

    @BeforeEach
    void fresh() {
        up.clear();
    }

    private static MessageCreateParams.Builder ask(String text) {
        return MessageCreateParams.builder().model("claude-sonnet-4-5").maxTokens(256).addUserMessage(text);
    }

    private static Tool weather() {
        return Tool.builder().name("get_weather").description("weather for a city")
                .inputSchema(Tool.InputSchema.builder().properties(JsonValue.from(Map.of("city",
                        Map.of("type", "string")))).putAdditionalProperty("required", JsonValue.from(List.of("city")))
                        .build()).build();
    }

    @Test
    void nonStreamingMessage() {
        up.enqueue(Reply.ok("Hello from an open model").usage(12, 5));
        Message m = client.messages().create(ask("hello").build());
        assertThat(m.content().get(0).text().orElseThrow().text()).isEqualTo("Hello from an open model");
        assertThat(m.stopReason()).contains(StopReason.END_TURN);
        assertThat(m.usage().inputTokens()).isEqualTo(12);
        assertThat(m.usage().outputTokens()).isEqualTo(5);
        assertThat(up.requests().get(0).path()).endsWith("/chat/completions");
        assertThat(up.requests().get(0).model()).isEqualTo("deepseek-chat");
    }

    @Test
    void streamingMessageAccumulates() {
        up.enqueue(Reply.ok("streamed through the gateway").usage(9, 4));
        MessageAccumulator acc = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> s = client.messages().createStreaming(ask("stream").build())) {
            s.stream().forEach(acc::accumulate);
        }
        Message m = acc.message();
        assertThat(m.content().get(0).text().orElseThrow().text()).isEqualTo("streamed through the gateway");
        assertThat(m.usage().outputTokens()).isEqualTo(4);
        UsageEvent e = gw.awaitEvents(1).get(gw.awaitEvents(1).size() - 1);
        assertThat(e.stream()).isTrue();
        assertThat(e.facts().front()).isEqualTo("anthropic");
    }

    @Test
    void toolRoundTripKeepsTheIdAndTheResult() {
        up.enqueue(Reply.toolCalls(new ToolCall("call_abc123", "get_weather", "{\"city\":\"Oslo\"}")));
        Message first = client.messages().create(ask("weather in Oslo?").addTool(weather()).build());
        ToolUseBlock use = first.content().stream().filter(b -> b.isToolUse()).findFirst().orElseThrow().asToolUse();
        assertThat(use.id()).isEqualTo("call_abc123");
        assertThat(use._input().convert(Map.class)).isEqualTo(Map.of("city", "Oslo"));
        assertThat(first.stopReason()).contains(StopReason.TOOL_USE);

        up.enqueue(Reply.ok("It is sunny in Oslo."));
        Message second = client.messages().create(MessageCreateParams.builder().model("claude-sonnet-4-5")
                .maxTokens(256).addTool(weather())
                .addUserMessage("weather in Oslo?")
                .addAssistantMessageOfContentBlockParams(List.of(
                        ContentBlockParam.ofToolUse(ToolUseBlockParam.builder().id(use.id()).name(use.name())
                                .input(use._input()).build())))
                .addUserMessageOfContentBlockParams(List.of(
                        ContentBlockParam.ofToolResult(ToolResultBlockParam.builder().toolUseId(use.id())
                                .content("sunny, 21C").build())))
                .build());
        assertThat(second.content().get(0).text().orElseThrow().text()).isEqualTo("It is sunny in Oslo.");
        var sent = up.requests().get(1).body().path("messages");
        assertThat(sent.get(1).path("tool_calls").get(0).path("id").asText()).isEqualTo("call_abc123");
        assertThat(sent.get(2).path("role").asText()).isEqualTo("tool");
        assertThat(sent.get(2).path("tool_call_id").asText()).isEqualTo("call_abc123");
        assertThat(sent.get(2).path("content").asText()).contains("sunny, 21C");
    }

    @Test
    void countTokens() {
        long n = client.messages().countTokens(MessageCountTokensParams.builder().model("claude-sonnet-4-5")
                .addUserMessage("How many tokens is this sentence?").build()).inputTokens();
        assertThat(n).isBetween(8L, 30L);
        assertThat(up.requests()).isEmpty();
    }

    @Test
    void unknownModelIsNotFound() {
        assertThatThrownBy(() -> client.messages().create(ask("hi").model("claude-nope").build()))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("not_found_error");
    }

    @Test
    void wrongKeyIsUnauthorized() {
        AnthropicClient bad = AnthropicOkHttpClient.builder().baseUrl(gw.base()).apiKey("wrong").maxRetries(0)
                .build();
        assertThatThrownBy(() -> bad.messages().create(ask("hi").build()))
                .isInstanceOf(UnauthorizedException.class).hasMessageContaining("authentication_error");
    }

    @Test
    void invalidRequestIsBadRequest() {
        assertThatThrownBy(() -> client.messages().create(ask("hi").maxTokens(0).build()))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("invalid_request_error");
    }

    @Test
    void upstreamRateLimitIsRateLimited() {
        up.enqueue(Reply.status(429).retryAfter(60));
        assertThatThrownBy(() -> client.messages().create(ask("hi").build()))
                .isInstanceOf(RateLimitException.class).hasMessageContaining("rate_limit_error");
    }

    @Test
    void upstreamOverloadIs529Overloaded() {
        for (int i = 0; i < 4; i++) {
            up.enqueue(Reply.status(503));
        }
        assertThatThrownBy(() -> client.messages().create(ask("hi").build()))
                .isInstanceOfSatisfying(AnthropicServiceException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(529))
                .hasMessageContaining("overloaded_error");
    }

    @Test
    void aStreamCutMidwayEndsWithAnErrorEvent() {
        up.enqueue(Reply.ok("one two three four five").resetAfterChunks(2));
        assertThatThrownBy(() -> {
            try (StreamResponse<RawMessageStreamEvent> s = client.messages().createStreaming(ask("x").build())) {
                s.stream().forEach(e -> { });
            }
        }).hasMessageContaining("api_error");
    }

    @Test
    void modelsInAnthropicShapeWhenAsked() {
        var r = gw.get("/v1/models", "x-api-key", KEY, "anthropic-version", "2023-06-01");
        var data = TestGateway.json(r.body()).path("data");
        assertThat(data.get(0).path("type").asText()).isEqualTo("model");
        assertThat(data.get(0).path("id").asText()).isEqualTo("claude-sonnet-4-5");
    }

    @Test
    void textBlockParamsWork() {
        up.enqueue(Reply.ok("fine"));
        Message m = client.messages().create(MessageCreateParams.builder().model("claude-sonnet-4-5").maxTokens(50)
                .system("Be brief.").addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofText(
                        TextBlockParam.builder().text("hi").build()))).build());
        assertThat(m.content().get(0).text().orElseThrow().text()).isEqualTo("fine");
        assertThat(up.requests().get(0).body().path("messages").get(0).path("role").asText()).isEqualTo("system");
    }
}
