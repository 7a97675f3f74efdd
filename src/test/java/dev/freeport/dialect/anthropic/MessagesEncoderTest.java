package dev.freeport.dialect.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.ChatResult;
import dev.freeport.api.Usage;
import dev.freeport.dialect.openai.OpenAiUsage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessagesEncoderTest {

    static ChatResult result(ObjectNode body) {
        String finish = body.path("choices").path(0).path("finish_reason").asText(null);
        return new ChatResult(body, OpenAiUsage.from(body.get("usage")), finish);
    }

    private static ObjectNode golden(String name) {
        ObjectNode out = MessagesEncoder.encode(result(FrontWire.json("response/" + name + ".openai.json")), "smart");
        FrontWire.assertGolden("response/" + name + ".anthropic.json", out);
        return out;
    }

    @Test
    void textAnswerBecomesOneTextBlockWithEndTurn() {
        golden("text");
    }

    @Test
    void toolCallsBecomeToolUseBlocksWithParsedInputAndRawTextForInvalidArguments() {
        ObjectNode out = golden("tool_use");
        assertThat(out.path("content").path(2).path("input").path(Shapes.INVALID_ARGUMENTS).asText())
                .isEqualTo("{\"city\": \"Oslo\"");
    }

    @Test
    void reasoningContentBecomesThinkingBlockBeforeText() {
        golden("thinking");
    }

    @Test
    void lengthBecomesMaxTokens() {
        assertThat(golden("length").path("stop_reason").asText()).isEqualTo("max_tokens");
    }

    @Test
    void cachedPromptTokensAreReportedAsCacheReadAndExcludedFromInputTokens() {
        ObjectNode usage = (ObjectNode) golden("cache_usage").get("usage");
        assertThat(usage.path("input_tokens").asLong()).isEqualTo(86);
        assertThat(usage.path("cache_read_input_tokens").asLong()).isEqualTo(1920);
    }

    @Test
    void matchedStopStringNamedByVllmBecomesStopSequence() {
        ObjectNode out = golden("stop_sequence_vllm");
        assertThat(out.path("stop_reason").asText()).isEqualTo("stop_sequence");
        assertThat(out.path("stop_sequence").asText()).isEqualTo("13");
    }

    @Test
    void stopWithToolCallsIsReportedAsToolUse() {
        ObjectNode body = FrontWire.json("response/tool_use.openai.json");
        ObjectNode out = MessagesEncoder.encode(new ChatResult(body, Usage.NONE, "stop"), "smart");
        assertThat(out.path("stop_reason").asText()).isEqualTo("tool_use");
    }

    @Test
    void contentFilterBecomesRefusal() {
        ObjectNode body = FrontWire.json("response/text.openai.json");
        ObjectNode out = MessagesEncoder.encode(new ChatResult(body, Usage.NONE, "content_filter"), "smart");
        assertThat(out.path("stop_reason").asText()).isEqualTo("refusal");
    }

    @Test
    void givenUsageOverridesTheResultsOwn() {
        ObjectNode body = FrontWire.json("response/text.openai.json");
        ObjectNode out = MessagesEncoder.encode(result(body), "smart", new Usage(100, 7, 0, 0, 0, true));
        assertThat(out.path("usage").path("input_tokens").asLong()).isEqualTo(100);
        assertThat(out.path("usage").path("output_tokens").asLong()).isEqualTo(7);
    }

    @Test
    void anthropicIdFromAnAnthropicBackEndIsKept() {
        ObjectNode body = FrontWire.json("response/text.openai.json");
        body.put("id", "msg_01XFDUDYJgAACzvnptvVoYEL");
        assertThat(MessagesEncoder.encode(result(body), "smart").path("id").asText())
                .isEqualTo("msg_01XFDUDYJgAACzvnptvVoYEL");
    }
}
