package dev.freeport.dialect.openai;

/**
 * One UTF-8 sequence checked as Jackson's parser checks it (RFC 3629: no overlong form, no surrogate, nothing past
 * U+10FFFF), for the byte readers of this dialect ({@link TextBytes}, {@link AnswerBytes}).
 */
final class Utf8Sequence {

    private Utf8Sequence() {
    }

    /** The length of the UTF-8 sequence starting at {@code b[i]} (a lead byte of 0x80 or more), or -1 if invalid. */
    static int length(byte[] b, int i, int to) {
        int lead = b[i] & 0xff;
        int n;
        int min;
        if (lead >= 0xc2 && lead <= 0xdf) {
            n = 2;
            min = 0x80;
        } else if (lead >= 0xe0 && lead <= 0xef) {
            n = 3;
            min = 0x800;
        } else if (lead >= 0xf0 && lead <= 0xf4) {
            n = 4;
            min = 0x10000;
        } else {
            return -1;
        }
        if (i + n > to) {
            return -1;
        }
        int cp = lead & (0x3f >> (n - 1));
        for (int k = 1; k < n; k++) {
            int c = b[i + k] & 0xff;
            if ((c & 0xc0) != 0x80) {
                return -1;
            }
            cp = cp << 6 | c & 0x3f;
        }
        if (cp < min || cp > 0x10ffff || cp >= 0xd800 && cp <= 0xdfff) {
            return -1;
        }
        return n;
    }
}
