package dev.freeport.dialect.anthropic;

import com.anthropic.core.ObjectMappers;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Feeds the encoder's SSE data to the official Anthropic Java SDK's stream accumulator (no HTTP). */
class AnthropicSdkAccumulatorTest {

    private static Message accumulate(List<Buffer> frames) throws Exception {
        MessageAccumulator acc = MessageAccumulator.create();
        for (Buffer b : frames) {
            String s = b.toString(StandardCharsets.UTF_8);
            String data = s.substring(s.indexOf("data: ") + 6).strip();
            acc.accumulate(ObjectMappers.jsonMapper().readValue(data, RawMessageStreamEvent.class));
        }
        return acc.message();
    }

    @Test
    void sdkRebuildsTextAndTwoToolCallsWithTheirInputsAndUsage() throws Exception {
        Message m = accumulate(MessagesStreamEncoderTest.run("text_then_two_tools", 0));
        assertThat(m.model().asString()).isEqualTo("smart");
        assertThat(m.content()).hasSize(3);
        assertThat(m.content().get(0).asText().text()).isEqualTo("Checking both.");
        ContentBlock paris = m.content().get(1);
        assertThat(paris.asToolUse().id()).isEqualTo("call_paris");
        assertThat(paris.asToolUse()._input().toString()).contains("Paris");
        assertThat(m.content().get(2).asToolUse()._input().toString()).contains("Oslo");
        assertThat(m.stopReason()).contains(StopReason.TOOL_USE);
        assertThat(m.usage().outputTokens()).isEqualTo(38);
        assertThat(m.usage().cacheReadInputTokens()).contains(64L);
    }

    @Test
    void sdkRebuildsThinkingThenText() throws Exception {
        Message m = accumulate(MessagesStreamEncoderTest.run("reasoning_then_text", 14));
        assertThat(m.content().get(0).asThinking().thinking()).isEqualTo("1003 / 17 = 59.");
        assertThat(m.content().get(0).asThinking().signature()).isEmpty();
        assertThat(m.content().get(1).asText().text()).isEqualTo("Not prime: 17 × 59.");
        assertThat(m.stopReason()).contains(StopReason.END_TURN);
    }

    @Test
    void sdkParsesTheNonStreamingMessage() throws Exception {
        var out = MessagesEncoder.encode(MessagesEncoderTest.result(FrontWire.json("response/tool_use.openai.json")),
                "smart");
        Message m = ObjectMappers.jsonMapper().readValue(out.toString(), Message.class);
        m.validate();
        assertThat(m.content()).hasSize(4);
        assertThat(m.stopReason()).contains(StopReason.TOOL_USE);
    }
}
