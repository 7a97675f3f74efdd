package dev.freeport.audit;

import dev.freeport.api.Usage;
import dev.freeport.catalog.PriceCatalog;
import dev.freeport.ledger.RequestFacts;
import dev.freeport.ledger.UsageEvent;

import java.time.Instant;

/** Builds audit records for tests: a fluent copy-on-write builder over UsageEvent + RequestFacts. */
record Records(String id, int minute, String alias, String vendor, String model, long in, long out, long cached,
               long reasoning, Long cost, UsageEvent.Status status, int attempts, String promptHash,
               String prefixHash, long prefixTokens, String conversation, int messages, Integer maxTokens,
               String finish, boolean tools, boolean images) {

    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    static final PriceCatalog CATALOG = PriceCatalog.bundled();

    static Records req(String id) {
        return new Records(id, 0, "a", "openai", "gpt-4o", 100, 10, 0, 0, 0L, UsageEvent.Status.OK, 1, null, null, 0,
                null, 2, null, "stop", false, false);
    }

    Records at(int m) {
        return new Records(id, m, alias, vendor, model, in, out, cached, reasoning, cost, status, attempts, promptHash,
                prefixHash, prefixTokens, conversation, messages, maxTokens, finish, tools, images);
    }

    Records on(String a, String v, String mdl) {
        return new Records(id, minute, a, v, mdl, in, out, cached, reasoning, null, status, attempts, promptHash,
                prefixHash, prefixTokens, conversation, messages, maxTokens, finish, tools, images);
    }

    /** Tokens; the cost becomes the catalog price of the model (call {@link #cost} after to force one). */
    Records tokens(long i, long o, long c, long r) {
        return new Records(id, minute, alias, vendor, model, i, o, c, r, null, status, attempts, promptHash,
                prefixHash, prefixTokens, conversation, messages, maxTokens, finish, tools, images);
    }

    Records cost(long nanos) {
        return new Records(id, minute, alias, vendor, model, in, out, cached, reasoning, nanos, status, attempts,
                promptHash, prefixHash, prefixTokens, conversation, messages, maxTokens, finish, tools, images);
    }

    Records status(UsageEvent.Status s, int n) {
        return new Records(id, minute, alias, vendor, model, in, out, cached, reasoning, cost, s, n, promptHash,
                prefixHash, prefixTokens, conversation, messages, maxTokens, finish, tools, images);
    }

    Records prompt(String hash) {
        return new Records(id, minute, alias, vendor, model, in, out, cached, reasoning, cost, status, attempts, hash,
                prefixHash, prefixTokens, conversation, messages, maxTokens, finish, tools, images);
    }

    Records prefix(String hash, long tokens) {
        return new Records(id, minute, alias, vendor, model, in, out, cached, reasoning, cost, status, attempts,
                promptHash, hash, tokens, conversation, messages, maxTokens, finish, tools, images);
    }

    Records conversation(String key, int msgs) {
        return new Records(id, minute, alias, vendor, model, in, out, cached, reasoning, cost, status, attempts,
                promptHash, prefixHash, prefixTokens, key, msgs, maxTokens, finish, tools, images);
    }

    Records maxTokens(Integer max, String fin) {
        return new Records(id, minute, alias, vendor, model, in, out, cached, reasoning, cost, status, attempts,
                promptHash, prefixHash, prefixTokens, conversation, messages, max, fin, tools, images);
    }

    Records features(boolean t, boolean img) {
        return new Records(id, minute, alias, vendor, model, in, out, cached, reasoning, cost, status, attempts,
                promptHash, prefixHash, prefixTokens, conversation, messages, maxTokens, finish, t, img);
    }

    AuditRecord build() {
        Usage u = new Usage(in, out, cached, 0, reasoning, false);
        long c = cost != null ? cost : CATALOG.find(vendor, model).map(p -> PriceCatalog.costNanos(p, u, 0))
                .orElseThrow();
        RequestFacts f = new RequestFacts("openai", null, null, promptHash, prefixHash, prefixTokens, conversation,
                messages, maxTokens, finish, tools, null);
        UsageEvent e = UsageEvent.builder(id, T0.plusSeconds(60L * minute)).caller("k").endpoint("chat").alias(alias)
                .target(vendor, model).attempts(attempts).outcome(status, 200, null, null).stream(false)
                .usage(new Usage(in, out, cached, 0, reasoning, false)).costNanos(c).latency(100, null).facts(f)
                .build();
        return new AuditRecord(e, vendor, images, false);
    }
}
