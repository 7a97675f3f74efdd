package dev.freeport.dialect.openai;

import java.util.Arrays;

/**
 * The rest of a content chunk around its one piece of text, read once for the chunks that repeat it: after the members
 * before {@code choices} ({@link ChunkPrefix}), a stream's content chunks differ only in their text
 * ({@code "choices":[{"index":0,"delta":{"content":"} <em>text</em> {@code "},"logprobs":null,"finish_reason":null}],
 * "usage":null}}). {@link ChunkBytes} keeps, from the last chunk it read in full that had exactly one piece of text and
 * no usage object, the bytes from where the prefix ends up to the text's opening quote (the middle) and from its
 * closing quote to the chunk's end (the tail), with the facts read there. A chunk whose prefix matched resumes here:
 * the middle compared ({@link Arrays#mismatch}), the text's string read with the grammar's rules, the tail compared;
 * when both are the same bytes, the grammar reached the text in the same state and leaves it in the same state, so the
 * chunk is well formed and its facts are the kept ones with the text's new place (positions after the text moved by
 * the text's change in length). Anything else is read in full. The bytes are copied, not referenced.
 */
final class ChunkShape {
    /** {@code bytes[0, middle)} the middle (its last byte the text's opening quote), {@code bytes[middle, middle + tail)}
     * the tail (its first byte the text's closing quote); {@code middle < 0}: nothing kept */
    private byte[] bytes = ChunkPrefix.NONE;
    private int middle = -1;
    private int tail;
    private String finish;
    /** the {@code "usage": null} member in the tail, counted from the tail's first byte; -1 when it is not there */
    private int nullStart = -1;
    private int nullEnd = -1;

    /** Forgets the kept shape (a chunk read in full that does not have it, or a prefix that changed). */
    void clear() {
        middle = -1;
    }

    /** Whether {@code b[at, end)} starts with the kept middle: then the text's string starts at {@code at + middle() - 1}. */
    boolean middleMatches(byte[] b, int at, int end) {
        int m = middle;
        return m > 0 && end - at >= m + tail && Arrays.mismatch(b, at, at + m, bytes, 0, m) < 0;
    }

    /** The kept middle's length (its last byte the text's opening quote); -1 when nothing is kept. */
    int middle() {
        return middle;
    }

    /** Whether {@code b[at, end)} (from the text's closing quote) is the kept tail. */
    boolean tailMatches(byte[] b, int at, int end) {
        int m = middle;
        return end - at == tail && Arrays.mismatch(b, at, end, bytes, m, m + tail) < 0;
    }

    String finish() {
        return finish;
    }

    /** The tail's {@code "usage": null} member, counted from the text's closing quote; -1 when none. */
    int nullStart() {
        return nullStart;
    }

    int nullEnd() {
        return nullEnd;
    }

    /**
     * Keeps {@code b[from, textStart)} (the middle, up to the text's opening quote included) and {@code b[textEnd, end)}
     * (the tail, from the closing quote), and the facts read there; {@code nullStart}/{@code nullEnd} absolute, -1
     * when the tail has no {@code "usage": null}.
     */
    void keep(byte[] b, int from, int textStart, int textEnd, int end, String finish, int nullStart, int nullEnd) {
        int m = textStart - from;
        int t = end - textEnd;
        if (bytes.length < m + t) {
            bytes = new byte[Math.max(m + t, 2 * bytes.length)];
        }
        System.arraycopy(b, from, bytes, 0, m);
        System.arraycopy(b, textEnd, bytes, m, t);
        middle = m;
        tail = t;
        this.finish = finish;
        this.nullStart = nullStart < 0 ? -1 : nullStart - textEnd;
        this.nullEnd = nullStart < 0 ? -1 : nullEnd - textEnd;
    }
}
