package dev.freeport.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.ChatRequest;
import dev.freeport.provider.StreamItem;
import dev.freeport.provider.UpstreamFailure;
import dev.freeport.provider.http.ProviderSettings;
import dev.freeport.provider.http.SseParser;
import dev.freeport.provider.http.StreamDecoder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Test helpers: recorded wire files under src/test/resources/wire/gemini and JSON-tree comparison. */
final class Wire {
    static final ObjectMapper JSON = new ObjectMapper();
    static final long CREATED = 1_760_000_000L;
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(CREATED), ZoneOffset.UTC);
    static final String MODEL = "gemini-2.5-flash";
    static final String KEY = "AIzaSyFAKE-KEY-0123456789abcdefghijklmn";

    private Wire() {
    }

    static ProviderSettings settings() {
        return GeminiCodec.settings(new dev.freeport.config.ProviderConfig("gemini", "gemini", null, null, KEY,
                Map.of(), null, Map.of()));
    }

    static GeminiCodec codec() {
        return new GeminiCodec(settings(), CLOCK);
    }

    static String text(String path) {
        try (InputStream in = Wire.class.getResourceAsStream("/wire/gemini/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no wire file " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String path) {
        try {
            return JSON.readTree(text(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A validated request as the front end would build it from an OpenAI body. */
    static ChatRequest request(ObjectNode body) {
        Integer max = null;
        if (body.path("max_completion_tokens").isInt()) {
            max = body.get("max_completion_tokens").asInt();
        } else if (body.path("max_tokens").isInt()) {
            max = body.get("max_tokens").asInt();
        }
        return new ChatRequest(body.path("model").asText("gem"), body.path("stream").asBoolean(false),
                body.path("stream_options").path("include_usage").asBoolean(false), max,
                body.path("user").isTextual() ? body.get("user").asText() : null, body);
    }

    /** Numbers compare by value (1 == 1.0); everything else structurally. */
    static final Comparator<JsonNode> NUMERIC = (a, b) -> {
        if (a.equals(b)) {
            return 0;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return 1;
    };

    /** Asserts equal JSON trees; a missing golden file is written under target/wire-actual for review. */
    static void assertGolden(String expectedPath, JsonNode actual) {
        JsonNode expected;
        try {
            expected = json(expectedPath);
        } catch (IllegalArgumentException missing) {
            try {
                Path out = Path.of("target/wire-actual", expectedPath);
                Files.createDirectories(out.getParent());
                Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(actual));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw missing;
        }
        assertThat(expected.equals(NUMERIC, actual))
                .as("%s%nexpected: %s%nactual:   %s", expectedPath, expected, actual).isTrue();
    }

    /** Feeds an SSE wire file to a decoder in small pieces (events span buffers), then closes it. */
    static List<StreamItem> decode(StreamDecoder decoder, String ssePath) {
        List<StreamItem> items = new ArrayList<>();
        SseParser parser = new SseParser(e -> decoder.onEvent(e, items::add));
        byte[] bytes = text(ssePath).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i += 37) {
            parser.feed(bytes, i, Math.min(bytes.length, i + 37));
        }
        parser.finish();
        decoder.onClose(items::add);
        return items;
    }

    /** Stream items as JSON, the format of the *.items.json goldens. */
    static ArrayNode itemsJson(List<StreamItem> items) {
        ArrayNode arr = JsonNodeFactory.instance.arrayNode();
        for (StreamItem item : items) {
            switch (item) {
                case StreamItem.Chunk c -> arr.addObject().set("chunk", c.chunk());
                case StreamItem.End e -> arr.addObject().put("end", true);
                case StreamItem.Native n -> arr.addObject().put("native", n.frame().toString());
                case StreamItem.Failed f -> {
                    UpstreamFailure u = f.failure();
                    ObjectNode o = arr.addObject().putObject("failed");
                    o.put("kind", u.kind().name()).put("status", u.status()).put("message", u.message())
                            .put("upstreamType", u.upstreamType());
                }
            }
        }
        return arr;
    }
}
