package dev.freeport.dialect.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.json.Json;
import dev.freeport.json.JsonFields;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;

/** Edits of an Anthropic upstream's own SSE frames on their way to an Anthropic caller. */
public final class NativeFrames {
    private static final String START = "event: message_start\n";

    private NativeFrames() {
    }

    /**
     * A {@code message_start} frame with {@code message.model} set to {@code model} (the name the caller sent);
     * any other frame, or one that cannot be read, unchanged.
     */
    public static Buffer withModel(Buffer frame, String model) {
        String text = frame.toString(StandardCharsets.UTF_8);
        if (!text.startsWith(START)) {
            return frame;
        }
        StringBuilder data = new StringBuilder();
        for (String line : text.substring(START.length()).split("\n")) {
            if (line.startsWith("data: ")) {
                data.append(line, 6, line.length());
            }
        }
        JsonNode root = JsonFields.parse(data.toString());
        if (root == null || !(root.get("message") instanceof ObjectNode message)) {
            return frame;
        }
        message.put("model", model);
        return Buffer.buffer(START + "data: " + new String(Json.bytes(root), StandardCharsets.UTF_8) + "\n\n");
    }
}
