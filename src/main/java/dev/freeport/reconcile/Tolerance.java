package dev.freeport.reconcile;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How far the ledger may be from the bill before a difference is a finding: a share of the billed figure, but never
 * less than an absolute amount for money ({@code --tolerance 1% --tolerance-usd 0.01} by default).
 *
 * @param share     e.g. 0.01 for 1%
 * @param usdNanos  the absolute floor for money differences
 */
public record Tolerance(BigDecimal share, long usdNanos) {

    public static final Tolerance DEFAULT = new Tolerance(new BigDecimal("0.01"), 10_000_000L);

    /** Parses "1%" or "0.01". */
    public static BigDecimal parseShare(String s) {
        String t = s.trim();
        BigDecimal v = t.endsWith("%") ? new BigDecimal(t.substring(0, t.length() - 1)).movePointLeft(2)
                : new BigDecimal(t);
        if (v.signum() < 0) {
            throw new IllegalArgumentException("tolerance must not be negative: " + s);
        }
        return v;
    }

    boolean moneyWithin(long diff, long billed) {
        return Math.abs(diff) <= Math.max(usdNanos, allowed(billed));
    }

    boolean tokensWithin(long diff, long billed) {
        return Math.abs(diff) <= allowed(billed);
    }

    private long allowed(long billed) {
        return share.multiply(BigDecimal.valueOf(Math.abs(billed))).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
