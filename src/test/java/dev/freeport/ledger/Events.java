package dev.freeport.ledger;

import java.time.Instant;

/** Test events with known figures. */
final class Events {
    static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    private Events() {
    }

    static UsageEvent ok(String id, Instant time, String alias, String provider, String model, long in, long out,
                         long cached, long cost, long latency) {
        return new UsageEvent(id, time, "master", "chat", alias, provider, model, 1, UsageEvent.Status.OK, 200,
                null, null, false, in, out, cached, 0, 0, false, cost, latency, 50L);
    }

    static UsageEvent withStatus(String id, Instant time, String alias, UsageEvent.Status status, long cost,
                                 long latency) {
        return new UsageEvent(id, time, "master", "chat", alias, "p", "m", 2, status,
                status == UsageEvent.Status.OK ? 200 : 502, status == UsageEvent.Status.OK ? null : "upstream_error",
                status == UsageEvent.Status.OK ? null : "boom", true, 10, 5, 0, 0, 0, true, cost, latency, null);
    }

    static final RequestFacts FACTS = new RequestFacts("anthropic", "search", "prod,eu", "00a1b2c3d4e5f607",
            "1111222233334444", 1500, "aaaabbbbccccdddd", 7, 4096, "length", true, "cheapest of 3");

    static UsageEvent withFacts(String id) {
        UsageEvent e = simple(id, 0);
        return new UsageEvent(e.id(), e.time(), e.caller(), e.endpoint(), e.alias(), e.provider(), e.upstreamModel(),
                e.attempts(), e.status(), e.httpStatus(), e.errorKind(), e.errorMessage(), e.stream(),
                e.inputTokens(), e.outputTokens(), e.cachedInputTokens(), e.cacheCreationTokens(),
                e.reasoningTokens(), e.estimated(), e.costNanos(), e.latencyMillis(), e.ttftMillis(), FACTS);
    }

    static UsageEvent simple(String id, long offsetMillis) {
        return ok(id, T0.plusMillis(offsetMillis), "chat-default", "deepseek", "deepseek-chat", 100, 20, 10, 1234,
                300);
    }
}
