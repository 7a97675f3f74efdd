package dev.freeport.dialect.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.testing.WireFiles;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Test helpers: wire files under src/test/resources/wire/anthropic-front, JSON-tree and SSE comparison. */
final class FrontWire {
    static final ObjectMapper JSON = dev.freeport.json.Json.MAPPER;

    private FrontWire() {
    }

    private static final WireFiles FILES = new WireFiles("anthropic-front", JSON);

    static String text(String path) {
        return FILES.text(path);
    }

    static Buffer buffer(String path) {
        return Buffer.buffer(text(path));
    }

    static ObjectNode parse(String json) {
        return FILES.parse(json);
    }

    static ObjectNode json(String path) {
        return parse(text(path));
    }

    /** The chunks of an OpenAI SSE wire file (its data: lines, without [DONE]). */
    static List<ObjectNode> chunks(String path) {
        List<ObjectNode> out = new ArrayList<>();
        for (String line : text(path).split("\n")) {
            if (line.startsWith("data: ") && !line.equals("data: [DONE]")) {
                out.add(parse(line.substring(6)));
            }
        }
        return out;
    }

    /**
     * Anthropic SSE buffers as [{"event": name, "data": json}], checking each buffer is exactly one
     * "event: X\ndata: {...}\n\n" frame whose event name equals data.type.
     */
    static ArrayNode events(List<Buffer> frames) {
        ArrayNode arr = JsonNodeFactory.instance.arrayNode();
        for (Buffer b : frames) {
            String s = b.toString(StandardCharsets.UTF_8);
            assertThat(s).as("one SSE event per buffer").matches("(?s)event: [a-z_]+\ndata: [^\n]+\n\n");
            String name = s.substring("event: ".length(), s.indexOf('\n'));
            ObjectNode data = parse(s.substring(s.indexOf("data: ") + 6, s.length() - 2));
            assertThat(data.path("type").asText()).as("event name = data.type").isEqualTo(name);
            arr.addObject().put("event", name).set("data", data);
        }
        return arr;
    }

    /** Asserts equal JSON trees (numbers by value); a missing golden is written under target/wire-actual. */
    static void assertGolden(String expectedPath, JsonNode actual) {
        FILES.assertGolden(expectedPath, actual);
    }
}
