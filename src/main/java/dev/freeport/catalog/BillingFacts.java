package dev.freeport.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the request flow knows about a request beyond its token usage, and what the pricing rules depend on.
 *
 * @param processedAt     when the vendor processed the request (time-of-day windows, price changes); null if unknown
 * @param region          the processing region asked for ("us", "eu"; null or "global" = the vendor's default)
 * @param batch           whether it ran through the vendor's batch API
 * @param thinking        whether it ran in thinking mode (vendors that bill thinking-mode output apart)
 * @param cacheWritesByTtl cache-write tokens by TTL ("5m" → n, "1h" → m), when the usage splits them
 * @param serverToolCalls server-tool calls billed per call ("web_search" → n)
 * @param latencyMillis   arrival to last byte, for targets priced by the hour
 */
public record BillingFacts(Instant processedAt, String region, boolean batch, boolean thinking,
                           Map<String, Long> cacheWritesByTtl, Map<String, Long> serverToolCalls,
                           long latencyMillis) {

    /** Nothing known: the base rates apply and time-dependent rules are reported as not evaluated. */
    public static final BillingFacts NONE = new BillingFacts(null, null, false, false, Map.of(), Map.of(), 0);

    public BillingFacts {
        cacheWritesByTtl = cacheWritesByTtl == null ? Map.of() : Map.copyOf(cacheWritesByTtl);
        serverToolCalls = serverToolCalls == null ? Map.of() : Map.copyOf(serverToolCalls);
    }

    /** One TTL's share of a request's cache writes; {@code ttl} null for the part the facts do not split. */
    public record CacheWriteShare(String ttl, long tokens) {
    }

    /**
     * {@code written} cache-write tokens split as these facts say: their TTLs in name order, each clamped to what is
     * left, then the rest (ttl null, priced at the default write price). Empty when nothing was written. The one
     * split every pricing path (long, BigDecimal, explanation) reads.
     */
    public List<CacheWriteShare> cacheWriteShares(long written) {
        if (written <= 0) {
            return List.of();
        }
        List<CacheWriteShare> shares = new ArrayList<>(cacheWritesByTtl.size() + 1);
        long left = written;
        for (Map.Entry<String, Long> e : new TreeMap<>(cacheWritesByTtl).entrySet()) {
            long n = Math.min(left, Math.max(0, e.getValue()));
            if (n > 0) {
                shares.add(new CacheWriteShare(e.getKey(), n));
                left -= n;
            }
        }
        if (left > 0) {
            shares.add(new CacheWriteShare(null, left));
        }
        return shares;
    }

    /** A request processed at {@code t}, nothing else known. */
    public static BillingFacts at(Instant t) {
        return NONE.processedAt(t);
    }

    public BillingFacts processedAt(Instant t) {
        return new BillingFacts(t, region, batch, thinking, cacheWritesByTtl, serverToolCalls, latencyMillis);
    }

    public BillingFacts region(String r) {
        return new BillingFacts(processedAt, r, batch, thinking, cacheWritesByTtl, serverToolCalls, latencyMillis);
    }

    public BillingFacts batch(boolean b) {
        return new BillingFacts(processedAt, region, b, thinking, cacheWritesByTtl, serverToolCalls, latencyMillis);
    }

    public BillingFacts thinking(boolean t) {
        return new BillingFacts(processedAt, region, batch, t, cacheWritesByTtl, serverToolCalls, latencyMillis);
    }

    public BillingFacts cacheWrites(Map<String, Long> byTtl) {
        return new BillingFacts(processedAt, region, batch, thinking, byTtl, serverToolCalls, latencyMillis);
    }

    public BillingFacts toolCalls(Map<String, Long> calls) {
        return new BillingFacts(processedAt, region, batch, thinking, cacheWritesByTtl, calls, latencyMillis);
    }

    public BillingFacts latency(long millis) {
        return new BillingFacts(processedAt, region, batch, thinking, cacheWritesByTtl, serverToolCalls, millis);
    }
}
