package dev.freeport.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.api.ChatRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** An Anthropic caller's effort on Gemini: a thinking budget where the model thinks, nothing where it cannot. */
class GeminiEffortTest {
    private static final ChatRequest FROM_ANTHROPIC = Wire.request(Wire.parse("{\"model\":\"coder\",\"messages\":"
            + "[{\"role\":\"user\",\"content\":\"hi\"}],\"reasoning_effort\":\"medium\"}"))
            .withNativeAnthropic(Wire.parse("{}"));

    private static JsonNode sent(ChatRequest r, String model) {
        return Wire.parse(Wire.codec().encodeChat(r, model, false).body().toString());
    }

    @Test
    void becomesAThinkingBudgetOnAThinkingModelAndIsLeftOutForOneThatRefusesAThinkingConfig() {
        assertThat(sent(FROM_ANTHROPIC, "gemini-2.5-pro").at("/generationConfig/thinkingConfig/thinkingBudget")
                .asInt()).isEqualTo(8192);
        assertThat(sent(FROM_ANTHROPIC, "gemini-2.0-flash").at("/generationConfig/thinkingConfig").isMissingNode())
                .isTrue();
    }
}
