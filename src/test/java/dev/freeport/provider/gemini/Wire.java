package dev.freeport.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.ChatRequest;
import dev.freeport.provider.StreamItem;
import dev.freeport.provider.http.ProviderSettings;
import dev.freeport.provider.http.StreamDecoder;
import dev.freeport.testing.WireFiles;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** Test helpers: recorded wire files under src/test/resources/wire/gemini and JSON-tree comparison. */
public final class Wire {
    static final ObjectMapper JSON = new ObjectMapper();
    static final long CREATED = 1_760_000_000L;
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(CREATED), ZoneOffset.UTC);
    public static final String MODEL = "gemini-2.5-flash";
    public static final String KEY = "AIzaSyFAKE-KEY-0123456789abcdefghijklmn";

    private Wire() {
    }

    static ProviderSettings settings() {
        return GeminiCodec.settings(new dev.freeport.config.ProviderConfig("gemini", "gemini", null, null, KEY,
                Map.of(), null, Map.of()));
    }

    public static GeminiCodec codec() {
        return new GeminiCodec(settings(), CLOCK);
    }

    private static final WireFiles FILES = new WireFiles("gemini", JSON);

    public static String text(String path) {
        return FILES.text(path);
    }

    public static JsonNode json(String path) {
        return FILES.json(path);
    }

    public static ObjectNode parse(String json) {
        return FILES.parse(json);
    }

    /** A validated request as the front end would build it from an OpenAI body. */
    public static ChatRequest request(ObjectNode body) {
        return WireFiles.request(body, "gem");
    }

    /** Asserts equal JSON trees (numbers by value); a missing golden is written under target/wire-actual. */
    public static void assertGolden(String expectedPath, JsonNode actual) {
        FILES.assertGolden(expectedPath, actual);
    }

    /** Feeds an SSE wire file to a decoder in small pieces (events span buffers), then closes it. */
    public static List<StreamItem> decode(StreamDecoder decoder, String ssePath) {
        return FILES.decode(decoder, ssePath);
    }

    /** Stream items as JSON, the format of the *.items.json goldens. */
    public static ArrayNode itemsJson(List<StreamItem> items) {
        return WireFiles.itemsJson(items);
    }
}
