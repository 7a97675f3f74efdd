package dev.freeport.dialect.openai;

import com.fasterxml.jackson.core.JsonToken;
import dev.freeport.json.JsonHash;

import java.io.IOException;

/**
 * The token walk under {@link ChatScan}: the caller's bytes read token by token ({@link ByteTokens}, no parser
 * object), with what the walk
 * feeds as it goes: up to two {@link JsonHash}es (the ledger's prompt hashes; members named {@code cache_control}
 * left out as the tree walk leaves them out) and a measure of the compact JSON the tree would print
 * ({@code JsonNode.toString()}: its characters and UTF-8 bytes, for the traits and the token bound). Every string is
 * decoded (into the reader's own buffer, no String) and every number read, as the tree parser would, so the bytes a
 * scan accepts are bytes the tree parser accepts. Anything the walk is not sure to read exactly as the tree would
 * (a decimal number in a hashed or measured value) ends the scan with {@link #bail()}: the tree decoder then reads
 * the request.
 */
class BodyReader {
    /** The scan's end without a result (no stack trace: it is a branch, not an error). */
    static final class Bail extends RuntimeException {
        private static final Bail INSTANCE = new Bail();

        private Bail() {
            super(null, null, false, false);
        }
    }

    ByteTokens p;
    /** fed with every hashed token, or null */
    JsonHash a;
    JsonHash b;
    boolean measuring;
    long measuredChars;
    long measuredBytes;
    /** the last string read: its characters in the reader's buffer */
    private char[] text;
    private int textFrom;
    private int textLength;

    BodyReader(ByteTokens p) {
        this.p = p;
        this.scratch = p.scratch;
        this.seen = scratch.seen;
        this.starts = scratch.starts;
    }

    /** a thread keeps a names stack grown up to this many names (a body with more makes its own) */
    private static final int KEEP_NAMES = 1024;
    /** the first reader's arrays, borrowed from the thread: the name stacks below come from it, and grow into it */
    private final ByteTokens.Scratch scratch;

    static Bail bail() {
        return Bail.INSTANCE;
    }

    /**
     * The next token. Every token of the body passes here, so this is where a name repeated in one object is refused
     * (as the tree parser refuses it): the names of the objects being read are kept on one stack, compared with
     * {@code equals} (known names are shared Strings, so mostly by identity). Cheaper than Jackson's own
     * check, which makes a HashSet for every object of three members or more.
     */
    JsonToken next() throws IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            for (int i = objectStart; i < names; i++) {
                if (name.equals(seen[i])) {
                    throw bail(); // the tree parser names it
                }
            }
            if (names == seen.length) {
                seen = java.util.Arrays.copyOf(seen, names * 2);
                if (seen.length <= KEEP_NAMES) {
                    scratch.seen = seen;
                }
            }
            seen[names++] = name;
        } else if (t == JsonToken.START_OBJECT) {
            if (depth == starts.length) {
                starts = java.util.Arrays.copyOf(starts, depth * 2);
                scratch.starts = starts;
            }
            starts[depth++] = objectStart;
            objectStart = names;
        } else if (t == JsonToken.END_OBJECT) {
            names = objectStart;
            objectStart = starts[--depth];
        }
        return t;
    }

    /** the names of the objects being read, innermost last; where the innermost object's names start */
    private String[] seen;
    private int names;
    private int objectStart;
    /** per object being read: where its parent's names start */
    private int[] starts;
    private int depth;

    /** Hashing into {@code first} and {@code second} (either may be null) from now on. */
    void hashInto(JsonHash first, JsonHash second) {
        a = first;
        b = second;
    }

    // --- structure: call these around the values of explicit loops, so that they hash and measure as walk does

    void beginObject() {
        measure(1, 1);
    }

    /**
     * Member {@code name}, the {@code index}th of its object; false when it is {@code cache_control}: the caller then
     * reads its value with {@link #walkUnhashed}.
     */
    boolean member(String name, int index) {
        if (index > 0) {
            measure(1, 1);
        }
        if (measuring) {
            measureString(name.toCharArray(), 0, name.length()); // names are few: only while measuring
            measure(1, 1);
        }
        if (name.equals(JsonHash.CACHE_CONTROL)) {
            return false;
        }
        if (a != null) {
            a.name(name);
        }
        if (b != null) {
            b.name(name);
        }
        return true;
    }

    void endObject() {
        measure(1, 1);
    }

    void beginArray() {
        measure(1, 1);
    }

    void element(int index) {
        if (index > 0) {
            measure(1, 1);
        }
    }

    void endArray() {
        measure(1, 1);
        if (a != null) {
            a.endArray();
        }
        if (b != null) {
            b.endArray();
        }
    }

    // --- values

    /** The value starting at {@code t}, read whole: hashed, measured, every string decoded, every number read. */
    void walk(JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                beginObject();
                int i = 0;
                for (JsonToken k = next(); k == JsonToken.FIELD_NAME; k = next()) {
                    String name = p.currentName();
                    JsonToken v = next();
                    if (member(name, i++)) {
                        walk(v);
                    } else {
                        walkUnhashed(v);
                    }
                }
                endObject();
            }
            case START_ARRAY -> {
                beginArray();
                int i = 0;
                for (JsonToken v = next(); v != JsonToken.END_ARRAY; v = next()) {
                    element(i++);
                    walk(v);
                }
                endArray();
            }
            case VALUE_STRING -> string();
            case VALUE_NUMBER_INT -> integer();
            case VALUE_TRUE -> literal("true");
            case VALUE_FALSE -> literal("false");
            case VALUE_NULL -> literal("null");
            default -> throw bail(); // a decimal (the tree keeps it as a normalised BigDecimal), or not a value
        }
    }

    /** As {@link #walk}, not hashed (a {@code cache_control} member's value). */
    void walkUnhashed(JsonToken t) throws IOException {
        JsonHash first = a;
        JsonHash second = b;
        a = null;
        b = null;
        walk(t);
        a = first;
        b = second;
    }

    /** The value at {@code t} read and checked as the tree parser would, nothing fed (a value the scan ignores). */
    void skip(JsonToken t) throws IOException {
        JsonHash first = a;
        JsonHash second = b;
        boolean was = measuring;
        a = null;
        b = null;
        measuring = false;
        try {
            skipValue(t);
        } finally {
            a = first;
            b = second;
            measuring = was;
        }
    }

    private void skipValue(JsonToken t) throws IOException {
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            int depth = 1;
            while (depth > 0) {
                JsonToken n = next();
                if (n == JsonToken.START_OBJECT || n == JsonToken.START_ARRAY) {
                    depth++;
                } else if (n == JsonToken.END_OBJECT || n == JsonToken.END_ARRAY) {
                    depth--;
                } else {
                    skipScalar(n);
                }
            }
        } else {
            skipScalar(t);
        }
    }

    private void skipScalar(JsonToken t) throws IOException {
        switch (t) {
            case VALUE_STRING -> p.getTextLength();   // decoded as the tree would (its UTF-8 checked)
            case VALUE_NUMBER_INT -> p.getNumberType();
            case VALUE_NUMBER_FLOAT -> p.getDecimalValue(); // as the tree reads it (a scale out of range fails)
            case FIELD_NAME, VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> {
            }
            default -> throw bail();
        }
    }

    /** The string at the current token: decoded, hashed, measured; its characters kept for {@link #textIs} etc. */
    int string() throws IOException {
        text = p.getTextCharacters();
        textFrom = p.getTextOffset();
        textLength = p.getTextLength();
        if (a != null && b != null) {
            JsonHash.text(a, b, text, textFrom, textLength); // a message's content: both hashes in one loop
        } else if (a != null) {
            a.text(text, textFrom, textLength);
        } else if (b != null) {
            b.text(text, textFrom, textLength);
        }
        if (measuring) {
            measureString(text, textFrom, textLength);
        }
        return textLength;
    }

    private void integer() throws IOException {
        p.getNumberType(); // read as the tree reads it
        char[] c = p.getTextCharacters();
        int from = p.getTextOffset();
        int n = p.getTextLength();
        if (n == 2 && c[from] == '-' && c[from + 1] == '0') { // the tree keeps 0
            from++;
            n = 1;
        }
        if (a != null) {
            a.text(c, from, n);
        }
        if (b != null) {
            b.text(c, from, n);
        }
        measure(n, n);
    }

    private void literal(String s) {
        if (a != null) {
            a.text(s);
        }
        if (b != null) {
            b.text(s);
        }
        measure(s.length(), s.length());
    }

    private void measure(int chars, int bytes) {
        if (measuring) {
            measuredChars += chars;
            measuredBytes += bytes;
        }
    }

    /** A string as Jackson prints it: quoted, control characters, quote and backslash escaped, the rest as is. */
    private void measureString(char[] c, int from, int n) {
        long chars = 2;
        long bytes = 2;
        for (int i = from; i < from + n; i++) {
            char ch = c[i];
            if (ch < 0x20) {
                int e = ch == '\b' || ch == '\t' || ch == '\n' || ch == '\f' || ch == '\r' ? 2 : 6;
                chars += e;
                bytes += e;
            } else if (ch == '"' || ch == '\\') {
                chars += 2;
                bytes += 2;
            } else {
                chars++;
                bytes += utf8(ch);
            }
        }
        measuredChars += chars;
        measuredBytes += bytes;
    }

    /** UTF-8 bytes of one UTF-16 unit, as {@code TokenCounter.utf8Bytes} counts them (a surrogate: 2). */
    private static int utf8(char c) {
        return c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
    }

    /** UTF-8 bytes of the last string read, counted as {@code TokenCounter.utf8Bytes} counts them. */
    int textUtf8() {
        int bytes = 0;
        for (int i = textFrom; i < textFrom + textLength; i++) {
            bytes += utf8(text[i]);
        }
        return bytes;
    }

    /** Whether the last string read is {@code s}. */
    boolean textIs(String s) {
        if (textLength != s.length()) {
            return false;
        }
        for (int i = 0; i < textLength; i++) {
            if (text[textFrom + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The last string read, as a String. */
    String text() {
        return new String(text, textFrom, textLength);
    }

    /** Whether the last string read is a callable tool's name from {@code at}: 1 to 64 of a-z, A-Z, 0-9, _ and -. */
    boolean textIsToolName(int at) {
        int n = textLength - at;
        if (n < 1 || n > 64) {
            return false;
        }
        for (int i = textFrom + at; i < textFrom + textLength; i++) {
            char c = text[i];
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    char textAt(int i) {
        return text[textFrom + i];
    }

    int textLength() {
        return textLength;
    }
}
