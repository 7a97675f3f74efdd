package dev.freeport.dialect.gemini;

import dev.freeport.provider.FailureKind;
import dev.freeport.provider.StreamItem;
import dev.freeport.provider.gemini.Wire;
import dev.freeport.provider.http.StreamDecoder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GeminiStreamDecoderTest {

    private static final String PLAIN = "{\"model\":\"g\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private static List<StreamItem> golden(String name) {
        StreamDecoder decoder = Wire.codec().streamDecoder(Wire.request(Wire.parse(PLAIN)), Wire.MODEL);
        List<StreamItem> items = Wire.decode(decoder, "stream/" + name + ".sse");
        Wire.assertGolden("stream/" + name + ".items.json", Wire.itemsJson(items));
        return items;
    }

    @Test
    void streamsTextWithRoleFirstThenFinishThenUsageChunkThenEnd() {
        List<StreamItem> items = golden("text");
        assertThat(items.getLast()).isInstanceOf(StreamItem.End.class);
    }

    @Test
    void streamsWholeFunctionCallsAsOneToolCallDeltaEach() {
        golden("function_call");
    }

    @Test
    void streamsThoughtsAsReasoningContent() {
        golden("thoughts");
    }

    @Test
    void blockedPromptStreamsAContentFilterFinish() {
        golden("blocked");
    }

    @Test
    void closeBeforeAnyFinishReasonIsStreamCut() {
        List<StreamItem> items = golden("cut");
        assertThat(((StreamItem.Failed) items.getLast()).failure().kind()).isEqualTo(FailureKind.STREAM_CUT);
    }

    @Test
    void errorObjectInTheStreamIsStreamCut() {
        List<StreamItem> items = golden("error_event");
        StreamItem.Failed f = (StreamItem.Failed) items.getLast();
        assertThat(f.failure().kind()).isEqualTo(FailureKind.STREAM_CUT);
        assertThat(f.failure().upstreamType()).isEqualTo("UNAVAILABLE");
    }

    @Test
    void streamedToolCallIdsEqualTheNonStreamedOnes() {
        StreamDecoder decoder = Wire.codec().streamDecoder(Wire.request(Wire.parse(PLAIN)), Wire.MODEL);
        List<StreamItem> items = Wire.decode(decoder, "stream/function_call.sse");
        var whole = Wire.codec().decodeChat(Wire.request(Wire.parse(PLAIN)), Wire.MODEL,
                io.vertx.core.buffer.Buffer.buffer(Wire.text("response/function_call.gemini.json")));
        String streamed = ((StreamItem.Chunk) items.get(1)).chunk().at("/choices/0/delta/tool_calls/0/id").asText();
        assertThat(streamed).isEqualTo(whole.body().at("/choices/0/message/tool_calls/0/id").asText());
    }
}
