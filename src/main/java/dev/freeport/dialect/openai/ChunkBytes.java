package dev.freeport.dialect.openai;

import dev.freeport.api.ChunkFacts;

import java.util.Arrays;

/**
 * One pass over a stream chunk's bytes (RFC 8259's grammar, checked in full: strings, escapes, numbers, literals,
 * nesting up to {@link JsonGrammar#MAX_DEPTH}) that reads the facts of a common chunk: choices with deltas (content,
 * reasoning, tool names and arguments), finish reasons, the model string, {@code "usage": null}, and a usage object's
 * counts ({@link UsageBytes}, without a tree). It gives up ({@link #chunk} returns null) on anything it does not read
 * itself: an error, {@code x_groq}, usage inside a choice, a count that is not a plain integer, a name it looks for
 * written with escapes, bytes that are not one JSON object; the caller then reads the chunk with a parser. Reused
 * from chunk to chunk of a stream ({@link #read}): a chunk costs its facts and the positions of its text, nothing
 * else; nothing at all once the stream's sink takes one facts object for every chunk ({@link #reusingFacts}).
 */
final class ChunkBytes extends JsonGrammar {
    private static final byte[] MODEL = ascii("model");
    private static final byte[] USAGE = ascii("usage");
    private static final byte[] CHOICES = ascii("choices");
    private static final byte[] ERROR = ascii("error");
    private static final byte[] OBJECT = ascii("object");
    private static final byte[] X_GROQ = ascii("x_groq");
    private static final byte[] DELTA = ascii("delta");
    private static final byte[] FINISH_REASON = ascii("finish_reason");
    private static final byte[] CONTENT = ascii("content");
    private static final byte[] REASONING_CONTENT = ascii("reasoning_content");
    private static final byte[] TOOL_CALLS = ascii("tool_calls");
    private static final byte[] FUNCTION = ascii("function");
    private static final byte[] NAME = ascii("name");
    private static final byte[] ARGUMENTS = ascii("arguments");

    private int base;
    private String finish;
    private int[] text;
    private int texts;
    private boolean choices;
    private int nullStart;
    private int nullEnd;
    private ChunkFacts.Span model;
    /** the usage object's counts, read from its bytes; null when none */
    private dev.freeport.api.Usage usage;
    /** the facts handed out for every chunk, when the stream's sink asked for them ({@link #reusingFacts}); else null */
    private ChunkFacts reusable;
    /** the text positions' array the reusable facts share, kept from chunk to chunk */
    private int[] reusedText;

    /** From now on every chunk's facts are one object, valid until the next chunk is read ({@link ChunkFacts#reset}). */
    void reusingFacts() {
        reusable = ChunkFacts.reusable();
        reusedText = new int[4];
    }

    /** The facts of the chunk {@code b[from, to)} (positions counted from {@code from}), or null when it must be
     * read with a parser. */
    ChunkFacts read(byte[] b, int from, int to) {
        this.b = b;
        this.base = from;
        this.end = to;
        this.pos = from;
        shaped = false;
        finish = null;
        text = reusedText;
        texts = 0;
        choices = false;
        nullStart = -1;
        choicesSeen = false;
        nullEnd = -1;
        model = null;
        usage = null;
        try {
            return chunk();
        } finally {
            this.b = null;
            if (reusable != null) {
                reusedText = text; // grown, perhaps
            }
            this.text = null;
        }
    }

    private ChunkFacts chunk() {
        try {
            space();
            if (at() != '{') {
                return null;
            }
            pos++;
            boolean first = !resume();
            shaped = !first && readAsShaped();
            if (shaped) {
                return facts();
            }
            shape.clear();
            keptNow = false;
            for (int afterValue = pos; member(first); first = false, afterValue = pos) {
                if (!choicesSeen && isKey(CHOICES)) {
                    choicesSeen = true; // the facts before the first choices are all the prefix keeps
                    if (!first && !resumed) {
                        keepPrefix(afterValue);
                    }
                }
                if (!topMember()) {
                    return null;
                }
            }
            space();
            if (pos != end) {
                return null;
            }
        } catch (GiveUp e) {
            return null;
        }
        if (texts == 2 && usage == null && (resumed || keptNow) && misses < SHAPE_MISSES) {
            int textEnd = base + text[1];
            shape.keep(b, base + prefix.resumeAt(), base + text[0], textEnd, end, finish,
                    nullStart >= textEnd ? nullStart : -1, nullStart >= textEnd ? nullEnd : -1);
        }
        return facts();
    }

    /**
     * Just past the kept prefix: the chunk read as the last one's shape with its own text ({@link ChunkShape}), when it
     * has that shape; else false with the position unchanged.
     */
    private boolean readAsShaped() {
        int at = pos;
        if (shape.middle() < 0) {
            return false;
        }
        if (!shape.middleMatches(b, at, end)) {
            misses++;
            return false;
        }
        pos = at + shape.middle() - 1; // the text's opening quote
        string(); // its grammar, as a full read would check it there
        int close = pos - 1;
        if (!shape.tailMatches(b, close, end)) {
            misses++;
            pos = at;
            return false;
        }
        misses = 0;
        finish = shape.finish();
        choices = true;
        if (text == null || text.length < 2) {
            text = new int[2];
        }
        text[0] = at + shape.middle() - base;
        text[1] = close - base;
        texts = 2;
        if (shape.nullStart() >= 0) {
            nullStart = close + shape.nullStart();
            nullEnd = close + shape.nullEnd();
        }
        pos = end;
        return true;
    }

    /** The facts read (positions made relative to the chunk's first byte, the null usage's cut with its comma). */
    private ChunkFacts facts() {
        int cutStart = -1;
        int cutEnd = -1;
        if (nullStart >= 0) {
            cutStart = nullStart;
            cutEnd = nullEnd;
            int before = ParsedChunkScan.spaceBefore(b, base, nullStart);
            if (before >= base && b[before] == ',') {
                cutStart = before;
            } else {
                int after = ParsedChunkScan.spaceAfter(b, end, nullEnd);
                if (after < end && b[after] == ',') {
                    cutEnd = after + 1;
                }
            }
            cutStart -= base;
            cutEnd -= base;
        }
        if (reusable != null) {
            return reusable.reset(usage, finish, text, texts, choices, cutStart, cutEnd, model);
        }
        return new ChunkFacts(usage, finish, text == null ? ChunkFacts.NO_TEXT
                : text.length == texts ? text : Arrays.copyOf(text, texts), choices, cutStart, cutEnd, model);
    }

    /** the members before {@code choices} of the last chunk that had them, read once for the chunks that repeat them */
    private final ChunkPrefix prefix = new ChunkPrefix();
    /** the rest of the last chunk read in full around its one piece of text, for the chunks that repeat it */
    private final ChunkShape shape = new ChunkShape();
    /**
     * After this many chunks in a row that did not have the kept shape, the stream keeps none: its chunks differ
     * around their text each time (OpenAI's {@code obfuscation} member, a random string on every chunk), so keeping
     * and comparing would only add work to every full read.
     */
    static final int SHAPE_MISSES = 4;
    private int misses;
    /** whether the last chunk was read as the kept shape's */
    private boolean shaped;
    /** whether this chunk's prefix was kept while it was read in full */
    private boolean keptNow;
    /** whether this chunk resumed after the kept prefix; whether it reached its (first) choices */
    private boolean resumed;
    private boolean choicesSeen;

    /** Just past the opening brace: moves past the members the last chunk had too, with their facts; false if none. */
    private boolean resume() {
        resumed = prefix.matches(b, base, end);
        if (!resumed) {
            return false;
        }
        pos = base + prefix.resumeAt();
        model = prefix.model();
        usage = prefix.usage();
        if (prefix.nullStart() >= 0) {
            nullStart = base + prefix.nullStart();
            nullEnd = base + prefix.nullEnd();
        }
        return true;
    }

    /** Whether the last chunk read was read as the last full one's shape around its own text ({@link ChunkShape}). */
    boolean shaped() {
        return shaped;
    }

    /** Whether a shape is kept for the next chunk. */
    boolean keepsShape() {
        return shape.middle() >= 0;
    }

    /** Whether the last chunk read resumed after the members it repeated from an earlier one. */
    boolean resumed() {
        return resumed;
    }

    /** At the {@code choices} member: keeps the chunk's bytes and facts up to the value before it. */
    private void keepPrefix(int afterValue) {
        keptNow = true;
        prefix.keep(b, base, afterValue, model, nullStart < 0 ? -1 : nullStart - base, nullEnd < 0 ? -1 : nullEnd - base,
                usage);
    }

    /** The last chunk's model span, shared by the next chunk whose model sits at the same place (most of them). */
    private ChunkFacts.Span lastModel;

    private ChunkFacts.Span span(int start, int end) {
        ChunkFacts.Span last = lastModel;
        if (last == null || last.start() != start || last.end() != end) {
            lastModel = last = new ChunkFacts.Span(start, end);
        }
        return last;
    }

    /** One top-level member's value; false to give the chunk up. */
    private boolean topMember() {
        int memberStart = keyStart - 1;
        byte v = at();
        if (isKey(MODEL)) {
            if (v == '"') {
                int start = pos;
                string();
                model = span(start - base, pos - base);
                return true;
            }
        } else if (isKey(USAGE)) {
            if (v == 'n') {
                literal(NULL);
                nullStart = memberStart;
                nullEnd = pos;
                return true;
            }
            if (v == '{') {
                usage = UsageBytes.read(this);
                return true;
            }
            return skip(0);
        } else if (isKey(CHOICES)) {
            return v == '[' ? choices() : skip(0);
        } else if (isKey(ERROR)) {
            return v == 'n' && skip(0);
        } else if (isKey(OBJECT)) {
            if (v == '"') {
                int start = pos + 1;
                string();
                return !escaped && !Arrays.equals(b, start, pos - 1, ERROR, 0, ERROR.length);
            }
        } else if (isKey(X_GROQ)) {
            return v != '{' && skip(0);
        }
        return skip(0);
    }

    private boolean choices() {
        pos++;
        for (boolean first = true; element(first); first = false) {
            if (at() != '{') {
                skip(2);
                continue;
            }
            choices = true;
            pos++;
            for (boolean f = true; member(f); f = false) {
                byte v = at();
                if (isKey(DELTA) && v == '{') {
                    delta();
                } else if (isKey(FINISH_REASON) && v == '"') {
                    int start = pos + 1;
                    string();
                    if (escaped) {
                        return false;
                    }
                    finish = ChunkScan.finishReason(b, start, pos - 1);
                } else if (isKey(USAGE) && v != 'n') {
                    return false; // Moonshot's place for usage
                } else {
                    skip(3);
                }
            }
        }
        return true;
    }

    private void delta() {
        pos++;
        for (boolean first = true; member(first); first = false) {
            byte v = at();
            if ((isKey(CONTENT) || isKey(REASONING_CONTENT)) && v == '"') {
                text();
            } else if (isKey(TOOL_CALLS) && v == '[') {
                toolCalls();
            } else {
                skip(4);
            }
        }
    }

    private void toolCalls() {
        pos++;
        for (boolean first = true; element(first); first = false) {
            if (at() != '{') {
                skip(5);
                continue;
            }
            pos++;
            for (boolean f = true; member(f); f = false) {
                if (isKey(FUNCTION) && at() == '{') {
                    pos++;
                    for (boolean g = true; member(g); g = false) {
                        if ((isKey(NAME) || isKey(ARGUMENTS)) && at() == '"') {
                            text();
                        } else {
                            skip(7);
                        }
                    }
                } else {
                    skip(6);
                }
            }
        }
    }

    /** A string of the text: its contents (escaped as they are) become one piece. */
    private void text() {
        int start = pos + 1;
        string();
        if (text == null) {
            text = new int[2];
        } else if (texts + 2 > text.length) {
            text = Arrays.copyOf(text, text.length * 2);
        }
        text[texts++] = start - base;
        text[texts++] = pos - 1 - base;
    }

}
