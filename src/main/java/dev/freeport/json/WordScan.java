package dev.freeport.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Searches in bytes eight at a time (one {@code long} read and a few arithmetic steps per word instead of a
 * comparison per byte), for the readers that walk a stream's bytes: the end of an SSE line, the end of the plain run of
 * a JSON string. The word tests are the classic "has a zero byte" ones: {@code (x - 0x01..) & ~x & 0x80..} sets the high
 * bit of the first byte that is zero (bytes after it may be set too, through the borrow, so only the lowest set bit is
 * read); {@code x ^ (c * 0x01..)} makes the bytes equal to {@code c} zero. The JDK's Vector API would do the same but
 * is still an incubator module.
 */
public final class WordScan {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long NEWLINES = ONES * '\n';
    private static final long RETURNS = ONES * '\r';
    private static final long QUOTES = ONES * '"';
    private static final long BACKSLASHES = ONES * '\\';
    private static final long SPACES = ONES * 0x20;

    private WordScan() {
    }

    /** The high bit of each byte of {@code x} that is zero (exact for the lowest such byte). */
    private static long zeros(long x) {
        return (x - ONES) & ~x & HIGHS;
    }

    /** The first position in {@code [from, to)} of a {@code \n} or {@code \r}, or {@code to}. */
    public static int lineEnd(byte[] b, int from, int to) {
        int i = from;
        for (; i <= to - 8; i += 8) {
            long w = (long) LONGS.get(b, i);
            long found = zeros(w ^ NEWLINES) | zeros(w ^ RETURNS);
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            byte c = b[i];
            if (c == '\n' || c == '\r') {
                return i;
            }
        }
        return to;
    }

    /** The first index in {@code [from, to)} that is not JSON whitespace (space, tab, LF, CR), or {@code to}. */
    public static int skipSpace(byte[] b, int from, int to) {
        int i = from;
        while (i < to) {
            byte c = b[i];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return i;
            }
            i++;
        }
        return to;
    }

    /**
     * Inside a JSON string: the first position in {@code [from, to)} of a byte that is not plain text — its closing
     * quote, a backslash, a control character (below 0x20, which must be escaped) — or {@code to}. Bytes of 0x80 and
     * above (UTF-8 beyond ASCII) are plain.
     */
    public static int stringStop(byte[] b, int from, int to) {
        int i = from;
        for (; i <= to - 8; i += 8) {
            long found = stops((long) LONGS.get(b, i));
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            byte c = b[i];
            if (c == '"' || c == '\\' || (c >= 0 && c < 0x20)) {
                return i;
            }
        }
        return to;
    }

    /**
     * As {@link #stringStop}, stopping also at a byte of 0x80 or above: the end of a JSON string's run of plain ASCII
     * text, whose bytes are its characters one for one (for a reader that decodes the string into characters).
     */
    public static int asciiStop(byte[] b, int from, int to) {
        int i = from;
        for (; i <= to - 8; i += 8) {
            long w = (long) LONGS.get(b, i);
            long found = stops(w) | (w & HIGHS);
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            byte c = b[i];
            if (c == '"' || c == '\\' || c < 0x20) { // a byte of 0x80 or above is negative
                return i;
            }
        }
        return to;
    }

    /**
     * The high bit of each byte of {@code w} that ends a string's plain run (exact for the lowest one): a quote, a
     * backslash, or a control character (a byte below 0x20 is one whose high bit {@code w - 0x20..} sets while its own
     * high bit is clear).
     */
    private static long stops(long w) {
        return zeros(w ^ QUOTES) | zeros(w ^ BACKSLASHES) | ((w - SPACES) & ~w & HIGHS);
    }
}
