package dev.freeport.dialect.gemini;

import dev.freeport.api.ChatResult;
import dev.freeport.api.Usage;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.UpstreamException;
import dev.freeport.provider.gemini.Wire;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class GeminiResponseTest {

    private static final String PLAIN = "{\"model\":\"g\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private static ChatResult decode(String name) {
        ChatResult r = Wire.codec().decodeChat(Wire.request(Wire.parse(PLAIN)), Wire.MODEL,
                Buffer.buffer(Wire.text("response/" + name + ".gemini.json")));
        Wire.assertGolden("response/" + name + ".openai.json", r.body());
        return r;
    }

    @Test
    void joinsTextPartsIntoContent() {
        ChatResult r = decode("text");
        assertThat(r.finishReason()).isEqualTo("stop");
        assertThat(r.usage()).isEqualTo(Usage.of(12, 7));
    }

    @Test
    void functionCallsBecomeToolCallsWithStableIdsAndReasoningUsage() {
        ChatResult r = decode("function_call");
        assertThat(r.finishReason()).isEqualTo("tool_calls");
        assertThat(r.usage()).isEqualTo(new Usage(80, 80, 64, 0, 50, false));
    }

    @Test
    void synthesizedToolIdsAreTheSameOnEveryDecode() {
        ChatResult a = decode("function_call");
        ChatResult b = decode("function_call");
        assertThat(a.body().at("/choices/0/message/tool_calls/0/id").asText())
                .isEqualTo(b.body().at("/choices/0/message/tool_calls/0/id").asText()).startsWith("call_");
    }

    @Test
    void thoughtPartsBecomeReasoningContent() {
        ChatResult r = decode("thought");
        assertThat(r.body().at("/choices/0/message/reasoning_content").asText()).startsWith("**Considering");
        assertThat(r.usage().reasoningTokens()).isEqualTo(100);
    }

    @Test
    void maxTokensBecomesLength() {
        assertThat(decode("max_tokens").finishReason()).isEqualTo("length");
    }

    @Test
    void safetyBecomesContentFilter() {
        assertThat(decode("safety").finishReason()).isEqualTo("content_filter");
    }

    @Test
    void blockedPromptBecomesEmptyContentFilterChoice() {
        assertThat(decode("prompt_blocked").finishReason()).isEqualTo("content_filter");
    }

    @Test
    void unreadableAnswerIsMalformed() {
        UpstreamException e = catchThrowableOfType(UpstreamException.class, () -> Wire.codec().decodeChat(
                Wire.request(Wire.parse(PLAIN)), Wire.MODEL, Buffer.buffer("<html>oops")));
        assertThat(e.failure().kind()).isEqualTo(FailureKind.MALFORMED);
    }
}
