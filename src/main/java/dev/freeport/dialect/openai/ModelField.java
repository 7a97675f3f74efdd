package dev.freeport.dialect.openai;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.freeport.api.ChatResult;
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
        int n = plainLength(model);
        if (n < 0) {
            return Json.bytes(TextNode.valueOf(model)); // needs escaping or is not ASCII: Jackson writes it
        }
        byte[] out = new byte[n + 2];
        out[0] = '"';
        for (int i = 0; i < n; i++) {
            out[i + 1] = (byte) model.charAt(i);
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
     * {@code result}'s answer as it arrived with its model string replaced by the JSON string of {@code model}, as a
     * buffer to write. When the answer's bytes are its own ({@link ChatResult#ownsBytes}) and the new name fits in
     * the array (a name no longer than the old one always does; a longer one in the room the reader left), the name
     * is put in place: the tail moved within the array, no copy of the answer; the result then holds the edited
     * bytes. Otherwise as {@link #replace(JsonBytes, ChunkFacts.Span, String)}.
     */
    public static Buffer replace(ChatResult result, String model) {
        JsonBytes json = result.raw();
        ChunkFacts.Span at = result.modelSpan();
        if (at == null || model == null || !result.ownsBytes()) {
            return replace(json, at, model);
        }
        byte[] array = json.array();
        int plain = plainLength(model);
        if (plain < 0) { // needs escaping: the copying way
            return replace(json, at, model);
        }
        int old = at.end() - at.start();
        int grow = plain + 2 - old;
        if (grow == 0 && sameName(array, at.start() + 1, model)) {
            return wrap(json);
        }
        int to = json.to() + grow;
        if (to > array.length) {
            return replace(json, at, model);
        }
        System.arraycopy(array, at.end(), array, at.end() + grow, json.to() - at.end());
        int i = at.start();
        array[i++] = '"';
        for (int k = 0; k < plain; k++) {
            array[i++] = (byte) model.charAt(k);
        }
        array[i++] = '"';
        JsonBytes now = new JsonBytes(array, json.from(), to);
        result.edited(now, new ChunkFacts.Span(at.start(), i));
        return wrap(now);
    }

    /** The length of {@code model} when it is printable ASCII that needs no escape (its JSON string); else -1. */
    private static int plainLength(String model) {
        int n = model.length();
        for (int i = 0; i < n; i++) {
            char c = model.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return -1;
            }
        }
        return n;
    }

    private static boolean sameName(byte[] array, int at, String model) {
        for (int k = 0, n = model.length(); k < n; k++) {
            if (array[at + k] != model.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** The bytes as a buffer to write, over the same array. */
    private static Buffer wrap(JsonBytes json) {
        ByteBuf bytes = json.from() == 0 ? Unpooled.wrappedBuffer(json.array()).writerIndex(json.to())
                : Unpooled.wrappedBuffer(json.array(), json.from(), json.length());
        return BufferInternal.buffer(bytes);
    }

    /**
     * A whole answer as it arrived with the value at {@code at} (the array's indices) replaced by the JSON string
     * of {@code model}, as a buffer to write: the received bytes themselves when there is nothing to replace.
     */
    public static Buffer replace(JsonBytes json, ChunkFacts.Span at, String model) {
        byte[] array = json.array();
        byte[] quoted = at == null || model == null ? null : quoted(model);
        if (quoted == null || Arrays.equals(array, at.start(), at.end(), quoted, 0, quoted.length)) {
            return wrap(json);
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
