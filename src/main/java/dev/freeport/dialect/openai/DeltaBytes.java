package dev.freeport.dialect.openai;

import java.util.Arrays;

/**
 * One pass over an OpenAI chat.completion.chunk's bytes (the grammar checked as {@link ChunkBytes} checks it) that
 * finds what a translation of the stream into another dialect needs from its one choice, as positions of JSON
 * strings (contents between the quotes, still escaped, with whether they have escapes): the chunk's {@code id}, the
 * delta's {@code reasoning_content}, {@code reasoning} and {@code content}, each tool call's index, id, function name
 * and arguments piece, the choice's {@code finish_reason} and {@code stop_reason}. Usage is not read here (the
 * chunk's facts have it). {@link #read} is false for a chunk it leaves to a tree: more than one choice, a choice
 * whose index is not 0, a value of a type a tree would read differently (a number where a string goes, a tool index
 * that is not a plain integer), a name written with escapes, bytes that are not one JSON object. Reused from chunk to
 * chunk of one stream (not thread-safe): a chunk costs no object.
 */
public final class DeltaBytes extends JsonGrammar {
    private static final byte[] ID = ascii("id");
    private static final byte[] CHOICES = ascii("choices");
    private static final byte[] INDEX = ascii("index");
    private static final byte[] DELTA = ascii("delta");
    private static final byte[] FINISH_REASON = ascii("finish_reason");
    private static final byte[] STOP_REASON = ascii("stop_reason");
    private static final byte[] CONTENT = ascii("content");
    private static final byte[] REASONING_CONTENT = ascii("reasoning_content");
    private static final byte[] REASONING = ascii("reasoning");
    private static final byte[] TOOL_CALLS = ascii("tool_calls");
    private static final byte[] FUNCTION = ascii("function");
    private static final byte[] NAME = ascii("name");
    private static final byte[] ARGUMENTS = ascii("arguments");

    /** The strings read, each three numbers: start, end (absolute positions), 1 when escaped; start -1 when none. */
    public static final int CHUNK_ID = 0;
    public static final int REASONING_CONTENT_TEXT = 3;
    public static final int REASONING_TEXT = 6;
    public static final int CONTENT_TEXT = 9;
    public static final int FINISH = 12;
    public static final int STOP = 15;
    private static final int FIXED = 18;
    /** per tool call: its index (-1 when absent), then its id, name and arguments as three numbers each */
    private static final int CALL = 10;

    private int[] found = new int[FIXED + 2 * CALL];
    private int calls;
    private boolean choice;

    /** Reads the chunk {@code b[from, to)}; false when it must be read from its tree. */
    public boolean read(byte[] b, int from, int to) {
        this.b = b;
        this.end = to;
        this.pos = from;
        Arrays.fill(found, 0, FIXED, -1);
        calls = 0;
        choice = false;
        try {
            space();
            if (at() != '{') {
                return false;
            }
            pos++;
            for (boolean first = true; member(first); first = false) {
                if (isKey(ID)) {
                    if (!optionalString(CHUNK_ID)) {
                        return false;
                    }
                } else if (isKey(CHOICES) && at() == '[') {
                    if (!choices()) {
                        return false;
                    }
                } else {
                    skip(1);
                }
            }
            space();
            return pos == end;
        } catch (GiveUp e) {
            return false;
        } finally {
            this.b = null;
        }
    }

    /** Whether the chunk has its choice (index 0). */
    public boolean hasChoice() {
        return choice;
    }

    /** How many tool calls the choice's delta has. */
    public int calls() {
        return calls;
    }

    /** The start of string {@code which} (e.g. {@link #CONTENT_TEXT}), or -1 when the chunk has none there. */
    public int start(int which) {
        return found[which];
    }

    public int end(int which) {
        return found[which + 1];
    }

    public boolean escaped(int which) {
        return found[which + 2] == 1;
    }

    /** The index the {@code k}th tool call gives itself, or -1 when it gives none. */
    public int callIndex(int k) {
        return found[FIXED + k * CALL];
    }

    /** Where the {@code k}th tool call's id is, for {@link #start}/{@link #end}/{@link #escaped}. */
    public static int callId(int k) {
        return FIXED + k * CALL + 1;
    }

    public static int callName(int k) {
        return FIXED + k * CALL + 4;
    }

    public static int callArguments(int k) {
        return FIXED + k * CALL + 7;
    }

    /** At a value: a string's position kept in {@code which}, a null skipped; false for any other value. */
    private boolean optionalString(int which) {
        byte c = at();
        if (c == '"') {
            int start = pos + 1;
            string();
            found[which] = start;
            found[which + 1] = pos - 1;
            found[which + 2] = escaped ? 1 : 0;
            return true;
        }
        if (c == 'n') {
            literal(NULL);
            found[which] = -1;
            return true;
        }
        return false;
    }

    private boolean choices() {
        Arrays.fill(found, REASONING_CONTENT_TEXT, FIXED, -1); // a repeated member: the last one counts, as in a tree
        calls = 0;
        choice = false;
        pos++;
        for (boolean first = true; element(first); first = false) {
            if (!first || at() != '{') {
                return false; // a second choice, or one that is not an object
            }
            pos++;
            for (boolean f = true; member(f); f = false) {
                if (isKey(INDEX)) {
                    int start = pos;
                    number();
                    if (pos - start != 1 || b[start] != '0') {
                        return false; // another choice, or 0.0, 0e1, -0: left to the tree
                    }
                } else if (isKey(DELTA)) {
                    if (at() == '{' ? !delta() : !optional()) {
                        return false;
                    }
                    if (b[pos - 1] == 'l') { // a null delta after one with text: a tree has no text there
                        Arrays.fill(found, REASONING_CONTENT_TEXT, FINISH, -1);
                        calls = 0;
                    }
                } else if (isKey(FINISH_REASON)) {
                    if (!optionalString(FINISH)) {
                        return false;
                    }
                } else if (isKey(STOP_REASON)) {
                    if (at() == '"') {
                        optionalString(STOP);
                    } else {
                        found[STOP] = -1;
                        skip(1); // vLLM's token id: not a matched stop string
                    }
                } else {
                    skip(1);
                }
            }
            choice = true;
        }
        return true;
    }

    /** At a value that is not an object: true for null (skipped), false for anything else. */
    private boolean optional() {
        if (at() != 'n') {
            return false;
        }
        literal(NULL);
        return true;
    }

    private boolean delta() {
        Arrays.fill(found, REASONING_CONTENT_TEXT, FINISH, -1);
        calls = 0;
        pos++;
        for (boolean first = true; member(first); first = false) {
            if (isKey(CONTENT)) {
                if (!optionalString(CONTENT_TEXT)) {
                    return false;
                }
            } else if (isKey(REASONING_CONTENT)) {
                if (!optionalString(REASONING_CONTENT_TEXT)) {
                    return false;
                }
            } else if (isKey(REASONING)) {
                if (!optionalString(REASONING_TEXT)) {
                    return false;
                }
            } else if (isKey(TOOL_CALLS)) {
                if (at() == '[' ? !toolCalls() : !optional()) {
                    return false;
                }
            } else {
                skip(1);
            }
        }
        return true;
    }

    private boolean toolCalls() {
        calls = 0; // a repeated member: the last one counts, as in a tree
        pos++;
        for (boolean first = true; element(first); first = false) {
            if (at() != '{') {
                return false;
            }
            int at = FIXED + calls * CALL;
            if (at + CALL > found.length) {
                found = Arrays.copyOf(found, found.length * 2);
            }
            Arrays.fill(found, at, at + CALL, -1);
            calls++;
            pos++;
            for (boolean f = true; member(f); f = false) {
                if (isKey(INDEX)) {
                    int start = pos;
                    number();
                    if (pos - start > 9 || !plainDigits(start, pos)) {
                        return false; // negative, a fraction, an exponent or too large: left to the tree
                    }
                    found[at] = parse(start, pos);
                } else if (isKey(ID)) {
                    if (!optionalString(at + 1)) {
                        return false;
                    }
                } else if (isKey(FUNCTION)) {
                    if (at() == '{' ? !function(at) : !optional()) {
                        return false;
                    }
                } else {
                    skip(1);
                }
            }
        }
        return true;
    }

    private boolean function(int at) {
        pos++;
        for (boolean first = true; member(first); first = false) {
            if (isKey(NAME)) {
                if (!optionalString(at + 4)) {
                    return false;
                }
            } else if (isKey(ARGUMENTS)) {
                if (!optionalString(at + 7)) {
                    return false;
                }
            } else {
                skip(1);
            }
        }
        return true;
    }

    private boolean plainDigits(int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isDigit(b[i])) {
                return false;
            }
        }
        return true;
    }

    private int parse(int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n = n * 10 + (b[i] - '0');
        }
        return n;
    }
}
