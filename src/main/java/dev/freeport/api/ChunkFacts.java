package dev.freeport.api;

import java.util.Arrays;

/**
 * What the gateway needs from one canonical stream chunk, read without building its tree: the usage it reports
 * (null when none), its finish reason (null when none), where the text it adds sits in its bytes (content,
 * reasoning, tool names and arguments, for counting a stream that breaks before its usage arrives: see
 * {@link #text}), whether it has choices (a chunk without choices that reports usage is the usage chunk OpenAI sends
 * last), and where a {@code "usage": null} member sits in the bytes (start inclusive, end exclusive, with the comma
 * that separates it; -1 when there is none), which OpenAI puts on every chunk of a stream that asked for usage; and
 * where the top-level {@code model} string is (null when none), so a front can write another name there without
 * building the tree. Every position counts from the chunk's first byte.
 *
 * <p>Made with the constructor, the facts never change. A stream's reader may instead hand out one {@link #reusable}
 * object for every chunk it reads ({@link #reset}), as it does with the chunk object itself
 * ({@code StreamItem.Chunk.reusable}): such facts are valid during the sink's call only, and whoever keeps them
 * beyond it keeps {@link #held}.
 */
public final class ChunkFacts {

    /** No text. */
    public static final int[] NO_TEXT = new int[0];

    private Usage usage;
    private String finishReason;
    /** the text's pieces: {@code text[0, textLength)}; for reusable facts the reader's own array, reused */
    private int[] text;
    private int textLength;
    private boolean hasChoices;
    private int nullUsageStart;
    private int nullUsageEnd;
    private Span model;
    /** whether this object is handed out again for the stream's next chunk */
    private final boolean reused;

    /**
     * @param text the text's pieces as pairs {@code start, end} (the contents of JSON strings, still escaped, in the
     *             order they come; decoded only when needed, e.g. with {@code json.EscapedText}); null for none
     */
    public ChunkFacts(Usage usage, String finishReason, int[] text, boolean hasChoices, int nullUsageStart,
                      int nullUsageEnd, Span model) {
        this(false);
        int[] pieces = text == null ? NO_TEXT : text;
        set(usage, finishReason, pieces, pieces.length, hasChoices, nullUsageStart, nullUsageEnd, model);
    }

    private ChunkFacts(boolean reused) {
        this.reused = reused;
    }

    /** Facts a stream's reader hands out for each of its chunks in turn ({@link #reset}). */
    public static ChunkFacts reusable() {
        ChunkFacts f = new ChunkFacts(true);
        f.text = NO_TEXT;
        return f;
    }

    /**
     * These reusable facts made the next chunk's; {@code text[0, textLength)} are its text's pieces (the array is
     * referenced, not copied: the reader may change it after the sink's call).
     */
    public ChunkFacts reset(Usage usage, String finishReason, int[] text, int textLength, boolean hasChoices,
                            int nullUsageStart, int nullUsageEnd, Span model) {
        if (!reused) {
            throw new IllegalStateException("not reusable facts");
        }
        set(usage, finishReason, text == null ? NO_TEXT : text, text == null ? 0 : textLength, hasChoices,
                nullUsageStart, nullUsageEnd, model);
        return this;
    }

    private void set(Usage usage, String finishReason, int[] text, int textLength, boolean hasChoices,
                     int nullUsageStart, int nullUsageEnd, Span model) {
        this.usage = usage;
        this.finishReason = finishReason;
        this.text = text;
        this.textLength = textLength;
        this.hasChoices = hasChoices;
        this.nullUsageStart = nullUsageStart;
        this.nullUsageEnd = nullUsageEnd;
        this.model = model;
    }

    /** These facts as ones that stay valid after the sink's call: themselves, or a copy of reusable ones. */
    public ChunkFacts held() {
        return reused ? new ChunkFacts(usage, finishReason, text(), hasChoices, nullUsageStart, nullUsageEnd, model)
                : this;
    }

    /** Where a value sits in the bytes: {@code [start, end)}, quotes included for a string. */
    public record Span(int start, int end) {
    }

    public Usage usage() {
        return usage;
    }

    public String finishReason() {
        return finishReason;
    }

    /**
     * The text's pieces as pairs {@code start, end}, exactly as many as there are (a copy when these facts are
     * reusable and the reader's array is longer); {@link #textLength} and {@link #textAt} read them without one.
     */
    public int[] text() {
        return textLength == text.length ? text : Arrays.copyOf(text, textLength);
    }

    /** How many numbers {@link #text} has (twice the pieces). */
    public int textLength() {
        return textLength;
    }

    /** The {@code i}th number of {@link #text}. */
    public int textAt(int i) {
        if (i >= textLength) {
            throw new IndexOutOfBoundsException(i);
        }
        return text[i];
    }

    public boolean hasChoices() {
        return hasChoices;
    }

    public int nullUsageStart() {
        return nullUsageStart;
    }

    public int nullUsageEnd() {
        return nullUsageEnd;
    }

    public Span model() {
        return model;
    }

    /** Whether the chunk carries a usage member, reported or null. */
    public boolean hasUsageMember() {
        return usage != null || nullUsageStart >= 0;
    }

    @Override
    public String toString() {
        return "ChunkFacts[usage=" + usage + ", finishReason=" + finishReason + ", text="
                + Arrays.toString(Arrays.copyOf(text, textLength)) + ", hasChoices=" + hasChoices + ", nullUsage="
                + nullUsageStart + ".." + nullUsageEnd + ", model=" + model + "]";
    }
}
