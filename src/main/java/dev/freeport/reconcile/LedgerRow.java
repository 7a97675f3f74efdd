package dev.freeport.reconcile;

import java.time.LocalDate;

/**
 * One day × model of what Freeport recorded for a vendor.
 *
 * @param day            the UTC day of the requests' arrival
 * @param model          the upstream model as recorded (one spelling of the key)
 * @param requests       requests that reached the vendor
 * @param tokens         token counts (cache writes are not split by TTL in the ledger)
 * @param costNanos      the cost recorded at the time
 * @param unpriced       requests with tokens but no recorded cost
 * @param repricedNanos  the same requests priced now by the catalog's rules at their processing time; null when any
 *                       of them has no price in the catalog
 */
public record LedgerRow(LocalDate day, String model, long requests, BilledRow.Tokens tokens, long costNanos,
                        long unpriced, Long repricedNanos) {

    LedgerRow plus(LedgerRow o) {
        return new LedgerRow(day, model, requests + o.requests, tokens.plus(o.tokens), costNanos + o.costNanos,
                unpriced + o.unpriced,
                repricedNanos == null || o.repricedNanos == null ? null : repricedNanos + o.repricedNanos);
    }
}
