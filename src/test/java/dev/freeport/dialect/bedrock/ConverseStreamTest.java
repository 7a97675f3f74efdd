package dev.freeport.dialect.bedrock;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.StreamItem;
import dev.freeport.provider.bedrock.Wire;
import dev.freeport.provider.http.FrameParser;
import dev.freeport.testing.BedrockWire;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConverseStreamTest {
    private static final String ASK = "{\"model\":\"claude\",\"stream\":true,\"messages\":[{\"role\":\"user\","
            + "\"content\":\"hi\"}]}";

    private static List<StreamItem> golden(String name) {
        List<StreamItem> items = Wire.decode(Wire.codec().streamDecoder(Wire.request(Wire.parse(ASK)), Wire.MODEL),
                Wire.eventStream("stream/" + name + ".events.json"));
        Wire.assertGolden("stream/" + name + ".items.json", Wire.itemsJson(items));
        return items;
    }

    @Test
    void textDeltasThenFinishThenUsageWithCacheReadsThenEnd() {
        List<StreamItem> items = golden("text");
        assertThat(items.getLast()).isInstanceOf(StreamItem.End.class);
    }

    @Test
    void toolInputFragmentsStreamAsToolCallArgumentsAfterReasoning() {
        golden("tool");
    }

    @Test
    void aThrottlingExceptionBeforeAnyChunkIsARetryableRateLimit() {
        StreamItem.Failed f = (StreamItem.Failed) golden("throttled").getLast();
        assertThat(f.failure().kind()).isEqualTo(FailureKind.RATE_LIMITED);
    }

    @Test
    void anExceptionAfterTextIsAStreamCut() {
        StreamItem.Failed f = (StreamItem.Failed) golden("cut_after_text").getLast();
        assertThat(f.failure().kind()).isEqualTo(FailureKind.STREAM_CUT);
        assertThat(f.failure().message()).contains("modelStreamErrorException");
    }

    @Test
    void aMessageWhoseChecksumFailsIsRefusedByTheFramer() {
        ObjectNode delta = BedrockWire.JSON_FOR_TESTS.createObjectNode().put("contentBlockIndex", 0);
        delta.putObject("delta").put("text", "x");
        Buffer bad = BedrockWire.corrupted("contentBlockDelta", delta);
        List<String> seen = new ArrayList<>();
        EventStreamFramer framer = new EventStreamFramer(e -> seen.add(e.event()));
        framer.feed(BedrockWire.event("messageStart", BedrockWire.JSON_FOR_TESTS.createObjectNode()
                .put("role", "assistant")));
        assertThatThrownBy(() -> framer.feed(bad)).isInstanceOf(FrameParser.MalformedFrameException.class)
                .hasMessageContaining("event-stream frame");
        assertThat(seen).containsExactly("messageStart");
    }
}
