package dev.freeport.dialect.openai;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.freeport.api.ChunkFacts;
import dev.freeport.json.Json;
import dev.freeport.json.JsonBytes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

import java.util.Arrays;

/**
 * The top-level {@code "model"} value of an OpenAI answer or chunk, replaced in its bytes (no tree) where a scan
 * found it: how the OpenAI front names the caller's model in an upstream's answer it otherwise relays as it came.
 */
public final class ModelField {
    /**
     * Up to this size a renamed answer is copied once into a buffer of its exact size; above it, it goes out as a
     * composite of the received bytes around the new name (no copy): for a small answer the composite's objects
     * (about 600 bytes: the composite, its component array and three slices) cost more than the copy.
     */
    static final int COPY_UP_TO = 2048;

    private ModelField() {
    }

    /** The JSON string of {@code model}, quotes included, ready to splice. */
    public static byte[] quoted(String model) {
        int n = model.length();
        byte[] out = new byte[n + 2];
        out[0] = '"';
        for (int i = 0; i < n; i++) {
            char c = model.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return Json.bytes(TextNode.valueOf(model)); // needs escaping or is not ASCII: Jackson writes it
            }
            out[i + 1] = (byte) c;
        }
        out[n + 1] = '"';
        return out;
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

    /**
     * A whole answer as it arrived with the value at {@code at} (the array's indices) replaced by the JSON string
     * of {@code model}, as a buffer to write: the received bytes themselves when there is nothing to replace.
     */
    public static Buffer replace(JsonBytes json, ChunkFacts.Span at, String model) {
        byte[] array = json.array();
        byte[] quoted = at == null || model == null ? null : quoted(model);
        if (quoted == null || Arrays.equals(array, at.start(), at.end(), quoted, 0, quoted.length)) {
            return BufferInternal.buffer(Unpooled.wrappedBuffer(array, json.from(), json.length()));
        }
        int before = at.start() - json.from();
        int after = json.to() - at.end();
        if (json.length() <= COPY_UP_TO) {
            return Buffer.buffer(before + quoted.length + after).appendBytes(array, json.from(), before)
                    .appendBytes(quoted).appendBytes(array, at.end(), after);
        }
        ByteBuf received = Unpooled.wrappedBuffer(array);
        CompositeByteBuf out = Unpooled.compositeBuffer(3);
        out.addComponents(true, received.slice(json.from(), before), Unpooled.wrappedBuffer(quoted),
                received.slice(at.end(), after));
        return BufferInternal.buffer(out);
    }
}
