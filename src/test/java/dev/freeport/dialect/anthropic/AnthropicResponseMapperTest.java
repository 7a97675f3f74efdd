package dev.freeport.dialect.anthropic;

import dev.freeport.api.ChatResult;
import dev.freeport.api.Usage;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.UpstreamException;
import dev.freeport.provider.anthropic.Wire;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AnthropicResponseMapperTest {

    private ChatResult golden(String name, String requestBody) {
        ChatResult r = Wire.codec().decodeChat(Wire.request(Wire.parse(requestBody)), Wire.MODEL,
                Buffer.buffer(Wire.text("response/" + name + ".anthropic.json")));
        Wire.assertGolden("response/" + name + ".openai.json", r.body());
        return r;
    }

    private ChatResult golden(String name) {
        return golden(name, "{\"model\":\"claude\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    @Test
    void joinsTextBlocksIntoContent() {
        ChatResult r = golden("text");
        assertThat(r.finishReason()).isEqualTo("stop");
        assertThat(r.usage()).isEqualTo(new Usage(21, 9, 0, 0, 0, false));
    }

    @Test
    void turnsToolUseBlocksIntoToolCallsWithJsonArguments() {
        assertThat(golden("tool_use").finishReason()).isEqualTo("tool_calls");
    }

    @Test
    void turnsThinkingIntoReasoningContentAndSkipsRedactedThinking() {
        golden("thinking");
    }

    @Test
    void countsCacheReadsAndWritesIntoPromptTokens() {
        ChatResult r = golden("cache_usage");
        assertThat(r.usage()).isEqualTo(new Usage(2150, 15, 1890, 248, 0, false));
    }

    @Test
    void mapsMaxTokensToLength() {
        assertThat(golden("max_tokens").finishReason()).isEqualTo("length");
    }

    @Test
    void turnsForcedSchemaToolIntoContentForJsonSchema() {
        ChatResult r = golden("json_schema", Wire.text("request/json_schema.openai.json"));
        assertThat(r.finishReason()).isEqualTo("stop");
    }

    @Test
    void rejectsBodyThatIsNotAMessageAsMalformed() {
        UpstreamException e = catchThrowableOfType(UpstreamException.class, () -> Wire.codec().decodeChat(
                Wire.request(Wire.parse("{\"messages\":[]}")), Wire.MODEL, Buffer.buffer("<html>oops</html>")));
        assertThat(e.failure().kind()).isEqualTo(FailureKind.MALFORMED);
    }

    @Test
    void mapsEveryStopReason() {
        assertThat(StopReasons.toOpenAi("end_turn")).isEqualTo("stop");
        assertThat(StopReasons.toOpenAi("stop_sequence")).isEqualTo("stop");
        assertThat(StopReasons.toOpenAi("pause_turn")).isEqualTo("stop");
        assertThat(StopReasons.toOpenAi("max_tokens")).isEqualTo("length");
        assertThat(StopReasons.toOpenAi("tool_use")).isEqualTo("tool_calls");
        assertThat(StopReasons.toOpenAi("refusal")).isEqualTo("content_filter");
        assertThat(StopReasons.toOpenAi(null)).isNull();
    }
}
