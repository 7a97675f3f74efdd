package dev.freeport.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.OptionalLong;

/**
 * The exact cost of one request, or why there is none. Never a silent zero: a model without a price is
 * {@link Status#UNKNOWN}, a non-USD price without a configured rate is {@link Status#UNCONVERTED} (its amount in the
 * original currency is still there).
 *
 * @param status     PRICED, UNKNOWN or UNCONVERTED
 * @param usdNanos   the cost in nano-dollars (only meaningful when PRICED)
 * @param original   the amount in the currency the vendor bills in, when that is not USD; else null
 * @param usdPerUnit the exchange rate used for {@code original}, or null
 * @param applied    the rules that shaped the figure, in order, human-readable ("off-peak ...", "batch x0.5")
 * @param reason     why the cost is unknown or unconverted, else null
 */
public record CostResult(Status status, long usdNanos, Money original, BigDecimal usdPerUnit, List<String> applied,
                         String reason) {

    public enum Status { PRICED, UNKNOWN, UNCONVERTED }

    /** An amount in nano-units (1e-9) of a currency. */
    public record Money(String currency, long nanos) {

        /** "12.5 CNY". */
        public String format() {
            return PriceCatalog.formatUsd(nanos) + " " + currency;
        }
    }

    public CostResult {
        applied = applied == null ? List.of() : List.copyOf(applied);
    }

    public static CostResult unknown(String reason) {
        return new CostResult(Status.UNKNOWN, 0, null, null, List.of(), reason);
    }

    /** The cost in nano-dollars, if known. */
    public OptionalLong usd() {
        return status == Status.PRICED ? OptionalLong.of(usdNanos) : OptionalLong.empty();
    }
}
