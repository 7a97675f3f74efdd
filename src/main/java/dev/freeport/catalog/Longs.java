package dev.freeport.catalog;

import java.math.BigDecimal;

/**
 * Integer money arithmetic on non-negative longs, where -1 ({@link #NO}) means "does not fit: go the BigDecimal
 * way" and stays -1 through every later step, so a chain of products and sums needs one check at its end.
 */
final class Longs {
    /** did not fit */
    static final long NO = -1;
    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private Longs() {
    }

    /** a × b, or {@link #NO} when either is negative or the product is past a long. */
    static long mul(long a, long b) {
        if (a < 0 || b < 0) {
            return NO;
        }
        long p = a * b;
        return Math.multiplyHigh(a, b) == 0 && p >= 0 ? p : NO;
    }

    /** a + b, or {@link #NO} when either is negative or the sum is past a long. */
    static long add(long a, long b) {
        if (a < 0 || b < 0) {
            return NO;
        }
        long s = a + b;
        return s >= 0 ? s : NO;
    }

    /** 10^n for 0 ≤ n ≤ 18, else {@link #NO}. */
    static long pow10(int n) {
        return n >= 0 && n < POW10.length ? POW10[n] : NO;
    }

    /** n / 10^decimals rounded half up (n ≥ 0), or {@link #NO}. */
    static long roundHalfUp(long n, int decimals) {
        return divHalfUp(n, pow10(decimals));
    }

    /** n / d rounded half up (n ≥ 0, d > 0), or {@link #NO}. */
    static long divHalfUp(long n, long d) {
        if (n < 0 || d <= 0) {
            return NO;
        }
        long q = n / d;
        long r = n - q * d;
        return r >= d - r ? q + 1 : q;
    }

    /**
     * {@code v} × 10^{@code decimals} as a whole non-negative long: a price in units per million tokens as pico-units
     * per token (decimals 6), a fee per call or per hour as pico-units (12); null stays null ({@code unset});
     * negative, more decimals or past a long: {@code inexact}.
     */
    static long scaled(BigDecimal v, int decimals, long unset, long inexact) {
        if (v == null) {
            return unset;
        }
        if (v.signum() < 0) {
            return inexact;
        }
        try {
            return v.movePointRight(decimals).longValueExact();
        } catch (ArithmeticException e) {
            return inexact; // more decimals, or too large
        }
    }
}
