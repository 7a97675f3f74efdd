package dev.freeport.api;

/**
 * What the gateway needs from one canonical stream chunk, read without building its tree: the usage it reports
 * (null when none), its finish reason (null when none), where the text it adds sits in its bytes (content,
 * reasoning, tool names and arguments, for counting a stream that breaks before its usage arrives: see
 * {@link #text}), whether it has choices (a chunk without choices that reports usage is the usage chunk OpenAI sends
 * last), and where a {@code "usage": null} member sits in the bytes (start inclusive, end exclusive, with the comma
 * that separates it; -1 when there is none), which OpenAI puts on every chunk of a stream that asked for usage; and
 * where the top-level {@code model} string is (null when none), so a front can write another name there without
 * building the tree. Every position counts from the chunk's first byte.
 */
public record ChunkFacts(Usage usage, String finishReason, int[] text, boolean hasChoices, int nullUsageStart,
                         int nullUsageEnd, Span model) {

    /** No text. */
    public static final int[] NO_TEXT = new int[0];

    /**
     * @param text the text's pieces as pairs {@code start, end} (the contents of JSON strings, still escaped, in the
     *             order they come; decoded only when needed, e.g. with {@code json.EscapedText}); never null
     */
    public ChunkFacts {
        if (text == null) {
            text = NO_TEXT;
        }
    }

    /** Where a value sits in the bytes: {@code [start, end)}, quotes included for a string. */
    public record Span(int start, int end) {
    }

    /** Whether the chunk carries a usage member, reported or null. */
    public boolean hasUsageMember() {
        return usage != null || nullUsageStart >= 0;
    }
}
