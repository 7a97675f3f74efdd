package dev.freeport.dialect.anthropic;

import dev.freeport.provider.FailureKind;
import dev.freeport.provider.StreamItem;
import dev.freeport.provider.anthropic.Wire;
import dev.freeport.provider.http.SseEvent;
import dev.freeport.provider.http.StreamDecoder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AnthropicStreamDecoderTest {

    private static final String PLAIN = "{\"model\":\"claude\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private List<StreamItem> golden(String name, String requestBody) {
        StreamDecoder decoder = Wire.codec().streamDecoder(Wire.request(Wire.parse(requestBody)), Wire.MODEL);
        List<StreamItem> items = Wire.decode(decoder, "stream/" + name + ".sse");
        Wire.assertGolden("stream/" + name + ".items.json", Wire.itemsJson(items));
        return items;
    }

    @Test
    void streamsTextWithRoleFirstFinishReasonAndUsageChunkBeforeEnd() {
        List<StreamItem> items = golden("text", PLAIN);
        assertThat(items.getLast()).isInstanceOf(StreamItem.End.class);
    }

    @Test
    void streamsToolCallsWithOpenAiIndexesAndArgumentFragments() {
        golden("tool_use", PLAIN);
    }

    @Test
    void streamsThinkingAsReasoningContentAndIgnoresSignatures() {
        golden("thinking", PLAIN);
    }

    @Test
    void turnsErrorEventIntoStreamCut() {
        List<StreamItem> items = golden("error_event", PLAIN);
        assertThat(((StreamItem.Failed) items.getLast()).failure().kind()).isEqualTo(FailureKind.STREAM_CUT);
    }

    @Test
    void turnsCloseBeforeMessageStopIntoStreamCut() {
        List<StreamItem> items = golden("cut", PLAIN);
        assertThat(((StreamItem.Failed) items.getLast()).failure().kind()).isEqualTo(FailureKind.STREAM_CUT);
    }

    @Test
    void streamsForcedSchemaToolAsContentForJsonSchema() {
        golden("json_schema", Wire.text("request/json_schema.openai.json"));
    }

    @Test
    void keepsRetryableKindForErrorEventBeforeAnyChunk() {
        StreamDecoder decoder = Wire.codec().streamDecoder(Wire.request(Wire.parse(PLAIN)), Wire.MODEL);
        List<StreamItem> items = new ArrayList<>();
        decoder.onEvent(new SseEvent("error",
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"),
                items::add);
        decoder.onClose(items::add);
        assertThat(items).hasSize(1);
        assertThat(((StreamItem.Failed) items.getFirst()).failure().kind()).isEqualTo(FailureKind.SERVER_ERROR);
    }

    @Test
    void ignoresEventsAfterTheTerminalItem() {
        StreamDecoder decoder = Wire.codec().streamDecoder(Wire.request(Wire.parse(PLAIN)), Wire.MODEL);
        List<StreamItem> items = Wire.decode(decoder, "stream/text.sse");
        int before = items.size();
        decoder.onEvent(new SseEvent("ping", "{\"type\":\"message_stop\"}"), items::add);
        decoder.onClose(items::add);
        assertThat(items).hasSize(before);
    }
}
