package dev.freeport.dialect.openai;

import dev.freeport.json.WordScan;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * JSON's grammar (RFC 8259) read over bytes in one pass, for the byte readers of this dialect ({@link ChunkBytes}):
 * members and elements, strings with their escapes, numbers, literals, nesting up to {@link #MAX_DEPTH}. It keeps
 * positions only; anything it does not accept throws the shared {@link #GIVE_UP}, and the reader's caller then reads
 * the input with a parser.
 */
abstract class JsonGrammar {
    static final int MAX_DEPTH = 200;
    static final byte[] TRUE = ascii("true");
    static final byte[] FALSE = ascii("false");
    static final byte[] NULL = ascii("null");

    /** Thrown to give the input up: shared, without a stack trace. */
    static final class GiveUp extends RuntimeException {
        GiveUp() {
            super(null, null, false, false);
        }
    }

    static final GiveUp GIVE_UP = new GiveUp();

    byte[] b;
    int end;
    int pos;
    /** the last member name read: {@code b[keyStart, keyEnd)} */
    int keyStart;
    int keyEnd;
    /** whether the last string read had an escape */
    boolean escaped;

    /**
     * Inside an object, at its start (just past the brace, {@code first}) or just after a value: true with the
     * next member's name read ({@link #keyStart}, {@link #keyEnd}) and the position at its value; false past the
     * closing brace.
     */
    final boolean member(boolean first) {
        space();
        byte c = at();
        if (c == '}') {
            pos++;
            return false;
        }
        if (!first) {
            if (c != ',') {
                throw GIVE_UP;
            }
            pos++;
            space();
        }
        if (at() != '"') {
            throw GIVE_UP;
        }
        keyStart = pos + 1;
        string();
        if (escaped) {
            throw GIVE_UP; // a name written with escapes: the parser compares it
        }
        keyEnd = pos - 1;
        space();
        if (at() != ':') {
            throw GIVE_UP;
        }
        pos++;
        space();
        return true;
    }

    /** Inside an array, at its start or just after a value: true at the next element, false past the bracket. */
    final boolean element(boolean first) {
        space();
        byte c = at();
        if (c == ']') {
            pos++;
            return false;
        }
        if (!first) {
            if (c != ',') {
                throw GIVE_UP;
            }
            pos++;
            space();
        }
        return true;
    }

    /** Whether the last member name read is {@code name}. */
    final boolean isKey(byte[] name) {
        return same(b, keyStart, keyEnd, name);
    }

    /**
     * Whether {@code b[from, to)} is {@code word}: the length first, then byte for byte (names and words are short:
     * a plain loop costs less than {@code Arrays.equals}' range checks and mismatch call).
     */
    static boolean same(byte[] b, int from, int to, byte[] word) {
        if (to - from != word.length) {
            return false;
        }
        for (int i = 0; i < word.length; i++) {
            if (b[from + i] != word[i]) {
                return false;
            }
        }
        return true;
    }

    /** Skips one value (checking its grammar); always true. */
    final boolean skip(int depth) {
        if (depth > MAX_DEPTH) {
            throw GIVE_UP;
        }
        byte c = at();
        switch (c) {
            case '{' -> {
                pos++;
                for (boolean first = true; member(first); first = false) {
                    skip(depth + 1);
                }
            }
            case '[' -> {
                pos++;
                for (boolean first = true; element(first); first = false) {
                    skip(depth + 1);
                }
            }
            case '"' -> string();
            case 't' -> literal(TRUE);
            case 'f' -> literal(FALSE);
            case 'n' -> literal(NULL);
            default -> number();
        }
        return true;
    }

    /** At a string's opening quote: moves past its closing quote; {@link #escaped} says whether it had escapes. */
    final void string() {
        pos++;
        escaped = false;
        while (true) {
            pos = WordScan.stringStop(b, pos, end); // the plain run, eight bytes at a time
            byte c = at();
            if (c == '"') {
                pos++;
                return;
            }
            if (c == '\\') {
                escaped = true;
                pos++;
                byte e = at();
                if (e == 'u') {
                    for (int i = 0; i < 4; i++) {
                        pos++;
                        if (Character.digit(at(), 16) < 0) {
                            throw GIVE_UP;
                        }
                    }
                } else if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r'
                        && e != 't') {
                    throw GIVE_UP;
                }
            } else {
                throw GIVE_UP; // a control character must be escaped
            }
            pos++;
        }
    }

    /** {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?} */
    final void number() {
        if (at() == '-') {
            pos++;
        }
        if (at() == '0') {
            pos++;
        } else {
            digits();
        }
        if (pos < end && b[pos] == '.') {
            pos++;
            digits();
        }
        if (pos < end && (b[pos] == 'e' || b[pos] == 'E')) {
            pos++;
            if (at() == '+' || b[pos] == '-') {
                pos++;
            }
            digits();
        }
    }

    /** One digit or more. */
    final void digits() {
        if (!isDigit(at())) {
            throw GIVE_UP;
        }
        while (pos < end && isDigit(b[pos])) {
            pos++;
        }
    }

    static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    final void literal(byte[] word) {
        if (end - pos < word.length || !same(b, pos, pos + word.length, word)) {
            throw GIVE_UP;
        }
        pos += word.length;
    }

    final void space() {
        pos = WordScan.skipSpace(b, pos, end);
    }

    /** The byte at the position; gives up at the end of the input. */
    final byte at() {
        if (pos >= end) {
            throw GIVE_UP;
        }
        return b[pos];
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
