package dev.freeport.front.openai;

import dev.freeport.api.ChunkFacts;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One SSE frame ({@code data: <chunk>\n\n}) written straight from a chunk's bytes as the upstream sent them, with at
 * most two edits: its model string replaced by the caller's name, a member cut out (the {@code "usage": null} Freeport
 * asked for on the caller's behalf). The frame is sized exactly and its bytes copied once, from the upstream's read.
 */
final class ChunkFrame {
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END_OF_EVENT = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private ChunkFrame() {
    }

    /**
     * The frame of {@code chunk[from, from + length)}, with the value at {@code model} (positions counted from
     * {@code from}; null: none) replaced by {@code quoted} (null: no change) and {@code [cutStart, cutEnd)} left out
     * (-1: nothing).
     */
    static Buffer of(byte[] chunk, int from, int length, ChunkFacts.Span model, byte[] quoted, int cutStart,
                     int cutEnd) {
        boolean rename = model != null && quoted != null
                && !Arrays.equals(chunk, from + model.start(), from + model.end(), quoted, 0, quoted.length);
        int size = DATA.length + length + END_OF_EVENT.length;
        if (rename) {
            size += quoted.length - (model.end() - model.start());
        }
        if (cutStart >= 0) {
            size -= cutEnd - cutStart;
        }
        Buffer out = Buffer.buffer(size).appendBytes(DATA);
        int at = 0;
        if (rename && cutStart >= 0 && cutStart < model.start()) {
            at = cut(out, chunk, from, at, cutStart, cutEnd);
            cutStart = -1;
        }
        if (rename) {
            out.appendBytes(chunk, from + at, model.start() - at).appendBytes(quoted);
            at = model.end();
        }
        if (cutStart >= 0) {
            at = cut(out, chunk, from, at, cutStart, cutEnd);
        }
        return out.appendBytes(chunk, from + at, length - at).appendBytes(END_OF_EVENT);
    }

    /** Appends the bytes from {@code at} up to the cut; the position after it. */
    private static int cut(Buffer out, byte[] chunk, int from, int at, int cutStart, int cutEnd) {
        out.appendBytes(chunk, from + at, cutStart - at);
        return cutEnd;
    }
}
