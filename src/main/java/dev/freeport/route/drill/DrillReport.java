package dev.freeport.route.drill;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

/**
 * What {@link OutageDrill} found: for each alias, what losing the vendor would do to it, judged on the window's
 * real traffic; then the totals. Money is long nano-dollars; shares and changes are percentages with one decimal.
 *
 * @param vendor  the vendor taken away, lower case
 * @param from    the window's start (inclusive)
 * @param to      the window's end (exclusive)
 * @param aliases configured aliases in config order, then aliases seen in the ledger but no longer configured
 * @param totals  across every event of the window
 */
public record DrillReport(String vendor, Instant from, Instant to, List<AliasImpact> aliases, Totals totals) {

    public DrillReport {
        aliases = List.copyOf(aliases);
    }

    /** What happens to an alias without the vendor. */
    public enum Verdict {
        /** every target of the alias belongs to the vendor: its requests would fail */
        FAIL,
        /** some targets belong to the vendor: their traffic would go to the first remaining target */
        FALL_BACK,
        /** no target belongs to the vendor */
        UNAFFECTED,
        /** seen in the ledger but not in the config: no verdict */
        NOT_CONFIGURED
    }

    /**
     * Medians of requests that succeeded.
     *
     * @param samples          successful requests measured
     * @param medianMillis     median arrival-to-last-byte, or null without samples
     * @param medianTtftMillis median time to first token over the streams among them, or null when none streamed
     */
    public record Latency(int samples, Long medianMillis, Long medianTtftMillis) {
        public static final Latency NONE = new Latency(0, null, null);

        public boolean hasData() {
            return samples > 0;
        }
    }

    /**
     * @param alias           the alias
     * @param verdict         what happens to it
     * @param requests        its requests in the window
     * @param viaVendor       of those, the ones whose last attempt went to the vendor
     * @param fallback        "provider/model" the vendor's traffic would move to (FALL_BACK only), else null
     * @param fallbackPriced  whether the fallback's price is known (unknown re-prices to 0)
     * @param costThenNanos   the alias's recorded spend in the window
     * @param costNowNanos    the same with the vendor's requests re-priced at the fallback's price (FALL_BACK),
     *                        the recorded spend (UNAFFECTED), or null (FAIL, NOT_CONFIGURED)
     * @param vendorLatency   medians of the alias's successful requests via the vendor
     * @param fallbackLatency medians of every successful request the fallback served in the window (any alias);
     *                        {@link Latency#NONE} when it served none, or for verdicts other than FALL_BACK
     * @param failingRequests requests that would fail (FAIL: all of the alias's requests)
     */
    public record AliasImpact(String alias, Verdict verdict, long requests, long viaVendor, String fallback,
                              boolean fallbackPriced, long costThenNanos, Long costNowNanos, Latency vendorLatency,
                              Latency fallbackLatency, long failingRequests) {

        /** costNow − costThen, or null without costNow. */
        public Long costDeltaNanos() {
            return costNowNanos == null ? null : costNowNanos - costThenNanos;
        }

        /** The change of the alias's spend in percent, or null when it had none or there is no costNow. */
        public BigDecimal costDeltaPercent() {
            Long delta = costDeltaNanos();
            return delta == null ? null : percent(delta, costThenNanos);
        }

        /** Fallback median latency − vendor median latency, or null when either has no data. */
        public Long latencyDeltaMillis() {
            return difference(fallbackLatency.medianMillis(), vendorLatency.medianMillis());
        }

        /** Fallback median TTFT − vendor median TTFT, or null when either has no data. */
        public Long ttftDeltaMillis() {
            return difference(fallbackLatency.medianTtftMillis(), vendorLatency.medianTtftMillis());
        }

        private static Long difference(Long now, Long then) {
            return now == null || then == null ? null : now - then;
        }
    }

    /**
     * @param requests               every request in the window
     * @param viaVendor              requests whose last attempt went to the vendor
     * @param spendNanos             all recorded spend in the window
     * @param viaVendorSpendNanos    the spend of the requests via the vendor
     * @param failingAliases         aliases with verdict FAIL
     * @param fallingBackAliases     aliases with verdict FALL_BACK
     * @param unaffectedAliases      aliases with verdict UNAFFECTED
     * @param failingRequests        requests of FAIL aliases
     * @param failingSpendNanos      their recorded spend (not spent, and not served, during an outage)
     * @param fallbackCostDeltaNanos the sum of the FALL_BACK aliases' cost changes
     */
    public record Totals(long requests, long viaVendor, long spendNanos, long viaVendorSpendNanos,
                         int failingAliases, int fallingBackAliases, int unaffectedAliases, long failingRequests,
                         long failingSpendNanos, long fallbackCostDeltaNanos) {

        /** The vendor's share of requests, in percent (null without requests). */
        public BigDecimal vendorRequestShare() {
            return percent(viaVendor, requests);
        }

        /** The vendor's share of spend, in percent (null without spend). */
        public BigDecimal vendorSpendShare() {
            return percent(viaVendorSpendNanos, spendNanos);
        }

        /** Failing requests as a share of all requests, in percent (null without requests). */
        public BigDecimal failingShare() {
            return percent(failingRequests, requests);
        }
    }

    /** part / whole × 100 with one decimal, half up; null when whole is 0. */
    static BigDecimal percent(long part, long whole) {
        if (whole == 0) {
            return null;
        }
        return BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
    }
}
