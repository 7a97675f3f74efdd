package dev.freeport.catalog;

import java.math.BigDecimal;

/**
 * A non-negative decimal as a whole number and a count of decimals ({@code 1.1} = 11, 1), made once where a rule or
 * an exchange rate is read, so that the pricing engine multiplies longs. {@link #INEXACT} marks a decimal that does
 * not fit (negative, more than 18 decimals, or an unscaled value past a long): that figure goes the BigDecimal way.
 */
public record Fixed(long unscaled, int scale) {

    /** Not representable: the BigDecimal way. */
    public static final Fixed INEXACT = new Fixed(-1, 0);

    /** {@code v} as a fixed decimal; null for null; {@link #INEXACT} when it does not fit. */
    public static Fixed of(BigDecimal v) {
        if (v == null) {
            return null;
        }
        if (v.signum() < 0) {
            return INEXACT;
        }
        BigDecimal s = v.signum() == 0 ? BigDecimal.ZERO : v.stripTrailingZeros();
        if (s.scale() < 0) {
            s = s.setScale(0);
        }
        if (s.scale() > 18) {
            return INEXACT;
        }
        try {
            return new Fixed(s.unscaledValue().longValueExact(), s.scale());
        } catch (ArithmeticException e) {
            return INEXACT;
        }
    }

    public boolean exact() {
        return unscaled >= 0;
    }

    /** {@code v} (≥ 0) times this decimal, rounded up to a whole number; -1 when inexact or past a long. */
    public long timesCeiling(long v) {
        long p = Longs.mul(v, unscaled);
        long d = Longs.pow10(scale);
        return p < 0 || d < 0 ? -1 : p / d + (p % d == 0 ? 0 : 1);
    }
}
