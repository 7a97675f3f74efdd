package dev.freeport.ledger;

import java.util.Locale;

/**
 * How far a request's recorded cost can be trusted, and what the vendor bills it in when that is not USD. Never a
 * silent zero: a request to a model without a price is {@link Status#UNKNOWN} (its {@code costNanos} is 0 and
 * means "unknown", not "free"), a non-USD price without a configured exchange rate is {@link Status#UNCONVERTED}.
 *
 * @param status        PRICED, UNKNOWN or UNCONVERTED
 * @param currency      the currency the vendor bills in when it is not USD ("CNY"), else null
 * @param originalNanos the amount in that currency, in nano-units (1e-9), else 0
 */
public record CostDetail(Status status, String currency, long originalNanos) {

    /** A USD price, or nothing to price (a request that failed before any tokens). */
    public static final CostDetail PRICED = new CostDetail(Status.PRICED, null, 0);
    /** No price for the model. */
    public static final CostDetail UNKNOWN = new CostDetail(Status.UNKNOWN, null, 0);

    public enum Status {
        PRICED, UNKNOWN, UNCONVERTED;

        /** The ledger's name: {@code priced}, {@code cost_unknown}, {@code unconverted}. */
        public String ledgerName() {
            return this == UNKNOWN ? "cost_unknown" : name().toLowerCase(Locale.ROOT);
        }

        /** Reads {@link #ledgerName()}; null or unknown text is PRICED (rows written before costs had a status). */
        public static Status ofLedgerName(String s) {
            if (s == null) {
                return PRICED;
            }
            return switch (s) {
                case "cost_unknown" -> UNKNOWN;
                case "unconverted" -> UNCONVERTED;
                default -> PRICED;
            };
        }
    }

    public CostDetail {
        status = status == null ? Status.PRICED : status;
    }

    /** Whether the recorded USD figure is the cost (false: the cost is unknown in USD). */
    public boolean known() {
        return status == Status.PRICED;
    }

    /** A cost billed in {@code currency}, {@code nanos} of it, converted to USD or not. */
    public static CostDetail original(String currency, long nanos, boolean converted) {
        return new CostDetail(converted ? Status.PRICED : Status.UNCONVERTED, currency, nanos);
    }
}
