package dev.freeport.cache;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Streams and the cache: a kept answer is served as a stream the official OpenAI SDK reads (with its usage chunk only
 * when asked), a streamed answer is kept and served again, a cut stream is never kept, and an Anthropic caller gets
 * a hit in Messages format.
 */
class CachedStreamsTest {
    FakeUpstream up;
    TestGateway gw;
    OpenAIClient client;

    @BeforeEach
    void start() {
        up = FakeUpstream.start();
        up.setDefault(Reply.ok("one two three four").usage(5, 4));
        gw = TestGateway.fromYamlWithConfig(ResponseCacheTest.config(up, "{ ttl: 1h }"),
                (vx, cfg) -> List.of(CacheModule.open(vx, cfg)));
        client = OpenAIOkHttpClient.builder().baseUrl(gw.base() + "/v1").apiKey("test").maxRetries(0).build();
    }

    @AfterEach
    void close() {
        client.close();
        gw.close();
        up.close();
    }

    static ChatCompletionCreateParams.Builder params() {
        return ChatCompletionCreateParams.builder().model("smart").temperature(0).addUserMessage("count to four");
    }

    List<ChatCompletionChunk> stream(ChatCompletionCreateParams request, ChatCompletionAccumulator acc) {
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(request)) {
            s.stream().forEach(c -> {
                chunks.add(c);
                acc.accumulate(c);
            });
        }
        return chunks;
    }

    @Test
    void anAnswerKeptFromJsonIsServedAsAStreamWithItsUsageWhenAsked() {
        client.chat().completions().create(params().build());

        ChatCompletionAccumulator acc = ChatCompletionAccumulator.create();
        List<ChatCompletionChunk> chunks = stream(params().streamOptions(ChatCompletionStreamOptions.builder()
                .includeUsage(true).build()).build(), acc);

        assertThat(up.requests()).hasSize(1);
        assertThat(acc.chatCompletion().choices().getFirst().message().content()).contains("one two three four");
        assertThat(chunks.getFirst().model()).isEqualTo("smart");
        assertThat(chunks.getLast().choices()).isEmpty();
        assertThat(chunks.getLast().usage().orElseThrow().promptTokens()).isEqualTo(5);
        assertThat(chunks.getLast().usage().orElseThrow().completionTokens()).isEqualTo(4);
        assertThat(gw.awaitEvents(2).get(1).cache()).isEqualTo("hit");
    }

    @Test
    void aCachedStreamHasNoUsageWhenNotAskedAndEndsWithItsFinishReason() {
        client.chat().completions().create(params().build());

        List<ChatCompletionChunk> chunks = stream(params().build(), ChatCompletionAccumulator.create());

        assertThat(up.requests()).hasSize(1);
        assertThat(chunks).isNotEmpty().allSatisfy(c -> assertThat(c.usage()).isEmpty());
        assertThat(chunks.getLast().choices().getFirst().finishReason())
                .contains(ChatCompletionChunk.Choice.FinishReason.STOP);
    }

    @Test
    void aStreamedAnswerIsKeptAndServedAgainAsJsonAndAsAStream() {
        stream(params().build(), ChatCompletionAccumulator.create());

        String json = client.chat().completions().create(params().build()).choices().getFirst().message().content()
                .orElseThrow();
        ChatCompletionAccumulator acc = ChatCompletionAccumulator.create();
        stream(params().build(), acc);

        assertThat(up.requests()).hasSize(1);
        assertThat(json).isEqualTo("one two three four");
        assertThat(acc.chatCompletion().choices().getFirst().message().content()).contains("one two three four");
        List<UsageEvent> events = gw.awaitEvents(3);
        assertThat(events).extracting(UsageEvent::cache).containsExactly("miss", "hit", "hit");
        assertThat(events.get(1).savedNanos()).isEqualTo(events.get(0).costNanos()).isPositive();
    }

    @Test
    void aCutStreamIsNeverKept() {
        up.enqueue(Reply.resetAfterChunks(2));
        String body = "{\"model\":\"smart\",\"temperature\":0,\"stream\":true,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"count to four\"}]}";

        gw.post("/v1/chat/completions", body);
        HttpResponse<String> next = gw.post("/v1/chat/completions", body);

        assertThat(next.headers().firstValue("x-freeport-cache")).contains("miss");
        assertThat(up.requests()).hasSize(2);
    }

    @Test
    void anAnthropicCallerGetsAHitInMessagesFormat() {
        String body = "{\"model\":\"smart\",\"max_tokens\":100,\"temperature\":0,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"count to four\"}]}";
        gw.post("/v1/messages", body, "anthropic-version", "2023-06-01");

        HttpResponse<String> hit = gw.post("/v1/messages", body, "anthropic-version", "2023-06-01");
        HttpResponse<String> streamed = gw.post("/v1/messages", body.replace("{\"model\"",
                "{\"stream\":true,\"model\""), "anthropic-version", "2023-06-01");

        assertThat(up.requests()).hasSize(1);
        assertThat(hit.headers().firstValue("x-freeport-cache")).contains("hit");
        assertThat(TestGateway.json(hit.body()).path("type").asText()).isEqualTo("message");
        assertThat(TestGateway.json(hit.body()).path("content").path(0).path("text").asText())
                .isEqualTo("one two three four");
        assertThat(streamed.headers().firstValue("x-freeport-cache")).contains("hit");
        assertThat(streamed.body()).contains("event: message_start").contains("one two three four")
                .contains("event: message_stop");
    }

    @Test
    void aResponsesApiCallerGetsAHitAsAResponseObject() {
        gw.close();
        gw = TestGateway.fromYamlWithConfig(ResponseCacheTest.config(up, "{ ttl: 1h }"), (vx, cfg) -> List.of(
                dev.freeport.front.responses.ResponsesModule.open(vx, cfg), CacheModule.open(vx, cfg)));
        String body = "{\"model\":\"smart\",\"temperature\":0,\"input\":\"count to four\"}";
        gw.post("/v1/responses", body);

        HttpResponse<String> hit = gw.post("/v1/responses", body);

        assertThat(up.requests()).hasSize(1);
        assertThat(hit.statusCode()).as(hit.body()).isEqualTo(200);
        assertThat(hit.headers().firstValue("x-freeport-cache")).contains("hit");
        assertThat(TestGateway.json(hit.body()).path("object").asText()).isEqualTo("response");
        assertThat(hit.body()).contains("one two three four");
    }

    @Test
    void anAnswerPassedThroughNativelyFromAnAnthropicUpstreamIsServedAgainInMessagesFormat() {
        gw.close();
        gw = TestGateway.fromYamlWithConfig("providers:\n  claude: { type: anthropic, base_url: "
                + up.anthropicBaseUrl() + ", api_key: k }\nmodels:\n  - name: smart\n    targets: [ { provider: "
                + "claude, model: claude-x, price: { input: 3, output: 15 } } ]\n    cache: { ttl: 1h }\n",
                (vx, cfg) -> List.of(CacheModule.open(vx, cfg)));
        String body = "{\"model\":\"smart\",\"max_tokens\":100,\"temperature\":0,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"count to four\"}]}";
        HttpResponse<String> first = gw.post("/v1/messages", body, "anthropic-version", "2023-06-01");

        HttpResponse<String> hit = gw.post("/v1/messages", body, "anthropic-version", "2023-06-01");

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(up.requests()).hasSize(1);
        assertThat(hit.headers().firstValue("x-freeport-cache")).contains("hit");
        assertThat(TestGateway.json(hit.body()).path("content").path(0).path("text").asText())
                .isEqualTo(TestGateway.json(first.body()).path("content").path(0).path("text").asText());
        assertThat(TestGateway.json(hit.body()).path("stop_reason").asText()).isEqualTo("end_turn");
    }
}
