package dev.freeport.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.ChatRequest;
import dev.freeport.provider.StreamItem;
import dev.freeport.provider.UpstreamFailure;
import dev.freeport.provider.http.SseParser;
import dev.freeport.provider.http.StreamDecoder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recorded wire files of one folder under {@code src/test/resources/wire/} and what the codec tests do with them:
 * read, parse, compare to goldens (numbers by value), feed SSE to a decoder in small pieces, print stream items.
 * Each codec's test package wraps one of these in its own {@code Wire} with its settings and codec.
 */
public final class WireFiles {
    /** Numbers compare by value (1 == 1.0); everything else structurally. */
    public static final Comparator<JsonNode> NUMERIC = (a, b) -> {
        if (a.equals(b)) {
            return 0;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return 1;
    };

    private final String folder;
    private final ObjectMapper json;

    /** {@code folder}: below {@code /wire/}, e.g. "anthropic". */
    public WireFiles(String folder, ObjectMapper json) {
        this.folder = folder;
        this.json = json;
    }

    public String text(String path) {
        try (InputStream in = WireFiles.class.getResourceAsStream("/wire/" + folder + "/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no wire file " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode json(String path) {
        try {
            return json.readTree(text(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ObjectNode parse(String text) {
        try {
            return (ObjectNode) json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts equal JSON trees; a missing golden is written under target/wire-actual/FOLDER for review. */
    public void assertGolden(String expectedPath, JsonNode actual) {
        JsonNode expected;
        try {
            expected = json.readTree(text(expectedPath));
        } catch (IllegalArgumentException missing) {
            try {
                Path out = Path.of("target/wire-actual", folder, expectedPath);
                Files.createDirectories(out.getParent());
                Files.writeString(out, json.writerWithDefaultPrettyPrinter().writeValueAsString(actual) + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw missing;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(expected.equals(NUMERIC, actual))
                .as("%s%nexpected: %s%nactual:   %s", expectedPath, expected, actual).isTrue();
    }

    /** Feeds an SSE wire file to a decoder in 37-byte pieces (events span buffers), then closes it. */
    public List<StreamItem> decode(StreamDecoder decoder, String ssePath) {
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

    /** A validated request as the OpenAI front would build it from this body ({@code model} when it names none). */
    public static ChatRequest request(ObjectNode body, String model) {
        Integer max = null;
        if (body.path("max_completion_tokens").isInt()) {
            max = body.get("max_completion_tokens").asInt();
        } else if (body.path("max_tokens").isInt()) {
            max = body.get("max_tokens").asInt();
        }
        return new ChatRequest(body.path("model").asText(model), body.path("stream").asBoolean(false),
                body.path("stream_options").path("include_usage").asBoolean(false), max,
                body.path("user").isTextual() ? body.get("user").asText() : null, body);
    }

    /** Stream items as JSON, the format of the *.items.json goldens. */
    public static ArrayNode itemsJson(List<StreamItem> items) {
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
