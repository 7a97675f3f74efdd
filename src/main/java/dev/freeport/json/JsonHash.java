package dev.freeport.json;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;

/**
 * A 64-bit FNV-1a hash of JSON values, for grouping (duplicate prompts, shared prefixes), not for security: a
 * string hashes its characters then a separator, a member its name's {@code hashCode} then its value (members named
 * {@code cache_control} are left out: a cache hint does not change a prompt), an array its elements then a closing
 * mark; numbers, booleans and null hash as their text. Fed either by a tree ({@link #node}) or token by token by a
 * one-pass reader of the bytes: both give the same hash. {@link #chars} counts the characters of the texts hashed.
 */
public final class JsonHash {
    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;
    /** the member left out of the hash */
    public static final String CACHE_CONTROL = "cache_control";

    private long value = OFFSET;
    private long chars;

    public long value() {
        return value;
    }

    public long chars() {
        return chars;
    }

    /** This hash set to {@code other}'s state. */
    public JsonHash set(JsonHash other) {
        value = other.value;
        chars = other.chars;
        return this;
    }

    /** A text (a string's characters, or a scalar's text). */
    public void text(String s) {
        if (s == null) {
            return;
        }
        long h = value;
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * PRIME;
        }
        value = (h ^ 0x1f) * PRIME;
        chars += s.length();
    }

    /** A text given as {@code length} characters of {@code c} from {@code offset}. */
    public void text(char[] c, int offset, int length) {
        long h = value;
        for (int i = offset; i < offset + length; i++) {
            h = (h ^ c[i]) * PRIME;
        }
        value = (h ^ 0x1f) * PRIME;
        chars += length;
    }

    /**
     * {@link #text(char[], int, int)} into {@code first} and {@code second} in one loop: the two hashes' chains of
     * multiplications run side by side instead of one after the other (each character costs one multiplication's
     * latency, not two).
     */
    public static void text(JsonHash first, JsonHash second, char[] c, int offset, int length) {
        long h = first.value;
        long g = second.value;
        for (int i = offset; i < offset + length; i++) {
            char ch = c[i];
            h = (h ^ ch) * PRIME;
            g = (g ^ ch) * PRIME;
        }
        first.value = (h ^ 0x1f) * PRIME;
        first.chars += length;
        second.value = (g ^ 0x1f) * PRIME;
        second.chars += length;
    }

    /** {@link #text(String)} into {@code first} and {@code second} in one loop (as the char[] form above). */
    public static void text(JsonHash first, JsonHash second, String s) {
        long h = first.value;
        long g = second.value;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char ch = s.charAt(i);
            h = (h ^ ch) * PRIME;
            g = (g ^ ch) * PRIME;
        }
        first.value = (h ^ 0x1f) * PRIME;
        first.chars += n;
        second.value = (g ^ 0x1f) * PRIME;
        second.chars += n;
    }

    /** {@link #text(String)} into three hashes in one loop. */
    public static void text(JsonHash first, JsonHash second, JsonHash third, String s) {
        long h = first.value;
        long g = second.value;
        long k = third.value;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char ch = s.charAt(i);
            h = (h ^ ch) * PRIME;
            g = (g ^ ch) * PRIME;
            k = (k ^ ch) * PRIME;
        }
        first.value = (h ^ 0x1f) * PRIME;
        first.chars += n;
        second.value = (g ^ 0x1f) * PRIME;
        second.chars += n;
        third.value = (k ^ 0x1f) * PRIME;
        third.chars += n;
    }

    /** A member's name (its value follows). */
    public void name(String name) {
        value = (value ^ name.hashCode()) * PRIME;
    }

    /** The end of an array. */
    public void endArray() {
        value = (value ^ 0x5d) * PRIME;
    }

    /** A whole tree. */
    public void node(JsonNode n) {
        if (n.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals(CACHE_CONTROL)) {
                    continue;
                }
                name(e.getKey());
                node(e.getValue());
            }
        } else if (n.isArray()) {
            for (JsonNode item : n) {
                node(item);
            }
            endArray();
        } else if (n.isTextual()) {
            text(n.textValue());
        } else {
            text(n.asText());
        }
    }

    /** The hash as 16 hex digits. */
    public static String hex(long value) {
        return HexFormat.of().toHexDigits(value); // as "%016x", without a Formatter
    }
}
