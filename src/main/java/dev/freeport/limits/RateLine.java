package dev.freeport.limits;

import dev.freeport.caller.Limits;

/** One set of rate limits a request must fit: a key's or a team's, named as in {@link BudgetLine}. */
public record RateLine(String subject, String display, Limits limits) {

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
