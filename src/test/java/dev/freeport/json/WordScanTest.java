package dev.freeport.json;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The eight-bytes-at-a-time searches find exactly the byte a byte-by-byte search finds: at every offset within a
 * word, in the tail of fewer than eight bytes, with bytes above 0x80 (UTF-8) and with bytes just below and above the
 * ones searched for (where a word test's borrow could mark the wrong byte).
 */
class WordScanTest {

    private static int lineEndByBytes(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n' || b[i] == '\r') {
                return i;
            }
        }
        return to;
    }

    private static int stringStopByBytes(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '"' || b[i] == '\\' || (b[i] >= 0 && b[i] < 0x20)) {
                return i;
            }
        }
        return to;
    }

    private static int asciiStopByBytes(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '"' || b[i] == '\\' || b[i] < 0x20) { // a byte of 0x80 or above is negative
                return i;
            }
        }
        return to;
    }

    /** Bytes near the searched ones, a zero, and bytes of UTF-8 beyond ASCII. */
    private static final byte[] ALPHABET = {'a', ' ', '!', '"', '#', '[', '\\', ']', 0, 1, 0x1f, '\t', '\n', '\r',
            0x0b, 0x0e, (byte) 0x80, (byte) 0xa2, (byte) 0xdc, (byte) 0xff, 0x7f, 'z'};

    @Test
    void findsTheSameByteAsAByteByByteSearchAtEveryOffset() {
        Random random = new Random(14);
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[1 + random.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                // mostly plain text, so that runs of several words occur before a hit
                b[i] = random.nextInt(6) == 0 ? ALPHABET[random.nextInt(ALPHABET.length)] : (byte) ('a' + random.nextInt(26));
            }
            int from = random.nextInt(b.length);
            int to = from + random.nextInt(b.length - from + 1);
            assertThat(WordScan.lineEnd(b, from, to)).as("line end in %s [%d, %d)", java.util.Arrays.toString(b), from, to)
                    .isEqualTo(lineEndByBytes(b, from, to));
            assertThat(WordScan.stringStop(b, from, to)).as("string stop in %s [%d, %d)", java.util.Arrays.toString(b),
                    from, to).isEqualTo(stringStopByBytes(b, from, to));
            assertThat(WordScan.asciiStop(b, from, to)).as("ascii stop in %s [%d, %d)", java.util.Arrays.toString(b),
                    from, to).isEqualTo(asciiStopByBytes(b, from, to));
        }
    }

    @Test
    void theAsciiRunStopsAtEveryKindOfStopByteAtEveryPositionOfStringsUpToFortyBytes() {
        byte[] stops = {'"', '\\', 0, 0x1f, '\n', (byte) 0x80, (byte) 0xc3, (byte) 0xe2, (byte) 0xf0, (byte) 0xff};
        for (int length = 0; length <= 40; length++) {
            for (int at = 0; at <= length; at++) {
                for (byte stop : stops) {
                    byte[] b = new byte[length + 1];
                    java.util.Arrays.fill(b, (byte) '~'); // 0x7e: the highest plain byte
                    b[at] = stop;
                    for (int from = 0; from <= at; from++) {
                        assertThat(WordScan.asciiStop(b, from, b.length)).as("%d at %d of %d from %d", stop, at, length,
                                from).isEqualTo(at);
                    }
                }
            }
        }
    }

    @Test
    void aHitAfterAZeroByteOrAByteBelowASpaceInTheSameWordIsNotReportedFirst() {
        byte[] b = {'a', 'b', 0, '"', 'c', 'd', 'e', 'f', 'g', 'h'};
        assertThat(WordScan.stringStop(b, 0, b.length)).isEqualTo(2);
        byte[] line = {'x', 0x0b, '\n', 'y', 'y', 'y', 'y', 'y', 'y', 'y'};
        assertThat(WordScan.lineEnd(line, 0, line.length)).isEqualTo(2);
        byte[] text = "caf\u00e9 au lait, \"".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(WordScan.stringStop(text, 0, text.length)).isEqualTo(text.length - 1);
    }
}
