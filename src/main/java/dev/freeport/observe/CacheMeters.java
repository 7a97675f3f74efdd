package dev.freeport.observe;

import dev.freeport.ledger.UsageEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The response cache on /metrics (docs/CACHE.md), from each request's ledger event: {@code freeport_cache_requests_total}
 * by alias and result (hit, semantic, miss, bypass) and {@code freeport_cache_saved_usd_total} by alias (what the
 * hits' answers cost when first paid for). Only aliases that configure a cache have a verdict, so the alias label is
 * bounded by the config. Meters are made once per label set; a request of an alias without a cache adds nothing.
 */
final class CacheMeters {
    private final MeterRegistry registry;
    private final Map<String, Counter> requests = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> saved = new ConcurrentHashMap<>();

    CacheMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(UsageEvent e) {
        String verdict = e.cache();
        if (verdict == null || e.alias() == null) {
            return;
        }
        String alias = e.alias();
        requests.computeIfAbsent(alias + '\n' + verdict, k -> Counter.builder("freeport.cache.requests")
                .description("Chat requests of aliases with a response cache, by result")
                .tags("alias", alias, "result", verdict).register(registry)).increment();
        if (e.savedNanos() > 0) {
            saved.computeIfAbsent(alias, a -> {
                LongAdder sum = new LongAdder();
                FunctionCounter.builder("freeport.cache.saved.usd", sum, s -> s.sum() / 1e9)
                        .description("What the answers served from the response cache cost when first paid for")
                        .tags("alias", a).register(registry);
                return sum;
            }).add(e.savedNanos());
        }
    }
}
