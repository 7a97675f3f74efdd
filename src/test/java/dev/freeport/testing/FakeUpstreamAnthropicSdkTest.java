package dev.freeport.testing;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.RateLimitException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolUseBlock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The official Anthropic Java SDK (base URL without /v1) understands every answer the fake gives. */
class FakeUpstreamAnthropicSdkTest {
    private static FakeUpstream up;
    private static AnthropicClient client;

    @BeforeAll
    static void startServer() {
        up = FakeUpstream.start();
        client = AnthropicOkHttpClient.builder().baseUrl(up.anthropicBaseUrl()).apiKey("test").maxRetries(0).build();
    }

    @AfterAll
    static void stopServer() {
        client.close();
        up.close();
    }

    @BeforeEach
    void reset() {
        up.clear();
    }

    private static MessageCreateParams.Builder params() {
        return MessageCreateParams.builder().model("claude-sonnet-4-5").maxTokens(256).addUserMessage("Say hello");
    }

    private static MessageCreateParams withWeatherTool() {
        Tool tool = Tool.builder().name("get_weather").inputSchema(Tool.InputSchema.builder()
                .putAdditionalProperty("type", JsonValue.from("object")).build()).build();
        return params().addTool(tool).build();
    }

    @Test
    void nonStreamMessageCarriesTextModelAndUsage() {
        up.enqueue(Reply.ok("Hello there, friend").usage(11, 4));

        Message message = client.messages().create(params().build());

        assertThat(message.model().asString()).isEqualTo("claude-sonnet-4-5");
        assertThat(message.content().getFirst().text().orElseThrow().text()).isEqualTo("Hello there, friend");
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.usage().inputTokens()).isEqualTo(11);
        assertThat(message.usage().outputTokens()).isEqualTo(4);
        assertThat(up.requests().getFirst().path()).isEqualTo("/v1/messages");
    }

    @Test
    void streamAccumulatesTextDeltasAndUsage() {
        up.enqueue(Reply.ok("one two three four").usage(6, 4));

        MessageAccumulator acc = MessageAccumulator.create();
        List<RawMessageStreamEvent> events = new ArrayList<>();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params().build())) {
            stream.stream().forEach(e -> {
                events.add(e);
                acc.accumulate(e);
            });
        }

        Message message = acc.message();
        assertThat(message.content().getFirst().text().orElseThrow().text()).isEqualTo("one two three four");
        assertThat(message.usage().inputTokens()).isEqualTo(6);
        assertThat(message.usage().outputTokens()).isEqualTo(4);
        assertThat(events.stream().filter(RawMessageStreamEvent::isContentBlockDelta).count()).isEqualTo(4);
        assertThat(events.getFirst().isMessageStart()).isTrue();
        assertThat(events.getLast().isMessageStop()).isTrue();
    }

    @Test
    void nonStreamToolUseBlockHasParsedInput() {
        up.enqueue(Reply.toolCalls(ToolCall.of("get_weather", "{\"city\":\"Paris\"}")));

        Message message = client.messages().create(withWeatherTool());

        ToolUseBlock block = message.content().getFirst().toolUse().orElseThrow();
        assertThat(block.name()).isEqualTo("get_weather");
        assertThat(block.id()).startsWith("toolu_");
        assertThat(block._input().convert(Map.class)).isEqualTo(Map.of("city", "Paris"));
        assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
    }

    @Test
    void streamedToolUseInputJsonDeltasReassemble() {
        up.enqueue(Reply.ok("Let me check.").withToolCalls(ToolCall.of("get_weather",
                "{\"city\":\"Paris\",\"unit\":\"celsius\"}")));

        MessageAccumulator acc = MessageAccumulator.create();
        long[] jsonDeltas = {0};
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(withWeatherTool())) {
            stream.stream().forEach(e -> {
                acc.accumulate(e);
                e.contentBlockDelta().filter(d -> d.delta().isInputJson()).ifPresent(d -> jsonDeltas[0]++);
            });
        }

        Message message = acc.message();
        assertThat(message.content()).hasSize(2);
        assertThat(message.content().get(0).text().orElseThrow().text()).isEqualTo("Let me check.");
        ToolUseBlock block = message.content().get(1).toolUse().orElseThrow();
        assertThat(block._input().convert(Map.class)).isEqualTo(Map.of("city", "Paris", "unit", "celsius"));
        assertThat(jsonDeltas[0]).isGreaterThan(2);
        assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
    }

    @Test
    void status429IsARateLimitException() {
        up.enqueue(Reply.status(429).retryAfter(3));

        assertThatThrownBy(() -> client.messages().create(params().build()))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.headers().values("retry-after")).containsExactly("3");
                    assertThat(e.getMessage()).contains("rate_limit_error");
                });
    }

    @Test
    void inBandErrorEventEndsTheStreamWithAnException() {
        up.enqueue(Reply.inBandError(2));

        List<RawMessageStreamEvent> events = new ArrayList<>();
        assertThatThrownBy(() -> {
            try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params().build())) {
                stream.stream().forEach(events::add);
            }
        }).hasMessageContaining("overloaded_error");
        assertThat(events.stream().filter(RawMessageStreamEvent::isContentBlockDelta).count()).isEqualTo(2);
    }
}
