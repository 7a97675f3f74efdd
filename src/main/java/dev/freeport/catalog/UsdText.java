package dev.freeport.catalog;

import java.nio.charset.StandardCharsets;

/**
 * Nano-units as the plain decimal text {@code BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString()}
 * gives ("0.000123", "12.5", "-3", "0"), written from the long into one small byte array: no BigDecimal, no
 * StringBuilder.
 */
final class UsdText {
    private static final int NANOS_PER_UNIT = 1_000_000_000;
    /** "-" + 19 digits of a long's whole part + "." + 9 decimals */
    private static final int MAX_LENGTH = 30;

    /** where the text is written before its String copies it: the String's bytes are the only array made */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[MAX_LENGTH]);

    private UsdText() {
    }

    static String format(long nanos) {
        if (nanos == 0) {
            return "0";
        }
        byte[] b = SCRATCH.get();
        int end = MAX_LENGTH;
        // work on the negative magnitude: it holds Long.MIN_VALUE
        long neg = nanos < 0 ? nanos : -nanos;
        long whole = neg / NANOS_PER_UNIT; // ≤ 0
        int frac = (int) -(neg - whole * NANOS_PER_UNIT); // 0 ≤ frac < 10^9
        if (frac != 0) {
            int digits = 9;
            while (frac % 10 == 0) {
                frac /= 10;
                digits--;
            }
            for (int i = 0; i < digits; i++) {
                b[--end] = (byte) ('0' + frac % 10);
                frac /= 10;
            }
            b[--end] = '.';
        }
        do {
            b[--end] = (byte) ('0' - whole % 10);
            whole /= 10;
        } while (whole != 0);
        if (nanos < 0) {
            b[--end] = '-';
        }
        return new String(b, end, MAX_LENGTH - end, StandardCharsets.ISO_8859_1);
    }
}
