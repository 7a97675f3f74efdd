package dev.freeport.dialect.openai;

import com.fasterxml.jackson.core.JsonParser;
import dev.freeport.api.ChunkFacts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads what the gateway needs from an OpenAI chat.completion.chunk without building its tree and without a parser
 * object: the usage, the finish reason, where the text it adds sits, whether it has choices, where its model string
 * and a {@code "usage": null} member sit. The common chunk (a delta with content, reasoning or tool calls, or the
 * usage chunk) is read by {@link ChunkBytes}, a strict reader of JSON's grammar over the bytes; a chunk it leaves (an
 * escaped name it looks for, anything unusual) is read by Jackson's streaming parser ({@link ParsedChunkScan});
 * a chunk that needs more than that — an in-band error, usage in a host's own place (inside a choice,
 * {@code x_groq}), or bytes that are not one JSON object — is left to the tree path ({@link #FALLBACK}).
 */
public final class ChunkScan {
    /** The chunk needs its tree: an error, unusual usage, or not one JSON object. */
    public static final ChunkFacts FALLBACK = null;

    private ChunkScan() {
    }

    /** The facts of a chunk, or {@link #FALLBACK} (null). */
    public static ChunkFacts scan(byte[] json) {
        return scan(json, 0, json.length);
    }

    /** The facts of the chunk {@code json[from, to)} (positions counted from {@code from}), or {@link #FALLBACK}. */
    public static ChunkFacts scan(byte[] json, int from, int to) {
        return new Scanner().scan(json, from, to);
    }

    /** A scan of one stream's chunks, reused from one chunk to the next (one per stream: not thread-safe). */
    public static final class Scanner {
        private final ChunkBytes bytes = new ChunkBytes();

        /**
         * From now on the facts of a chunk read from its bytes are one object for every chunk, valid until the next
         * scan (whoever keeps them keeps {@link ChunkFacts#held}); facts read by the parser are still each their own.
         */
        public Scanner reusingFacts() {
            bytes.reusingFacts();
            return this;
        }

        /** The facts of the chunk {@code json[from, to)} (positions counted from {@code from}), or {@link #FALLBACK}. */
        public ChunkFacts scan(byte[] json, int from, int to) {
            ChunkFacts facts = bytes.read(json, from, to);
            if (facts != null) {
                return facts;
            }
            return ParsedChunkScan.scan(from == 0 && to == json.length ? json : Arrays.copyOfRange(json, from, to));
        }
    }

    /** Where the string value at the parser's current token sits in the input, quotes included. */
    static ChunkFacts.Span valueSpan(JsonParser p) throws IOException {
        int start = (int) p.currentTokenLocation().getByteOffset();
        p.getTextLength(); // reads the whole string, so the location below is past its closing quote
        return new ChunkFacts.Span(start, (int) p.currentLocation().getByteOffset());
    }

    /** The finish reasons OpenAI-compatible hosts send, shared rather than made per chunk. */
    private static final String[] FINISH_REASONS = {"stop", "length", "tool_calls", "content_filter",
            "function_call", "end_turn", "eos"};
    private static final byte[][] FINISH_BYTES = Arrays.stream(FINISH_REASONS)
            .map(s -> s.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);

    /** The finish reason whose unescaped bytes are {@code b[from, to)}: a shared string where it is a known one. */
    static String finishReason(byte[] b, int from, int to) {
        for (int i = 0; i < FINISH_BYTES.length; i++) {
            if (JsonGrammar.same(b, from, to, FINISH_BYTES[i])) {
                return FINISH_REASONS[i];
            }
        }
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }
}
