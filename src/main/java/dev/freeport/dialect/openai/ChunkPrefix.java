package dev.freeport.dialect.openai;

import dev.freeport.api.ChunkFacts;
import dev.freeport.api.Usage;

import java.util.Arrays;

/**
 * The top-level members a stream's chunks repeat before their {@code choices} ({@code id}, {@code object},
 * {@code created}, {@code model}, {@code system_fingerprint}: the same bytes in every chunk of a stream), read once:
 * {@link ChunkBytes} keeps the last chunk's bytes up to just past the member before {@code choices} and what it read
 * there, and a chunk that starts with the same bytes (one vectorised {@link Arrays#mismatch}) resumes at that point
 * with those facts instead of reading them again. The comparison includes the byte after the kept value, so a value
 * whose end depends on the next byte (a number) ends where it ended before; what follows is read in full as usual.
 * The bytes are copied, not referenced: a caller may reuse its array.
 */
final class ChunkPrefix {
    /** the kept prefix: {@code bytes[0, length)}, the member before {@code choices} and one byte after it */
    /** no bytes kept yet: shared, so a stream's reader makes its arrays only when it keeps something */
    static final byte[] NONE = new byte[0];

    private byte[] bytes = NONE;
    private int length = -1;
    private ChunkFacts.Span model;
    private int nullStart;
    private int nullEnd;
    private Usage usage;

    /** Whether the chunk {@code b[from, to)} starts with the kept prefix. */
    boolean matches(byte[] b, int from, int to) {
        return length > 0 && to - from >= length && Arrays.mismatch(b, from, from + length, bytes, 0, length) < 0;
    }

    /** Where the chunk resumes, counted from its first byte: just past the value before {@code choices}. */
    int resumeAt() {
        return length - 1;
    }

    ChunkFacts.Span model() {
        return model;
    }

    int nullStart() {
        return nullStart;
    }

    int nullEnd() {
        return nullEnd;
    }

    Usage usage() {
        return usage;
    }

    /**
     * Keeps {@code b[from, afterValue]} (the chunk up to just past the value before {@code choices}, with the byte
     * after it) and the facts read so far (positions counted from {@code from}).
     */
    void keep(byte[] b, int from, int afterValue, ChunkFacts.Span model, int nullStart, int nullEnd, Usage usage) {
        int n = afterValue + 1 - from;
        if (bytes.length < n) {
            bytes = new byte[Math.max(n, 2 * bytes.length)];
        }
        System.arraycopy(b, from, bytes, 0, n);
        length = n;
        this.model = model;
        this.nullStart = nullStart;
        this.nullEnd = nullEnd;
        this.usage = usage;
    }
}
