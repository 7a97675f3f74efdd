package dev.freeport.reconcile;

import java.time.LocalDate;

/**
 * One day × model of a vendor's bill, as read from its usage or cost export. A usage export has tokens but no cost, a
 * cost export a cost but no tokens; rows of both for the same day and model are merged ({@link #plus}).
 *
 * @param day       the UTC day
 * @param model     the model as the vendor names it
 * @param requests  requests, or null when the export does not count them
 * @param tokens    token counts, or null when the export has none
 * @param costNanos the billed amount in nano-dollars, or null when the export has none
 */
public record BilledRow(LocalDate day, String model, Long requests, Tokens tokens, Long costNanos) {

    /**
     * Token counts of a bill or of the ledger.
     *
     * @param input       all input tokens, cache reads and cache writes included
     * @param cachedInput input tokens read from the cache
     * @param cacheWrites input tokens written to the cache (any TTL)
     * @param cacheWrites1h of which written with a 1-hour TTL (Anthropic), or 0
     * @param output      output tokens, reasoning included
     */
    public record Tokens(long input, long cachedInput, long cacheWrites, long cacheWrites1h, long output) {

        public static final Tokens ZERO = new Tokens(0, 0, 0, 0, 0);

        public Tokens plus(Tokens o) {
            return o == null ? this : new Tokens(input + o.input, cachedInput + o.cachedInput,
                    cacheWrites + o.cacheWrites, cacheWrites1h + o.cacheWrites1h, output + o.output);
        }

        public long total() {
            return input + output;
        }
    }

    /** This row and another of the same day and model: present fields add up, absent ones stay absent. */
    public BilledRow plus(BilledRow o) {
        return new BilledRow(day, model, add(requests, o.requests),
                tokens == null ? o.tokens : tokens.plus(o.tokens), add(costNanos, o.costNanos));
    }

    private static Long add(Long a, Long b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return Long.valueOf(a + b);
    }
}
