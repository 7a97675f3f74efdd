package dev.freeport.ledger;

import dev.freeport.api.Usage;

import java.time.Instant;

/** Test events with known figures. */
final class Events {
    static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    private Events() {
    }

    static UsageEvent ok(String id, Instant time, String alias, String provider, String model, long in, long out,
                         long cached, long cost, long latency) {
        return UsageEvent.builder(id, time).caller("master").endpoint("chat").alias(alias).target(provider, model)
                .attempts(1).outcome(UsageEvent.Status.OK, 200, null, null).stream(false)
                .usage(new Usage(in, out, cached, 0, 0, false)).costNanos(cost).latency(latency, 50L).build();
    }

    static UsageEvent withStatus(String id, Instant time, String alias, UsageEvent.Status status, long cost,
                                 long latency) {
        return UsageEvent.builder(id, time).caller("master").endpoint("chat").alias(alias).target("p", "m").attempts(2)
                .outcome(status, status == UsageEvent.Status.OK ? 200 : 502, status == UsageEvent.Status.OK ? null : "upstream_error", status == UsageEvent.Status.OK ? null : "boom")
                .stream(true).usage(new Usage(10, 5, 0, 0, 0, true)).costNanos(cost).latency(latency, null).build();
    }

    static final RequestFacts FACTS = new RequestFacts("anthropic", "search", "prod,eu", "00a1b2c3d4e5f607",
            "1111222233334444", 1500, "aaaabbbbccccdddd", 7, 4096, "length", true, "cheapest of 3");

    static UsageEvent withFacts(String id) {
        UsageEvent e = simple(id, 0);
        return UsageEvent.builder(e.id(), e.time()).caller(e.caller()).endpoint(e.endpoint()).alias(e.alias())
                .target(e.provider(), e.upstreamModel()).attempts(e.attempts())
                .outcome(e.status(), e.httpStatus(), e.errorKind(), e.errorMessage()).stream(e.stream())
                .usage(new Usage(e.inputTokens(), e.outputTokens(), e.cachedInputTokens(), e.cacheCreationTokens(), e.reasoningTokens(), e.estimated()))
                .costNanos(e.costNanos()).latency(e.latencyMillis(), e.ttftMillis()).facts(FACTS).build();
    }

    static UsageEvent simple(String id, long offsetMillis) {
        return ok(id, T0.plusMillis(offsetMillis), "chat-default", "deepseek", "deepseek-chat", 100, 20, 10, 1234,
                300);
    }
}
