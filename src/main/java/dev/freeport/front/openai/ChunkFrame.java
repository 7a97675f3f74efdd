package dev.freeport.front.openai;

import dev.freeport.api.ChunkFacts;
import dev.freeport.front.Frames;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One SSE frame ({@code data: <chunk>\n\n}) written straight from a chunk's bytes as the upstream sent them, with at
 * most two edits: its model string replaced by the caller's name, a member cut out (the {@code "usage": null} Freeport
 * asked for on the caller's behalf). Its pieces are appended to the caller's frames: the chunk's bytes are copied
 * once, from the upstream's read into what goes to the caller.
 */
final class ChunkFrame {
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END_OF_EVENT = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private ChunkFrame() {
    }

    /**
     * Appends the frame of {@code chunk[from, from + length)}, with the value at {@code model} (positions counted
     * from {@code from}; null: none) replaced by {@code quoted} (null: no change) and {@code [cutStart, cutEnd)} left
     * out (-1: nothing).
     */
    static void write(Frames out, byte[] chunk, int from, int length, ChunkFacts.Span model, byte[] quoted,
                      int cutStart, int cutEnd) {
        boolean rename = renames(chunk, from, model, quoted);
        out.append(DATA);
        int at = 0;
        if (rename && cutStart >= 0 && cutStart < model.start()) {
            out.append(chunk, from + at, from + cutStart);
            at = cutEnd;
            cutStart = -1;
        }
        if (rename) {
            out.append(chunk, from + at, from + model.start());
            out.append(quoted);
            at = model.end();
        }
        if (cutStart >= 0) {
            out.append(chunk, from + at, from + cutStart);
            at = cutEnd;
        }
        out.append(chunk, from + at, from + length);
        out.append(END_OF_EVENT);
    }

    /** The frame's size in bytes. */
    static int size(byte[] chunk, int from, int length, ChunkFacts.Span model, byte[] quoted, int cutStart,
                    int cutEnd) {
        int size = DATA.length + length + END_OF_EVENT.length;
        if (renames(chunk, from, model, quoted)) {
            size += quoted.length - (model.end() - model.start());
        }
        return cutStart >= 0 ? size - (cutEnd - cutStart) : size;
    }

    /** The frame as a buffer of its own, sized exactly. */
    static Buffer of(byte[] chunk, int from, int length, ChunkFacts.Span model, byte[] quoted, int cutStart,
                     int cutEnd) {
        Buffer frame = Buffer.buffer(size(chunk, from, length, model, quoted, cutStart, cutEnd));
        write(new Frames() {
            @Override
            public void append(byte[] bytes, int start, int end) {
                frame.appendBytes(bytes, start, end - start);
            }

            @Override
            public void accept(Buffer buffer) {
                frame.appendBuffer(buffer);
            }
        }, chunk, from, length, model, quoted, cutStart, cutEnd);
        return frame;
    }

    private static boolean renames(byte[] chunk, int from, ChunkFacts.Span model, byte[] quoted) {
        return model != null && quoted != null
                && !Arrays.equals(chunk, from + model.start(), from + model.end(), quoted, 0, quoted.length);
    }
}
