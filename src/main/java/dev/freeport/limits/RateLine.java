package dev.freeport.limits;

import dev.freeport.caller.Limits;

/**
 * One set of rate limits a request must fit: a key's or a team's, named as in {@link BudgetLine}; with the
 * limits' texts as the x-ratelimit-limit-* headers show them (null: no such limit), made once with the line.
 */
public record RateLine(String subject, String display, Limits limits, String rpmText, String tpmText) {

    public RateLine(String subject, String display, Limits limits) {
        this(subject, display, limits, limits.rpm() == null ? null : Long.toString(limits.rpm()),
                limits.tpm() == null ? null : Long.toString(limits.tpm()));
    }

    /** The same line without its tokens-per-minute limit (a request that uses no provider tokens). */
    RateLine requestsOnly() {
        return limits.tpm() == null ? this : new RateLine(subject, display, new Limits(limits.rpm(), null,
                limits.maxParallel()));
    }

    long rpm() {
        return limits.rpm() == null ? -1 : limits.rpm();
    }

    long tpm() {
        return limits.tpm() == null ? -1 : limits.tpm();
    }

    long maxParallel() {
        return limits.maxParallel() == null ? -1 : limits.maxParallel();
    }
}
