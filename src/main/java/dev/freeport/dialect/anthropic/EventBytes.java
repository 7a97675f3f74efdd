package dev.freeport.dialect.anthropic;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes of one chunk's Anthropic events, written in place ({@link MessagesStreamEncoder}): one array per stream,
 * grown as needed and written again from its start for each chunk ({@link #clear}).
 */
final class EventBytes {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private byte[] bytes = new byte[256];
    private int length;

    void clear() {
        length = 0;
    }

    byte[] array() {
        return bytes;
    }

    int length() {
        return length;
    }

    void append(byte[] b) {
        append(b, 0, b.length);
    }

    /** Appends {@code b[from, to)}. */
    void append(byte[] b, int from, int to) {
        int n = to - from;
        room(n);
        System.arraycopy(b, from, bytes, length, n);
        length += n;
    }

    /** A non-negative number's decimal digits. */
    void appendInt(int n) {
        if (n < 10) {
            room(1);
            bytes[length++] = (byte) ('0' + n);
        } else {
            append(Integer.toString(n).getBytes(StandardCharsets.US_ASCII));
        }
    }

    /**
     * Appends a string's contents {@code json[from, to)} (its grammar checked) as Jackson writes the string: plain
     * runs and the escapes Jackson writes the same (quote, backslash, newline, return, tab) as they are, a character
     * beyond the 16-bit range (4 UTF-8 bytes, an emoji) as Jackson's pair of surrogate escapes. False, with nothing
     * appended, at anything else ({@code \/}, a {@code \}{@code u} escape, a malformed UTF-8 sequence): the caller
     * then has Jackson write the decoded text.
     */
    boolean appendAsJackson(byte[] json, int from, int to) {
        int mark = length;
        int run = from;
        for (int i = from; i < to; i++) {
            byte c = json[i];
            if (c == '\\') {
                byte e = json[++i];
                if (e != '"' && e != '\\' && e != 'n' && e != 'r' && e != 't') {
                    length = mark;
                    return false;
                }
            } else if ((c & 0xF8) == 0xF0) {
                int cp = i + 3 < to ? codePoint(json, i) : -1;
                if (cp < 0x10000 || cp > 0x10FFFF) {
                    length = mark;
                    return false;
                }
                append(json, run, i);
                appendEscape(Character.highSurrogate(cp));
                appendEscape(Character.lowSurrogate(cp));
                i += 3;
                run = i + 1;
            } else if (c < 0) { // 2 or 3 bytes, copied as they are when well formed
                int n = wellFormed(json, i, to);
                if (n < 0) {
                    length = mark;
                    return false;
                }
                i += n - 1;
            }
        }
        append(json, run, to);
        return true;
    }

    /**
     * The length of the 2- or 3-byte UTF-8 sequence at {@code at} (before {@code to}) when it is well formed: not a
     * lone continuation byte, not cut short, not an overlong form, not a UTF-16 surrogate; else -1 (the caller then
     * decodes the text, which writes U+FFFD for what is malformed: the caller never gets bytes that are not UTF-8).
     */
    private static int wellFormed(byte[] b, int at, int to) {
        int c = b[at] & 0xFF;
        if (c >= 0xC2 && c <= 0xDF) {
            return at + 1 < to && (b[at + 1] & 0xC0) == 0x80 ? 2 : -1;
        }
        if ((c & 0xF0) == 0xE0 && at + 2 < to && (b[at + 1] & 0xC0) == 0x80 && (b[at + 2] & 0xC0) == 0x80) {
            int cp = (c & 0x0F) << 12 | (b[at + 1] & 0x3F) << 6 | b[at + 2] & 0x3F;
            return cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF) ? 3 : -1;
        }
        return -1;
    }

    /** The code point of the 4-byte UTF-8 sequence at {@code at}, or -1 when a continuation byte is not one. */
    private static int codePoint(byte[] b, int at) {
        if ((b[at + 1] & 0xC0) != 0x80 || (b[at + 2] & 0xC0) != 0x80 || (b[at + 3] & 0xC0) != 0x80) {
            return -1;
        }
        return (b[at] & 0x07) << 18 | (b[at + 1] & 0x3F) << 12 | (b[at + 2] & 0x3F) << 6 | b[at + 3] & 0x3F;
    }

    /** {@code \}{@code uXXXX} with upper-case digits, as Jackson writes an escape. */
    private void appendEscape(char c) {
        room(6);
        bytes[length++] = '\\';
        bytes[length++] = 'u';
        for (int shift = 12; shift >= 0; shift -= 4) {
            bytes[length++] = HEX[c >> shift & 0xF];
        }
    }

    private void room(int n) {
        if (length + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
        }
    }
}
