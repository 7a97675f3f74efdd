package dev.freeport.dialect.openai;

import dev.freeport.api.ChunkFacts;
import dev.freeport.api.Usage;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * One pass over a chat.completion answer's bytes ({@link JsonGrammar}, checked in full) that reads what
 * {@link AnswerScan} reads with a parser: whether it has a {@code choices} array, the first choice's finish reason,
 * the usage ({@link UsageBytes}) and where the top-level model string sits. No parser, no tree, no string but an
 * unknown finish reason. It gives up (null) on anything it is not sure to read exactly as the parser does: an
 * escaped name or finish reason, a finish reason that is not a string, a count that is not a plain integer, bytes
 * that are not UTF-8 or that hold a number longer than the parser's limit, no choices, not one JSON object. The
 * caller then reads the answer with the parser, which decides.
 */
final class AnswerBytes extends JsonGrammar {
    private static final byte[] MODEL = ascii("model");
    private static final byte[] USAGE = ascii("usage");
    private static final byte[] CHOICES = ascii("choices");
    private static final byte[] FINISH_REASON = ascii("finish_reason");
    /** {@code Json.MAPPER}'s longest number */
    private static final int MAX_NUMBER_CHARS = 100;
    /**
     * Words of eight bytes that may all be number characters, in a row, that make {@link #plain} read byte by byte: a
     * run of {@code MAX_NUMBER_CHARS + 1} covers at least this many whole words wherever it starts (up to 6 of its
     * bytes read one by one after a non-ASCII character, up to 7 in a partial first word, up to 7 in the last bytes
     * after the words).
     */
    static final int SUSPECT_WORDS = (MAX_NUMBER_CHARS + 1 - 6 - 7 - 7) / 8;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long PLUSES = ONES * '+';
    /** added to an ASCII byte, sets its high bit when the byte is above {@code 'e'} */
    private static final long ABOVE_E = ONES * (0x80 - 'f');

    private boolean choices;
    private String finish;
    private Usage usage = Usage.NONE;
    private ChunkFacts.Span model;

    private AnswerBytes(byte[] b, int from, int to) {
        this.b = b;
        this.pos = from;
        this.end = to;
    }

    /** The answer in {@code b[from, to)} (the model span in the array's indices), or null to read it with a parser. */
    static AnswerScan.Answer read(byte[] b, int from, int to) {
        if (!plain(b, from, to)) {
            return null;
        }
        try {
            return new AnswerBytes(b, from, to).answer();
        } catch (GiveUp e) {
            return null;
        }
    }

    private AnswerScan.Answer answer() {
        space();
        if (at() != '{') {
            return null;
        }
        pos++;
        for (boolean first = true; member(first); first = false) {
            byte v = at();
            if (isKey(CHOICES) && v == '[') {
                choices = true;
                finish = firstFinish();
            } else if (isKey(USAGE) && v == '{') {
                usage = UsageBytes.read(this);
            } else if (isKey(MODEL) && v == '"') {
                int start = pos;
                string();
                model = new ChunkFacts.Span(start, pos);
            } else {
                skip(2);
            }
        }
        space();
        return choices && pos == end ? new AnswerScan.Answer(usage, finish, model) : null;
    }

    /** The choices array at the position: the first choice's finish reason, or null. */
    private String firstFinish() {
        String reason = null;
        pos++;
        for (boolean first = true; element(first); first = false) {
            if (!first || at() != '{') {
                skip(3);
                continue;
            }
            pos++;
            for (boolean f = true; member(f); f = false) {
                byte v = at();
                if (!isKey(FINISH_REASON) || v == 'n' || v == '{' || v == '[') {
                    skip(4); // null leaves an earlier reason as it was, as the parser's reading does
                } else if (v != '"') {
                    throw GIVE_UP; // a number or a boolean: the parser's text of it
                } else {
                    int start = pos + 1;
                    string();
                    if (escaped) {
                        throw GIVE_UP;
                    }
                    reason = ChunkScan.finishReason(b, start, pos - 1);
                }
            }
        }
        return reason;
    }

    /**
     * Whether the bytes are well-formed UTF-8 (the parser refuses bytes that are not) with no run of number
     * characters longer than the parser's limit on a number: where this is unsure, the parser decides. Read eight
     * bytes at a time: a word of ASCII only is passed over unless it may be all number characters (every byte in
     * {@code '+'..'e'}), and {@link #SUSPECT_WORDS} such words in a row (a run over the limit holds that many whatever
     * the words' alignment) send the whole answer to the exact byte-by-byte reading ({@link #plainByBytes}); a word
     * with a byte of 0x80 or more has its UTF-8 sequences checked one by one.
     */
    static boolean plain(byte[] b, int from, int to) {
        int suspects = 0;
        int i = from;
        while (i <= to - 8) {
            long w = (long) LONGS.get(b, i);
            if ((w & HIGHS) == 0) {
                // below '+' (space, quote, comma, ...) or above 'e' (most letters): not a word of number characters
                boolean notNumeric = ((w - PLUSES) & ~w & HIGHS) != 0 || ((w + ABOVE_E) & HIGHS) != 0;
                suspects = notNumeric ? 0 : suspects + 1;
                if (suspects >= SUSPECT_WORDS) {
                    return plainByBytes(b, from, to);
                }
                i += 8;
                continue;
            }
            suspects = 0;
            int stop = i + 8;
            while (i < stop) { // this word's bytes one by one; a sequence may end past the word
                if (b[i] >= 0) {
                    i++;
                    continue;
                }
                int n = Utf8Sequence.length(b, i, to);
                if (n < 0) {
                    return false;
                }
                i += n;
            }
        }
        for (; i < to; i++) {
            int c = b[i];
            if (c < 0) {
                int n = Utf8Sequence.length(b, i, to);
                if (n < 0) {
                    return false;
                }
                i += n - 1;
            }
        }
        return true;
    }

    /** {@link #plain}, one byte at a time: exact about the runs of number characters. */
    static boolean plainByBytes(byte[] b, int from, int to) {
        int run = 0;
        for (int i = from; i < to; i++) {
            int c = b[i];
            if (c >= 0) {
                boolean numeric = c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
                run = numeric ? run + 1 : 0;
                if (run > MAX_NUMBER_CHARS) {
                    return false;
                }
                continue;
            }
            run = 0;
            int n = Utf8Sequence.length(b, i, to);
            if (n < 0) {
                return false;
            }
            i += n - 1;
        }
        return true;
    }
}
