package dev.freeport.dialect.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.json.Json;
import dev.freeport.testing.WireFiles;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Test helpers: wire files under src/test/resources/wire/responses, JSON-tree and SSE comparison. */
final class ResponsesWire {
    private static final WireFiles FILES = new WireFiles("responses", Json.MAPPER);

    private ResponsesWire() {
    }

    static String text(String path) {
        return FILES.text(path);
    }

    static ObjectNode json(String path) {
        return FILES.parse(text(path));
    }

    static ObjectNode parse(String json) {
        return FILES.parse(json);
    }

    static ResponsesRequest decode(String path) {
        return ResponsesDecoder.decode(Buffer.buffer(text(path)));
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
     * SSE buffers as [{"event": name, "data": json}], checking each buffer is exactly one
     * "event: X\ndata: {...}\n\n" frame whose event name equals data.type.
     */
    static ArrayNode events(List<Buffer> frames) {
        ArrayNode arr = JsonNodeFactory.instance.arrayNode();
        for (Buffer b : frames) {
            String s = b.toString(StandardCharsets.UTF_8);
            assertThat(s).as("one SSE event per buffer").matches("(?s)event: [a-z_.]+\ndata: [^\n]+\n\n");
            String name = s.substring("event: ".length(), s.indexOf('\n'));
            ObjectNode data = parse(s.substring(s.indexOf("data: ") + 6, s.length() - 2));
            assertThat(data.path("type").asText()).as("event name = data.type").isEqualTo(name);
            arr.addObject().put("event", name).set("data", data);
        }
        return arr;
    }

    static void assertGolden(String expectedPath, JsonNode actual) {
        FILES.assertGolden(expectedPath, actual);
    }
}
