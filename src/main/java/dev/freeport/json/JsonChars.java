package dev.freeport.json;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;

/**
 * How many characters a tree's compact JSON has ({@code node.toString().length()}), counted without writing it:
 * strings and member names as Jackson escapes them ({@code "} and {@code \} and the control characters \b \t \n \f
 * \r as two characters, the other control characters as a six-character {@code \}{@code u00XX}, every other
 * character as itself), integers by their digits, booleans and null by their words; any other scalar (floating and
 * big numbers, binary, POJO values) is written alone, as Jackson writes it inside the tree. {@link #compactUtf8}
 * counts the same JSON's UTF-8 bytes.
 */
public final class JsonChars {
    /** what Jackson's escape of an ASCII character adds to its one character */
    private static final byte[] ESCAPE_EXTRA = new byte[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPE_EXTRA[c] = 5; // a six-character escape (backslash, u, four hex digits)
        }
        for (char c : new char[] {'\b', '\t', '\n', '\f', '\r', '"', '\\'}) {
            ESCAPE_EXTRA[c] = 1;
        }
    }

    private JsonChars() {
    }

    /** {@code node.toString().length()}. */
    public static long compact(JsonNode node) {
        return count(node, false);
    }

    /** The UTF-8 bytes of {@code node.toString()} (a surrogate pair: 4 bytes). */
    public static long compactUtf8(JsonNode node) {
        return count(node, true);
    }

    private static long count(JsonNode node, boolean utf8) {
        if (node.isObject()) {
            long n = 2;
            int members = 0;
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                n += string(e.getKey(), utf8) + 1 + count(e.getValue(), utf8);
                members++;
            }
            return members == 0 ? n : n + members - 1;
        }
        if (node.isArray()) {
            long n = 2;
            int items = node.size();
            for (int i = 0; i < items; i++) {
                n += count(node.get(i), utf8);
            }
            return items == 0 ? n : n + items - 1;
        }
        if (node.isTextual()) {
            return string(node.textValue(), utf8);
        }
        if (node.isInt() || node.isLong()) {
            long v = node.longValue();
            return v == Long.MIN_VALUE ? 20 : digits(Math.abs(v)) + (v < 0 ? 1 : 0);
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? 4 : 5;
        }
        if (node.isNull()) {
            return 4;
        }
        String written = node.toString();
        return utf8 ? utf8Length(written) : written.length();
    }

    /** A quoted string's characters, escapes included; with {@code utf8}, its UTF-8 bytes. */
    private static long string(String s, boolean utf8) {
        int len = s.length();
        long n = len + 2;
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += ESCAPE_EXTRA[c]; // one look-up, not a compare per kind of escape: about half the time
            } else if (utf8) {
                n += c < 0x800 || Character.isSurrogate(c) ? 1 : 2; // a surrogate pair: 4 bytes for 2 chars
            }
        }
        return n;
    }

    /** The UTF-8 bytes of text already written as JSON. */
    private static long utf8Length(String s) {
        long n = s.length();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                n += c < 0x800 || Character.isSurrogate(c) ? 1 : 2;
            }
        }
        return n;
    }

    private static int digits(long v) {
        int d = 1;
        while (v >= 10) {
            v /= 10;
            d++;
        }
        return d;
    }
}
