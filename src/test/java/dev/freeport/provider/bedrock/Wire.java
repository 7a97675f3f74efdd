package dev.freeport.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.ChatRequest;
import dev.freeport.config.CloudConfig;
import dev.freeport.config.ProviderConfig;
import dev.freeport.dialect.bedrock.EventStreamFramer;
import dev.freeport.provider.StreamItem;
import dev.freeport.provider.http.StreamDecoder;
import dev.freeport.testing.BedrockWire;
import dev.freeport.testing.WireFiles;
import io.vertx.core.buffer.Buffer;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test helpers: recorded wire files under src/test/resources/wire/bedrock, encoded event streams. */
public final class Wire {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_760_000_000L), ZoneOffset.UTC);
    public static final String MODEL = "anthropic.claude-sonnet-4-5-20250929-v1:0";
    private static final WireFiles FILES = new WireFiles("bedrock", JSON);

    private Wire() {
    }

    public static BedrockCodec codec() {
        return new BedrockCodec(BedrockCodec.settings(new ProviderConfig("aws", "bedrock", null, null, null, Map.of(),
                null, Map.of(), null, new CloudConfig.Bedrock("eu-central-1", null, null))), CLOCK,
                () -> "msg_bdrk_0123456789abcdef01234567");
    }

    public static JsonNode json(String path) {
        return FILES.json(path);
    }

    public static ObjectNode parse(String text) {
        return FILES.parse(text);
    }

    public static ChatRequest request(ObjectNode body) {
        return WireFiles.request(body, "claude");
    }

    public static void assertGolden(String path, JsonNode actual) {
        FILES.assertGolden(path, actual);
    }

    public static ArrayNode itemsJson(List<StreamItem> items) {
        return WireFiles.itemsJson(items);
    }

    /** A recorded stream ({@code *.events.json}) as the binary event stream Bedrock sends. */
    public static byte[] eventStream(String path) {
        Buffer all = Buffer.buffer();
        for (JsonNode e : json(path)) {
            all.appendBuffer(e.has("exception") ? BedrockWire.exception(e.get("exception").asText(),
                    e.get("message").asText()) : BedrockWire.event(e.get("event").asText(), (ObjectNode) e.get("payload")));
        }
        return all.getBytes();
    }

    /** Feeds bytes through the event-stream framer in 29-byte pieces (messages span buffers), then closes. */
    public static List<StreamItem> decode(StreamDecoder decoder, byte[] bytes) {
        List<StreamItem> items = new ArrayList<>();
        EventStreamFramer framer = new EventStreamFramer(e -> decoder.onEvent(e, items::add));
        for (int i = 0; i < bytes.length; i += 29) {
            framer.feed(Buffer.buffer(java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + 29))));
        }
        framer.finish();
        decoder.onClose(items::add);
        return items;
    }
}
