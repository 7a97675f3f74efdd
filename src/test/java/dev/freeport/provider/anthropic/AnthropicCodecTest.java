package dev.freeport.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.ObjectMappers;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import dev.freeport.api.ChatResult;
import dev.freeport.config.ProviderConfig;
import dev.freeport.provider.StreamItem;
import dev.freeport.provider.http.ProviderSettings;
import dev.freeport.provider.http.UpstreamRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AnthropicCodecTest {

    @Test
    void settingsDefaultToAnthropicBaseUrlApiKeyHeaderAndVersion() {
        ProviderSettings s = AnthropicCodec.settings(new ProviderConfig("claude", "anthropic", null, null, "k",
                Map.of(), null, null));
        assertThat(s.baseUrl()).isEqualTo("https://api.anthropic.com/v1");
        assertThat(s.authStyle()).isEqualTo(ProviderSettings.AuthStyle.X_API_KEY);
        assertThat(s.headers()).containsEntry("anthropic-version", "2023-06-01");
        assertThat(s.type()).isEqualTo("anthropic");
    }

    @Test
    void settingsMergeConfigHeadersOverDefaults() {
        ProviderSettings s = AnthropicCodec.settings(new ProviderConfig("claude", "anthropic", null,
                "http://127.0.0.1:9999/v1/", "k",
                Map.of("anthropic-beta", "prompt-caching-2024-07-31", "anthropic-version", "2024-01-01"), null, null));
        assertThat(s.baseUrl()).isEqualTo("http://127.0.0.1:9999/v1");
        assertThat(s.headers()).containsEntry("anthropic-beta", "prompt-caching-2024-07-31")
                .containsEntry("anthropic-version", "2024-01-01");
    }

    @Test
    void encodesPostToMessagesWithKeyVersionAndBody() {
        UpstreamRequest r = Wire.codec().encodeChat(
                Wire.request((com.fasterxml.jackson.databind.node.ObjectNode) Wire.json(
                        "request/system_string.openai.json")), Wire.MODEL, true);
        assertThat(r.method()).isEqualTo(HttpMethod.POST);
        assertThat(r.path()).isEqualTo("/messages");
        assertThat(r.headers().get("x-api-key")).isEqualTo(Wire.KEY);
        assertThat(r.headers().get("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(r.headers().get("content-type")).isEqualTo("application/json");
        JsonNode body = Wire.parse(r.body().toString());
        assertThat(body.get("stream").asBoolean()).isTrue();
        assertThat(body.get("model").asText()).isEqualTo(Wire.MODEL);
    }

    @Test
    void anAnthropicCallersBetasGoOnWithItsOwnRequestAfterTheConfiguredOnes() {
        AnthropicCodec codec = new AnthropicCodec(AnthropicCodec.settings(new ProviderConfig("claude", "anthropic",
                null, null, "k", Map.of("anthropic-beta", "prompt-caching-2024-07-31"), null, null)));
        var original = Wire.parse("{\"model\":\"coder\",\"max_tokens\":10,\"context_management\":{\"edits\":[]},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        var chat = Wire.request(Wire.parse("{\"model\":\"coder\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .withNativeAnthropic(original).withNativeHeaders(Map.of("anthropic-beta",
                        "claude-code-20250219, some-future-beta-2027-01-01,prompt-caching-2024-07-31,bad beta\u0000"));
        UpstreamRequest r = codec.encodeChat(chat, Wire.MODEL, true);
        assertThat(r.headers().get("anthropic-beta")).isEqualTo("prompt-caching-2024-07-31,claude-code-20250219,"
                + "some-future-beta-2027-01-01");
        assertThat(Wire.parse(r.body().toString()).has("context_management")).isTrue();
        var translated = Wire.request(Wire.parse("{\"model\":\"coder\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}]}")).withNativeHeaders(Map.of("anthropic-beta", "claude-code-20250219"));
        assertThat(codec.encodeChat(translated, Wire.MODEL, true).headers().get("anthropic-beta"))
                .as("a translated request gets the configured betas only").isEqualTo("prompt-caching-2024-07-31");
    }

    @Test
    void nonStreamAnswersParseWithTheOpenAiSdk() throws Exception {
        for (String name : List.of("text", "tool_use", "thinking", "cache_usage", "max_tokens")) {
            ChatResult r = Wire.codec().decodeChat(Wire.request(Wire.parse(
                    "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")), Wire.MODEL,
                    Buffer.buffer(Wire.text("response/" + name + ".anthropic.json")));
            ChatCompletion c = ObjectMappers.jsonMapper().readValue(r.body().toString(), ChatCompletion.class);
            c.validate();
            assertThat(c.choices()).hasSize(1);
        }
    }

    @Test
    void streamChunksParseWithTheOpenAiSdk() throws Exception {
        var decoder = Wire.codec().streamDecoder(Wire.request(Wire.parse(
                "{\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")), Wire.MODEL);
        StringBuilder args = new StringBuilder();
        for (StreamItem item : Wire.decode(decoder, "stream/tool_use.sse")) {
            if (item instanceof StreamItem.Chunk ch0) {
                ChatCompletionChunk c = ObjectMappers.jsonMapper().readValue(ch0.chunk().toString(),
                        ChatCompletionChunk.class);
                c.validate();
                c.choices().forEach(ch -> ch.delta().toolCalls().ifPresent(calls -> calls.stream()
                        .filter(t -> t.index() == 0)
                        .forEach(t -> t.function().flatMap(f -> f.arguments()).ifPresent(args::append))));
            }
        }
        assertThat(Wire.parse(args.toString()).get("location").asText()).isEqualTo("Paris, France");
    }
}
