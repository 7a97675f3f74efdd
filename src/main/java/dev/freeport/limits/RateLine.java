package dev.freeport.limits;

import dev.freeport.caller.Limits;
import io.vertx.core.http.HttpHeaders;

/**
 * One set of rate limits a request must fit: a key's or a team's, named as in {@link BudgetLine}; with the
 * limits' texts as the x-ratelimit-limit-* headers show them (null: no such limit), made once with the line, as
 * bytes (Vert.x copies an AsciiString's bytes at once where it checks and encodes a String's char by char).
 */
public record RateLine(String subject, String display, Limits limits, CharSequence rpmText, CharSequence tpmText) {

    public RateLine(String subject, String display, Limits limits) {
        this(subject, display, limits, text(limits.rpm()), text(limits.tpm()));
    }

    private static CharSequence text(Number limit) {
        return limit == null ? null : HttpHeaders.createOptimized(limit.toString());
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
