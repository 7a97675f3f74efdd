package dev.freeport.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.api.ChatRequest;
import dev.freeport.api.EmbeddingsRequest;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.UpstreamException;
import dev.freeport.provider.http.ProviderSettings;
import dev.freeport.provider.http.ProviderSettings.AuthStyle;
import dev.freeport.provider.http.UpstreamRequest;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenAiCodecEncodeTest {

    private static final String BODY = """
            {"model":"fast","messages":[{"role":"user","content":"hi"}],"temperature":0.2,
             "stream":true,"stream_options":{"include_usage":false,"include_obfuscation":false},
             "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}],
             "x_vendor_flag":{"nested":[1,2,3]},"max_completion_tokens":256}""";

    private static JsonNode body(UpstreamRequest r) throws IOException {
        return Wire.JSON.readTree(r.body().getBytes());
    }

    @Test
    void replacesModelAndKeepsUnknownFields() throws IOException {
        ChatRequest req = Wire.request(BODY, false);
        JsonNode sent = body(Wire.codec("openai").encodeChat(req, "gpt-4o-mini-2024-07-18", false));
        assertThat(sent.get("model").asText()).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(sent.get("x_vendor_flag")).isEqualTo(req.body().get("x_vendor_flag"));
        assertThat(sent.get("tools")).isEqualTo(req.body().get("tools"));
        assertThat(sent.get("temperature").asDouble()).isEqualTo(0.2);
    }

    @Test
    void anAnthropicCallersEffortGoesOnlyToHostsThatTakeItWhileAnOpenAiCallersOwnPasses() throws IOException {
        ChatRequest fromAnthropic = Wire.request("{\"model\":\"coder\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}],\"reasoning_effort\":\"medium\"}", false)
                .withNativeAnthropic(Wire.JSON.createObjectNode());
        assertThat(body(Wire.codec("vllm").encodeChat(fromAnthropic, "qwen3-coder", false))
                .get("reasoning_effort").asText()).isEqualTo("medium");
        assertThat(body(Wire.codec("openai").encodeChat(fromAnthropic, "gpt-5", false))
                .get("reasoning_effort").asText()).isEqualTo("medium");
        assertThat(body(Wire.codec("openai").encodeChat(fromAnthropic, "gpt-4.1", false))
                .has("reasoning_effort")).isFalse();
        assertThat(body(Wire.codec("deepseek").encodeChat(fromAnthropic, "deepseek-chat", false))
                .has("reasoning_effort")).isFalse();
        ChatRequest own = Wire.request("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"reasoning_effort\":\"low\"}", false);
        assertThat(body(Wire.codec("deepseek").encodeChat(own, "deepseek-chat", false)).get("reasoning_effort")
                .asText()).as("an OpenAI caller's own field passes").isEqualTo("low");
    }

    @Test
    void doesNotMutateCallersBody() {
        ChatRequest req = Wire.request(BODY, true);
        String before = req.body().toString();
        Wire.codec("deepseek").encodeChat(req, "deepseek-chat", true);
        assertThat(req.body().toString()).isEqualTo(before);
    }

    @Test
    void nonStreamDropsStreamFields() throws IOException {
        JsonNode sent = body(Wire.codec("openai").encodeChat(Wire.request(BODY, false), "m", false));
        assertThat(sent.has("stream")).isFalse();
        assertThat(sent.has("stream_options")).isFalse();
    }

    @Test
    void streamAsksForUsageAndKeepsOtherStreamOptions() throws IOException {
        JsonNode sent = body(Wire.codec("openai").encodeChat(Wire.request(BODY, true), "m", true));
        assertThat(sent.get("stream").asBoolean()).isTrue();
        assertThat(sent.at("/stream_options/include_usage").asBoolean()).isTrue();
        assertThat(sent.at("/stream_options/include_obfuscation").isBoolean()).isTrue();
    }

    @Test
    void streamAddsStreamOptionsWhenCallerSentNone() throws IOException {
        ChatRequest req = Wire.request("{\"model\":\"fast\",\"messages\":[]}", true);
        JsonNode sent = body(Wire.codec("qwen").encodeChat(req, "qwen-plus", true));
        assertThat(sent.get("stream_options").toString()).isEqualTo("{\"include_usage\":true}");
    }

    @Test
    void mistralGetsNoStreamOptions() throws IOException {
        JsonNode sent = body(Wire.codec("mistral").encodeChat(Wire.request(BODY, true), "mistral-large-latest", true));
        assertThat(sent.get("stream").asBoolean()).isTrue();
        assertThat(sent.has("stream_options")).isFalse();
    }

    @Test
    void renamesMaxCompletionTokensForMaxTokensHosts() throws IOException {
        for (String preset : List.of("deepseek", "mistral", "ollama")) {
            JsonNode sent = body(Wire.codec(preset).encodeChat(Wire.request(BODY, false), "m", false));
            assertThat(sent.has("max_completion_tokens")).as(preset).isFalse();
            assertThat(sent.get("max_tokens").asInt()).as(preset).isEqualTo(256);
        }
    }

    @Test
    void renamesMaxTokensForOpenAi() throws IOException {
        ChatRequest req = Wire.request("{\"model\":\"fast\",\"messages\":[],\"max_tokens\":100}", false);
        JsonNode sent = body(Wire.codec("openai").encodeChat(req, "o3-mini", false));
        assertThat(sent.has("max_tokens")).isFalse();
        assertThat(sent.get("max_completion_tokens").asInt()).isEqualTo(100);
    }

    @Test
    void newerCapWinsWhenBothAreSent() throws IOException {
        ChatRequest req = Wire.request(
                "{\"model\":\"f\",\"messages\":[],\"max_tokens\":100,\"max_completion_tokens\":300}", false);
        JsonNode toDeepseek = body(Wire.codec("deepseek").encodeChat(req, "m", false));
        JsonNode toOpenai = body(Wire.codec("openai").encodeChat(req, "m", false));
        assertThat(toDeepseek.get("max_tokens").asInt()).isEqualTo(300);
        assertThat(toDeepseek.has("max_completion_tokens")).isFalse();
        assertThat(toOpenai.get("max_completion_tokens").asInt()).isEqualTo(300);
        assertThat(toOpenai.has("max_tokens")).isFalse();
    }

    @Test
    void plainCompatibleServerKeepsCallersCapSpelling() throws IOException {
        OpenAiCodec codec = new OpenAiCodec(OpenAiPresets.settings(
                Wire.config(null, "http://10.0.0.5:9000/v1", null, Map.of())));
        JsonNode sent = body(codec.encodeChat(Wire.request(BODY, false), "m", false));
        assertThat(sent.get("max_completion_tokens").asInt()).isEqualTo(256);
        assertThat(sent.has("max_tokens")).isFalse();
    }

    @Test
    void postsJsonToChatCompletions() {
        UpstreamRequest r = Wire.codec("openai").encodeChat(Wire.simpleRequest(), "m", false);
        assertThat(r.method()).isEqualTo(HttpMethod.POST);
        assertThat(r.path()).isEqualTo("/chat/completions");
        assertThat(r.headers().get("Content-Type")).isEqualTo("application/json");
        assertThat(r.headers().get("Accept")).isEqualTo("application/json");
    }

    @Test
    void streamAcceptsEventStream() {
        UpstreamRequest r = Wire.codec("openai").encodeChat(Wire.simpleRequest(), "m", true);
        assertThat(r.headers().get("accept")).isEqualTo("text/event-stream");
    }

    @Test
    void sendsAuthPerStyle() {
        Map<AuthStyle, String[]> expected = Map.of(
                AuthStyle.BEARER, new String[] {"Authorization", "Bearer k-123"},
                AuthStyle.X_API_KEY, new String[] {"x-api-key", "k-123"},
                AuthStyle.API_KEY_HEADER, new String[] {"api-key", "k-123"});
        for (var e : expected.entrySet()) {
            UpstreamRequest r = new OpenAiCodec(withAuth(e.getKey(), "k-123"))
                    .encodeChat(Wire.simpleRequest(), "m", false);
            assertThat(r.headers().get(e.getValue()[0])).as(e.getKey().name()).isEqualTo(e.getValue()[1]);
            assertThat(r.headers().names()).as(e.getKey().name())
                    .containsExactlyInAnyOrder("content-type", "accept", e.getValue()[0].toLowerCase());
        }
    }

    @Test
    void noneStyleSendsNoKey() {
        UpstreamRequest r = new OpenAiCodec(withAuth(AuthStyle.NONE, "k-123")).encodeChat(Wire.simpleRequest(), "m",
                false);
        assertThat(r.headers().names()).containsExactlyInAnyOrder("content-type", "accept");
    }

    @Test
    void noAuthorizationWithoutKey() {
        UpstreamRequest r = new OpenAiCodec(Wire.settings("ollama", null)).encodeChat(Wire.simpleRequest(), "m", false);
        assertThat(r.headers().contains("authorization")).isFalse();
    }

    @Test
    void sendsConfiguredHeaders() {
        OpenAiCodec codec = new OpenAiCodec(OpenAiPresets.settings(Wire.config("openrouter", null, "k",
                Map.of("HTTP-Referer", "https://freeport.dev", "X-Title", "Freeport"))));
        UpstreamRequest r = codec.encodeChat(Wire.simpleRequest(), "m", false);
        assertThat(r.headers().get("http-referer")).isEqualTo("https://freeport.dev");
        assertThat(r.headers().get("X-Title")).isEqualTo("Freeport");
    }

    @Test
    void encodesEmbeddingsWithModelReplaced() throws IOException {
        var body = (com.fasterxml.jackson.databind.node.ObjectNode) Wire.JSON.readTree(
                "{\"model\":\"emb\",\"input\":[\"a\",\"b\"],\"dimensions\":256}");
        UpstreamRequest r = Wire.codec("openai").encodeEmbeddings(
                new EmbeddingsRequest("emb", List.of("a", "b"), null, body), "text-embedding-3-small");
        JsonNode sent = body(r);
        assertThat(r.path()).isEqualTo("/embeddings");
        assertThat(sent.get("model").asText()).isEqualTo("text-embedding-3-small");
        assertThat(sent.get("dimensions").asInt()).isEqualTo(256);
    }

    @Test
    void refusesEmbeddingsWhereHostHasNone() throws IOException {
        var body = (com.fasterxml.jackson.databind.node.ObjectNode) Wire.JSON.readTree("{\"input\":\"a\"}");
        EmbeddingsRequest req = new EmbeddingsRequest("emb", List.of("a"), null, body);
        assertThatThrownBy(() -> Wire.codec("deepseek").encodeEmbeddings(req, "m"))
                .isInstanceOfSatisfying(UpstreamException.class,
                        e -> assertThat(e.failure().kind()).isEqualTo(FailureKind.CLIENT_ERROR));
    }

    private static ProviderSettings withAuth(AuthStyle style, String key) {
        ProviderSettings s = Wire.settings("openai", key);
        return new ProviderSettings(s.name(), s.type(), s.preset(), s.baseUrl(), s.apiKey(), style, s.headers(),
                s.quirks());
    }
}
