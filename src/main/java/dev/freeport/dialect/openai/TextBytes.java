package dev.freeport.dialect.openai;

import dev.freeport.json.WordScan;

import java.util.Arrays;

/**
 * The bytes under {@link ByteTokens}: the position in them, the whitespace between tokens, and a JSON string decoded
 * into one reused character buffer as the parser decodes it: its plain ASCII runs found eight bytes at a time
 * ({@link WordScan#asciiStop}) and widened in one loop, its escapes and UTF-8 sequences ({@link Utf8Sequence}) one
 * by one. A control character, an unknown escape or a malformed sequence gives the body up ({@link BodyReader#bail()}).
 */
abstract class TextBytes {
    final byte[] b;
    final int from;
    final int end;
    int pos;
    /** the current string's characters, or the current number's */
    char[] text;
    int textLength;

    TextBytes(byte[] b, int from, int to) {
        this.b = b;
        this.from = from;
        this.end = to;
        this.pos = from;
    }

    /** At a string's opening quote: its characters decoded into {@link #text}, the position past its end. */
    final void string() {
        pos++;
        int n = 0;
        while (true) {
            int stop = WordScan.asciiStop(b, pos, end); // the run of plain ASCII, found eight bytes at a time
            if (stop > pos) {
                int run = stop - pos;
                if (n + run + 2 > text.length) {
                    ensure(n + run + 2);
                }
                for (int k = 0; k < run; k++) {
                    text[n + k] = (char) b[pos + k]; // below 0x80: the byte is the character
                }
                n += run;
                pos = stop;
            }
            byte c = at();
            if (c == '"') {
                pos++;
                textLength = n;
                return;
            }
            if (n + 2 > text.length) {
                ensure(n + 2);
            }
            if (c == '\\') {
                pos++;
                text[n++] = escape();
            } else if (c >= 0) {
                throw BodyReader.bail(); // past the plain run: a control character, which must be escaped
            } else {
                n = decode(n);
            }
        }
    }

    private char escape() {
        byte e = at();
        pos++;
        switch (e) {
            case '"', '\\', '/' -> {
                return (char) e;
            }
            case 'b' -> {
                return '\b';
            }
            case 'f' -> {
                return '\f';
            }
            case 'n' -> {
                return '\n';
            }
            case 'r' -> {
                return '\r';
            }
            case 't' -> {
                return '\t';
            }
            case 'u' -> {
                int v = 0;
                for (int i = 0; i < 4; i++) {
                    int d = Character.digit(at(), 16);
                    if (d < 0) {
                        throw BodyReader.bail();
                    }
                    v = v << 4 | d;
                    pos++;
                }
                return (char) v;
            }
            default -> throw BodyReader.bail();
        }
    }

    /** A multi-byte UTF-8 sequence at the position into {@code text[n]} (two chars above U+FFFF); the new n. */
    private int decode(int n) {
        int len = sequence(pos);
        int cp = b[pos] & (0x3f >> (len - 1));
        for (int k = 1; k < len; k++) {
            cp = cp << 6 | b[pos + k] & 0x3f;
        }
        pos += len;
        if (cp >= 0x10000) {
            text[n++] = Character.highSurrogate(cp);
            text[n++] = Character.lowSurrogate(cp);
        } else {
            text[n++] = (char) cp;
        }
        return n;
    }

    /** The length of the well-formed UTF-8 sequence at {@code i}; gives up on one that is not. */
    final int sequence(int i) {
        int n = Utf8Sequence.length(b, i, end);
        if (n < 0) {
            throw BodyReader.bail();
        }
        return n;
    }

    final void ensure(int n) {
        if (n > text.length) {
            text = Arrays.copyOf(text, Math.max(n, text.length * 2));
        }
    }

    final void space() {
        pos = WordScan.skipSpace(b, pos, end);
    }

    final byte at() {
        if (pos >= end) {
            throw BodyReader.bail();
        }
        return b[pos];
    }
}
