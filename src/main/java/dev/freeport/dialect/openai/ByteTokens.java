package dev.freeport.dialect.openai;

import com.fasterxml.jackson.core.JsonParser.NumberType;
import com.fasterxml.jackson.core.JsonToken;
import dev.freeport.json.JsonBytes;
import dev.freeport.json.JsonMembers;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The tokens of a caller's JSON body read straight from its bytes, as {@link BodyReader} reads them: Jackson's
 * token kinds ({@link JsonToken}), names, strings decoded into one reused character buffer, numbers with their
 * type and text. It replaces a Jackson parser for the one-pass scan, whose construction (the parser, its I/O
 * context, symbol table, text buffer and read contexts: ~800 bytes) cost more than the scan itself. It is strict
 * where the parser is: RFC 8259's grammar, nesting up to {@link #MAX_DEPTH}, numbers up to
 * {@link #MAX_NUMBER_CHARS} characters, UTF-8 checked; and it gives up ({@link BodyReader#bail()}) wherever it is
 * not sure to read as the parser does (a name written with escapes, a byte order mark, an encoded surrogate, an
 * integer of more than 18 digits): the tree decoder then reads the body, and says what is wrong with it.
 * Strings are decoded by {@link TextBytes}; names are the shared strings of {@link KnownNames} (the fields an OpenAI
 * body has), else one String each.
 */
final class ByteTokens extends TextBytes {
    static final int MAX_DEPTH = 200;
    /** {@code Json.MAPPER}'s longest number */
    static final int MAX_NUMBER_CHARS = 100;

    /**
     * The arrays each thread keeps between bodies (as Jackson's buffer recycler keeps its parsers'): the character
     * buffer, up to {@link #KEEP_CHARS} (grown anew per body, a long prompt's buffer cost more than the parser it
     * replaces), and the container stacks of this reader and of the {@link BodyReader} over it.
     */
    private static final ThreadLocal<Scratch> SPARE = new ThreadLocal<>();
    static final int KEEP_CHARS = 64 * 1024;
    /** a thread keeps the members' boundaries of up to 256 root members */
    private static final int KEEP_MEMBER_INTS = 4 * 256;

    /** what the next token may be */
    private static final int VALUE = 0;
    private static final int FIRST_MEMBER = 1;
    private static final int FIRST_ELEMENT = 2;
    private static final int AFTER_VALUE = 3;

    private int state = VALUE;
    /** per open container: true for an object */
    private boolean[] objects;
    private int depth;
    private int tokenStart;
    private String name;
    private NumberType numberType;
    /**
     * per member of the root object: where its name's opening quote is, where its name ends, where its value starts
     * and ends ({@link JsonMembers}'s boundaries); the members read whole so far
     */
    private int[] members;
    private int memberCount;

    ByteTokens(byte[] b, int from, int to) {
        super(b, from, to);
        Scratch spare = SPARE.get();
        if (spare != null) {
            SPARE.set(null); // taken: a second reader on this thread meanwhile makes its own
        } else {
            spare = new Scratch();
        }
        scratch = spare;
        text = spare.text;
        objects = spare.objects;
        members = spare.members;
    }

    /**
     * The arrays a reader borrows from its thread for one body: each only ever read below its owner's depth or count,
     * so what an earlier body left in them is never seen. An array that grew is kept grown (with the text up to
     * {@link #KEEP_CHARS}: past it, the whole scratch is dropped).
     */
    static final class Scratch {
        char[] text = new char[64];
        boolean[] objects = new boolean[16];
        /** {@link BodyReader}'s names of the objects being read, and where each object's names start */
        String[] seen = new String[16];
        int[] starts = new int[8];
        /** the root object's members' boundaries, four per member ({@link #members}) */
        int[] members = new int[64];
    }

    /** the arrays borrowed for this body, given back by {@link #release} */
    final Scratch scratch;

    /** Gives the arrays back to the thread, for its next body; this reader is not used after. */
    void release() {
        if (text.length <= KEEP_CHARS && members.length <= KEEP_MEMBER_INTS) {
            scratch.text = text;
            scratch.objects = objects;
            scratch.members = members;
            SPARE.set(scratch);
        }
        text = null;
    }

    /**
     * The root object's members read so far, where they sit in the bytes (the same boundaries as
     * {@link JsonMembers#scan}, found on the way instead of by a second pass over the body).
     */
    JsonMembers members(JsonBytes json) {
        return JsonMembers.of(json, members, memberCount);
    }

    /** The next token; null past the one root value, at the end of the input. */
    JsonToken nextToken() {
        space();
        switch (state) {
            case FIRST_MEMBER -> {
                if (at() == '}') {
                    return close();
                }
                return name();
            }
            case FIRST_ELEMENT -> {
                if (at() == ']') {
                    return close();
                }
                return value();
            }
            case AFTER_VALUE -> {
                if (depth == 0) {
                    if (pos == end) {
                        return null;
                    }
                    throw BodyReader.bail(); // more after the root value
                }
                byte c = at();
                if (c == (objects[depth - 1] ? '}' : ']')) {
                    return close();
                }
                if (c != ',') {
                    throw BodyReader.bail();
                }
                pos++;
                space();
                return objects[depth - 1] ? name() : value();
            }
            default -> {
                return value();
            }
        }
    }

    /** The current member's name. */
    String currentName() {
        return name;
    }

    /** Where the current token starts, in bytes from the input's start. */
    int tokenOffset() {
        return tokenStart - from;
    }

    char[] getTextCharacters() {
        return text;
    }

    int getTextOffset() {
        return 0;
    }

    int getTextLength() {
        return textLength;
    }

    String getText() {
        return new String(text, 0, textLength);
    }

    /** The current integer's type: INT, LONG, or BIG_INTEGER for more than 18 digits (which the scan leaves). */
    NumberType getNumberType() {
        return numberType;
    }

    long getLongValue() {
        if (numberType == NumberType.BIG_INTEGER) {
            throw BodyReader.bail();
        }
        long n = 0;
        boolean negative = text[0] == '-';
        for (int i = negative ? 1 : 0; i < textLength; i++) {
            n = n * 10 + (text[i] - '0');
        }
        return negative ? -n : n;
    }

    /** The current number exactly, as the tree keeps a decimal (a scale out of range throws, as there). */
    BigDecimal getDecimalValue() {
        return new BigDecimal(text, 0, textLength);
    }

    private JsonToken close() {
        pos++;
        depth--;
        if (depth == 1 && objects[0]) {
            memberEnd(); // a root member's object or array value
        }
        state = AFTER_VALUE;
        return objects[depth] ? JsonToken.END_OBJECT : JsonToken.END_ARRAY;
    }

    private JsonToken open(boolean object) {
        if (depth == MAX_DEPTH) {
            throw BodyReader.bail();
        }
        if (depth == objects.length) {
            objects = Arrays.copyOf(objects, depth * 2);
        }
        objects[depth++] = object;
        pos++;
        state = object ? FIRST_MEMBER : FIRST_ELEMENT;
        return object ? JsonToken.START_OBJECT : JsonToken.START_ARRAY;
    }

    private JsonToken name() {
        if (at() != '"') {
            throw BodyReader.bail();
        }
        int start = ++pos;
        int hash = 0;
        boolean ascii = true;
        while (true) {
            byte c = at();
            if (c == '"') {
                break;
            }
            if (c == '\\' || c >= 0 && c < 0x20) {
                throw BodyReader.bail(); // an escaped name: the parser decodes it, the tree compares it
            }
            if (c < 0) {
                ascii = false;
                pos += sequence(pos) - 1;
            }
            hash = 31 * hash + c;
            pos++;
        }
        name = ascii ? KnownNames.shared(b, start, pos, hash)
                : new String(b, start, pos - start, StandardCharsets.UTF_8);
        pos++;
        if (depth == 1) { // a root member (names are only read in objects)
            if (4 * memberCount + 4 > members.length) {
                members = Arrays.copyOf(members, members.length * 2);
            }
            members[4 * memberCount] = start - 1;
            members[4 * memberCount + 1] = pos;
        }
        space();
        if (at() != ':') {
            throw BodyReader.bail();
        }
        pos++;
        state = VALUE;
        return JsonToken.FIELD_NAME;
    }

    private boolean sameAscii(String s, int at) {
        for (int i = 0; i < s.length(); i++) {
            if (b[at + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private JsonToken value() {
        tokenStart = pos;
        if (depth == 1 && objects[0]) {
            members[4 * memberCount + 2] = pos;
        }
        byte c = at();
        switch (c) {
            case '{' -> {
                return open(true);
            }
            case '[' -> {
                return open(false);
            }
            case '"' -> {
                string();
                afterScalar();
                return JsonToken.VALUE_STRING;
            }
            case 't' -> {
                return literal("true", JsonToken.VALUE_TRUE);
            }
            case 'f' -> {
                return literal("false", JsonToken.VALUE_FALSE);
            }
            case 'n' -> {
                return literal("null", JsonToken.VALUE_NULL);
            }
            default -> {
                JsonToken t = number();
                afterScalar();
                return t;
            }
        }
    }

    /** Past a string, number or literal; a root member's value ends here. */
    private void afterScalar() {
        state = AFTER_VALUE;
        if (depth == 1 && objects[0]) {
            memberEnd();
        }
    }

    /** The root member being read ends at the position. */
    private void memberEnd() {
        members[4 * memberCount + 3] = pos;
        memberCount++;
    }

    private JsonToken literal(String word, JsonToken t) {
        if (end - pos < word.length() || !sameAscii(word, pos)) {
            throw BodyReader.bail();
        }
        pos += word.length();
        if (pos < end && isWordChar(b[pos])) {
            throw BodyReader.bail(); // "truex": the parser names the token
        }
        afterScalar();
        return t;
    }

    private static boolean isWordChar(byte c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }

    /** {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}, its text kept. */
    private JsonToken number() {
        int start = pos;
        if (at() == '-') {
            pos++;
        }
        int intStart = pos;
        if (at() == '0') {
            pos++;
        } else {
            digits();
        }
        int intDigits = pos - intStart;
        boolean fraction = false;
        if (pos < end && b[pos] == '.') {
            pos++;
            digits();
            fraction = true;
        }
        if (pos < end && (b[pos] == 'e' || b[pos] == 'E')) {
            pos++;
            if (at() == '+' || at() == '-') {
                pos++;
            }
            digits();
            fraction = true;
        }
        int n = pos - start;
        if (n > MAX_NUMBER_CHARS || pos < end && (isWordChar(b[pos]) || b[pos] == '.')) {
            throw BodyReader.bail();
        }
        ensure(n);
        for (int i = 0; i < n; i++) {
            text[i] = (char) b[start + i];
        }
        textLength = n;
        if (fraction) {
            numberType = NumberType.BIG_DECIMAL;
            return JsonToken.VALUE_NUMBER_FLOAT;
        }
        numberType = intDigits > 18 ? NumberType.BIG_INTEGER : intDigits > 9 ? NumberType.LONG : NumberType.INT;
        return JsonToken.VALUE_NUMBER_INT;
    }

    private void digits() {
        byte c = at();
        if (c < '0' || c > '9') {
            throw BodyReader.bail();
        }
        while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
            pos++;
        }
    }

}
