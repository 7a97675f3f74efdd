package dev.freeport.provider.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.ChatResult;
import dev.freeport.api.EmbeddingsRequest;
import dev.freeport.api.EmbeddingsResult;
import dev.freeport.api.Usage;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.UpstreamException;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenAiCodecDecodeTest {

    private static ChatResult decode(String preset, String file) {
        return Wire.codec(preset).decodeChat(Wire.simpleRequest(), "m", Wire.buffer(file));
    }

    @Test
    void decodesTextAnswerWithUsage() throws Exception {
        ChatResult r = decode("openai", "chat-text.json");
        assertThat(r.finishReason()).isEqualTo("stop");
        assertThat(r.usage()).isEqualTo(new Usage(19, 10, 0, 0, 0, false));
        assertThat(r.body()).isEqualTo(Wire.JSON.readTree(Wire.bytes("chat-text.json")));
    }

    @Test
    void keepsParallelToolCallsAndCachedTokens() {
        ChatResult r = decode("openai", "chat-parallel-tools.json");
        assertThat(r.finishReason()).isEqualTo("tool_calls");
        assertThat(r.body().at("/choices/0/message/tool_calls")).hasSize(2);
        assertThat(r.body().at("/choices/0/message/tool_calls/1/id").asText())
                .isEqualTo("call_Gh6iJ7kL8mN9oP0qR1sT2uV3");
        assertThat(r.usage().cachedInputTokens()).isEqualTo(1536);
    }

    @Test
    void readsReasoningTokensOfJsonSchemaAnswer() {
        ChatResult r = decode("openai", "chat-json-schema.json");
        assertThat(r.usage().reasoningTokens()).isEqualTo(384);
        assertThat(r.usage().outputTokens()).isEqualTo(403);
        assertThat(r.body().at("/choices/0/message/content").asText()).startsWith("{\"name\":\"Science Fair\"");
    }

    @Test
    void readsDeepSeekCacheHits() {
        assertThat(decode("deepseek", "deepseek-chat.json").usage().cachedInputTokens()).isEqualTo(1024);
    }

    @Test
    void readsKimiTopLevelCachedTokens() throws Exception {
        ObjectNode body = (ObjectNode) Wire.JSON.readTree(Wire.bytes("kimi-chat.json"));
        ((ObjectNode) body.get("usage")).remove("prompt_tokens_details");
        ChatResult r = Wire.codec("moonshot").decodeChat(Wire.simpleRequest(), "m",
                Buffer.buffer(body.toString()));
        assertThat(r.usage()).isEqualTo(new Usage(2989, 21, 2816, 0, 0, false));
    }

    @Test
    void missingUsageIsNone() {
        String body = "{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"length\"}]}";
        ChatResult r = Wire.codec("vllm").decodeChat(Wire.simpleRequest(), "m", Buffer.buffer(body));
        assertThat(r.usage()).isSameAs(Usage.NONE);
        assertThat(r.finishReason()).isEqualTo("length");
    }

    @Test
    void answerWithoutChoicesIsMalformed() {
        assertMalformed("{\"id\":\"x\",\"object\":\"chat.completion\"}", "no \"choices\" array");
    }

    @Test
    void nonJsonAnswerIsMalformedWithShortSnippet() {
        String html = "<html><body>" + "x".repeat(5000) + "</body></html>";
        UpstreamException e = assertMalformed(html, "not JSON");
        assertThat(e.failure().message().length()).isLessThan(260);
    }

    @Test
    void arrayAnswerIsMalformed() {
        assertMalformed("[1,2]", "not a JSON object");
    }

    @Test
    void emptyAnswerIsMalformed() {
        assertMalformed("", "empty");
    }

    @Test
    void errorInA200AnswerIsMalformedWithItsMessage() {
        assertMalformed("{\"error\":{\"message\":\"upstream model crashed\",\"code\":502}}", "upstream model crashed");
    }

    @Test
    void decodesEmbeddingsUsage() throws Exception {
        ObjectNode req = (ObjectNode) Wire.JSON.readTree("{\"input\":[\"a\",\"b\"]}");
        EmbeddingsResult r = Wire.codec("openai").decodeEmbeddings(
                new EmbeddingsRequest("e", List.of("a", "b"), null, req), "m", Wire.buffer("embeddings.json"));
        assertThat(r.usage()).isEqualTo(Usage.of(8, 0));
        assertThat(r.body().get("data")).hasSize(2);
    }

    private static UpstreamException assertMalformed(String body, String says) {
        UpstreamException[] holder = new UpstreamException[1];
        assertThatThrownBy(() -> Wire.codec("openai").decodeChat(Wire.simpleRequest(), "m", Buffer.buffer(body)))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.failure().kind()).isEqualTo(FailureKind.MALFORMED);
                    assertThat(e.failure().message()).startsWith("openai: ").contains(says);
                    holder[0] = e;
                });
        return holder[0];
    }
}
