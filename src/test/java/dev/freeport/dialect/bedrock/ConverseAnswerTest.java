package dev.freeport.dialect.bedrock;

import dev.freeport.api.ChatResult;
import dev.freeport.provider.bedrock.Wire;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConverseAnswerTest {
    private static final String ASK = "{\"model\":\"claude\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private static ChatResult golden(String name) {
        Buffer body = Buffer.buffer(Wire.json("response/" + name + ".converse.json").toString());
        ChatResult r = Wire.codec().decodeChat(Wire.request(Wire.parse(ASK)), Wire.MODEL, body);
        Wire.assertGolden("response/" + name + ".openai.json", r.body());
        return r;
    }

    @Test
    void cacheReadsAndWritesAreCountedIntoThePromptAndReportedApart() {
        ChatResult r = golden("text_cache");
        assertThat(r.usage().inputTokens()).isEqualTo(12 + 2000 + 48);
        assertThat(r.usage().cachedInputTokens()).isEqualTo(2000);
        assertThat(r.usage().cacheCreationTokens()).isEqualTo(48);
        assertThat(r.usage().outputTokens()).isEqualTo(8);
    }

    @Test
    void toolUseAndReasoningBecomeToolCallsAndReasoningContent() {
        ChatResult r = golden("tool_use");
        assertThat(r.finishReason()).isEqualTo("tool_calls");
    }

    @Test
    void aGuardrailInterventionIsAContentFilterFinish() {
        assertThat(golden("guardrail").finishReason()).isEqualTo("content_filter");
    }
}
