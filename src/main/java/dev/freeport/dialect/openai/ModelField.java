package dev.freeport.dialect.openai;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.freeport.api.ChunkFacts;
import dev.freeport.json.Json;

import java.util.Arrays;

/**
 * The top-level {@code "model"} value of an OpenAI answer or chunk, replaced in its bytes (no tree) where a scan
 * found it: how the OpenAI front names the caller's model in an upstream's answer it otherwise relays as it came.
 */
public final class ModelField {
    private ModelField() {
    }

    /** The JSON string of {@code model}, quotes included, ready to splice. */
    public static byte[] quoted(String model) {
        int n = model.length();
        byte[] plain = new byte[n + 2];
        for (int i = 0; i < n; i++) {
            char c = model.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return Json.bytes(TextNode.valueOf(model)); // needs escapes or UTF-8: Jackson writes it
            }
            plain[i + 1] = (byte) c;
        }
        plain[0] = '"';
        plain[n + 1] = '"';
        return plain;
    }

    /**
     * {@code json} with the value at {@code at} replaced by {@code quoted}; {@code json} itself when at is null or
     * the value is already that.
     */
    public static byte[] replace(byte[] json, ChunkFacts.Span at, byte[] quoted) {
        if (at == null || quoted == null
                || Arrays.equals(json, at.start(), at.end(), quoted, 0, quoted.length)) {
            return json;
        }
        byte[] out = new byte[json.length - (at.end() - at.start()) + quoted.length];
        System.arraycopy(json, 0, out, 0, at.start());
        System.arraycopy(quoted, 0, out, at.start(), quoted.length);
        System.arraycopy(json, at.end(), out, at.start() + quoted.length, json.length - at.end());
        return out;
    }
}
