package dev.freeport.audit;

import dev.freeport.audit.AuditReport.Finding;
import dev.freeport.catalog.ModelInfo;
import dev.freeport.catalog.ModelPrice;
import dev.freeport.ledger.UsageEvent;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The token-maxxing findings (see docs/AUDIT.md for each one's meaning and dollar figure). Pure: records in,
 * findings out. Money is summed in exact decimals and rounded to nanos once per finding.
 */
public final class WasteFindings {

    /** A prefix must be at least this long (tokens) to count as a long repeated prefix. */
    public static final long PREFIX_MIN_TOKENS = 1024;
    /** ... and be seen at least this often. */
    public static final int PREFIX_MIN_REPEATS = 3;
    /** Short, simple request: input below this, output below {@link #SIMPLE_MAX_OUTPUT}, no tools, no images. */
    public static final long SIMPLE_MAX_INPUT = 500;
    public static final long SIMPLE_MAX_OUTPUT = 100;
    /** A conversation with at least this many calls, its message count never shrinking, is a runaway loop ... */
    public static final int LOOP_MIN_CALLS = 20;
    /** ... and the spend of its calls after this many is counted as the loop's cost. */
    public static final int LOOP_FREE_CALLS = 10;
    /** max_tokens at least this many times the output used counts as oversized. */
    public static final int OVERSIZE_FACTOR = 4;
    private static final int EXAMPLES = 5;
    private static final BigDecimal NANOS_PER_TOKEN_PER_USD_PER_MTOK = BigDecimal.valueOf(1000);

    private final Repricer repricer;

    WasteFindings(Repricer repricer) {
        this.repricer = repricer;
    }

    List<Finding> all(List<AuditRecord> records) {
        List<AuditRecord> chat = records.stream().filter(AuditRecord::isChat)
                .sorted(Comparator.comparing((AuditRecord r) -> r.event().time()).thenComparing(r -> r.event().id()))
                .toList();
        return List.of(duplicates(chat), cacheHits(chat), uncachedPrefixes(chat), frontierOnSimple(chat),
                runawayLoops(chat), oversizedMaxTokens(chat), cutByLength(chat), failed(records), retried(records),
                reasoning(chat), batchable(chat));
    }

    Finding duplicates(List<AuditRecord> chat) {
        List<String> ids = new ArrayList<>();
        long nanos = 0;
        List<AuditRecord> paid = chat.stream().filter(r -> !r.event().cacheHit()).toList();
        for (List<AuditRecord> g : groups(paid, r -> r.event().facts().promptHex()).values()) {
            for (AuditRecord r : g.subList(1, g.size())) {
                ids.add(r.event().id());
                nanos += r.event().costNanos();
            }
        }
        return new Finding("duplicate_prompts", "Exact duplicate prompts", ids.size(), nanos, examples(ids),
                pct(ids.size(), chat.size()), "cost of every repeat of an identical prompt that was paid for (all but "
                        + "the first of each group; answers served by the response cache are not counted): what a "
                        + "response cache would save, " + perMonth(nanos, chat) + " at this rate (share: of chat "
                        + "requests; the prompt hash is the ledger's prompt_hash, docs/CACHE.md)");
    }

    /** What the response cache answered: its hits, and what their answers cost when first paid for. */
    Finding cacheHits(List<AuditRecord> chat) {
        List<String> ids = new ArrayList<>();
        long saved = 0;
        for (AuditRecord r : chat) {
            if (r.event().cacheHit()) {
                ids.add(r.event().id());
                saved += r.event().savedNanos();
            }
        }
        return new Finding("cache_hits", "Answered by the response cache", ids.size(), saved, examples(ids),
                pct(ids.size(), chat.size()), "requests served from the response cache (ledger cache = hit or "
                        + "semantic) at no cost: the dollars saved are what their answers cost when first paid for, "
                        + perMonth(saved, chat) + " at this rate (share: of chat requests)");
    }

    /** {@code nanos} over the records' time span, as dollars per 30 days ("$12.34/month"); the span is >= 1 day. */
    static String perMonth(long nanos, List<AuditRecord> sorted) {
        if (sorted.isEmpty()) {
            return "$0/month";
        }
        long spanMillis = sorted.get(sorted.size() - 1).event().time().toEpochMilli()
                - sorted.get(0).event().time().toEpochMilli();
        BigDecimal days = BigDecimal.valueOf(Math.max(spanMillis, 86_400_000L))
                .divide(BigDecimal.valueOf(86_400_000L), 6, RoundingMode.HALF_UP);
        BigDecimal usd = BigDecimal.valueOf(nanos).movePointLeft(9).multiply(BigDecimal.valueOf(30))
                .divide(days, 2, RoundingMode.HALF_UP);
        return "$" + usd.toPlainString() + "/month";
    }

    Finding uncachedPrefixes(List<AuditRecord> chat) {
        List<AuditRecord> longPrefixed = chat.stream()
                .filter(r -> r.event().facts().prefixTokens() >= PREFIX_MIN_TOKENS).toList();
        List<String> ids = new ArrayList<>();
        BigDecimal usd = BigDecimal.ZERO;
        for (List<AuditRecord> g : groups(longPrefixed, r -> r.event().facts().prefixHex()).values()) {
            if (g.size() < PREFIX_MIN_REPEATS) {
                continue;
            }
            for (AuditRecord r : g.subList(1, g.size())) {
                if (r.event().cachedInputTokens() != 0) {
                    continue;
                }
                ids.add(r.event().id());
                Optional<ModelPrice> p = repricer.priceOf(r);
                if (p.isPresent() && p.get().inputPerMTok() != null && p.get().cachedInputPerMTok() != null) {
                    BigDecimal diff = p.get().inputPerMTok().subtract(p.get().cachedInputPerMTok());
                    usd = usd.add(diff.multiply(BigDecimal.valueOf(r.event().facts().prefixTokens())));
                }
            }
        }
        return new Finding("uncached_prefixes", "Long repeated prefixes without prompt caching", ids.size(),
                nanos(usd), examples(ids), null,
                "prefixes of >= " + PREFIX_MIN_TOKENS + " tokens seen >= " + PREFIX_MIN_REPEATS + " times, sent with "
                        + "no cached input tokens: prefix tokens x (input - cached input price) on all but the first");
    }

    Finding frontierOnSimple(List<AuditRecord> chat) {
        List<String> ids = new ArrayList<>();
        long nanos = 0;
        for (AuditRecord r : chat) {
            UsageEvent e = r.event();
            if (!r.ok() || e.cacheHit() || e.inputTokens() >= SIMPLE_MAX_INPUT || e.outputTokens() >= SIMPLE_MAX_OUTPUT
                    || e.facts().tools() || r.images()
                    || repricer.infoOf(r).map(ModelInfo::tier).orElse(null) != ModelInfo.Tier.FRONTIER) {
                continue;
            }
            Optional<Repricer.Choice> alt = repricer.cheapest(r, Repricer.SIMPLE_TIERS, true);
            ids.add(e.id());
            nanos += alt.map(c -> Math.max(0, e.costNanos() - c.costNanos())).orElse(0L);
        }
        return new Finding("frontier_on_simple", "Frontier models on short, simple requests", ids.size(), nanos,
                examples(ids), null, "requests under " + SIMPLE_MAX_INPUT + " input and " + SIMPLE_MAX_OUTPUT
                        + " output tokens, no tools or images, on a frontier-tier model: today's cost minus the cost "
                        + "on the cheapest capable open model");
    }

    Finding runawayLoops(List<AuditRecord> chat) {
        List<String> ids = new ArrayList<>();
        long nanos = 0;
        for (List<AuditRecord> g : groups(chat, r -> r.event().facts().conversationHex()).values()) {
            if (g.size() < LOOP_MIN_CALLS || !growing(g)) {
                continue;
            }
            ids.add(g.get(g.size() - 1).event().id());
            for (AuditRecord r : g.subList(LOOP_FREE_CALLS, g.size())) {
                nanos += r.event().costNanos();
            }
        }
        return new Finding("runaway_loops", "Runaway agent loops", ids.size(), nanos, examples(ids), null,
                "conversations with >= " + LOOP_MIN_CALLS + " calls whose message count never shrinks: the spend of "
                        + "every call after the first " + LOOP_FREE_CALLS + " (examples: each loop's last call)");
    }

    private static boolean growing(List<AuditRecord> g) {
        int prev = -1;
        for (AuditRecord r : g) {
            int n = r.event().facts().messageCount();
            if (n < prev) {
                return false;
            }
            prev = n;
        }
        return g.get(g.size() - 1).event().facts().messageCount() > g.get(0).event().facts().messageCount();
    }

    Finding oversizedMaxTokens(List<AuditRecord> chat) {
        List<AuditRecord> capped = chat.stream().filter(r -> r.ok() && r.event().facts().maxTokens() != null).toList();
        List<String> ids = capped.stream().filter(r -> r.event().outputTokens() > 0
                        && r.event().facts().maxTokens() >= OVERSIZE_FACTOR * r.event().outputTokens())
                .map(r -> r.event().id()).toList();
        return new Finding("oversized_max_tokens", "max_tokens far above use", ids.size(), 0, examples(ids),
                pct(ids.size(), capped.size()), "answered requests whose max_tokens is >= " + OVERSIZE_FACTOR
                        + "x the output used (share: of requests that set max_tokens); no direct cost, it reserves "
                        + "budget and rate-limit headroom");
    }

    Finding cutByLength(List<AuditRecord> chat) {
        List<AuditRecord> done = chat.stream().filter(AuditRecord::ok).toList();
        List<AuditRecord> cut = done.stream().filter(r -> "length".equals(r.event().facts().finishReason())).toList();
        long nanos = cut.stream().mapToLong(r -> r.event().costNanos()).sum();
        return new Finding("cut_by_length", "Answers cut by length", cut.size(), nanos,
                examples(cut.stream().map(r -> r.event().id()).toList()), pct(cut.size(), done.size()),
                "answers that stopped at the output cap (finish_reason length): their cost, likely paid again on a "
                        + "retry (share: of answered chat requests)");
    }

    Finding failed(List<AuditRecord> records) {
        List<AuditRecord> bad = records.stream().filter(r -> !r.ok()).toList();
        long nanos = bad.stream().mapToLong(r -> r.event().costNanos()).sum();
        return new Finding("failed_requests", "Money spent on failed requests", bad.size(), nanos,
                examples(bad.stream().map(r -> r.event().id()).toList()), pct(bad.size(), records.size()),
                "requests that failed, were cut or cancelled: the cost recorded for them (tokens already paid)");
    }

    Finding retried(List<AuditRecord> records) {
        List<String> ids = records.stream().filter(r -> r.event().attempts() > 1).map(r -> r.event().id()).toList();
        return new Finding("retried_requests", "Retried requests", ids.size(), 0, examples(ids),
                pct(ids.size(), records.size()), "requests that needed more than one attempt; the ledger prices the "
                        + "last attempt only, so failed attempts add $0 here (a known gap)");
    }

    Finding reasoning(List<AuditRecord> chat) {
        List<String> ids = new ArrayList<>();
        long reasoning = 0;
        long output = 0;
        BigDecimal usd = BigDecimal.ZERO;
        for (AuditRecord r : chat) {
            output += r.event().outputTokens();
            long t = r.event().reasoningTokens();
            if (t <= 0) {
                continue;
            }
            reasoning += t;
            ids.add(r.event().id());
            BigDecimal out = repricer.priceOf(r).map(ModelPrice::outputPerMTok).orElse(null);
            if (out != null) {
                usd = usd.add(out.multiply(BigDecimal.valueOf(t)));
            }
        }
        return new Finding("reasoning_tokens", "Reasoning tokens", ids.size(), nanos(usd), examples(ids),
                pct(reasoning, output), "requests with reasoning tokens; share: reasoning tokens of all output "
                        + "tokens; dollars: reasoning tokens x the model's output price");
    }

    /** Groups by a non-null key, each group in time order, groups in order of first appearance. */
    /** The tag that marks a key's traffic as work no one waits for (docs/BATCH.md). */
    public static final String BATCH_TAG = "batch";

    /**
     * Traffic that could have gone through a batch API: answered requests of keys tagged {@value #BATCH_TAG} that
     * ran as normal requests (a request run inside a batch carries the tag {@code batch:<id>} and is left out). The
     * money is what the model's batch price (the catalog's batch rule) would have saved; a model without a batch
     * price counts, at $0.
     */
    Finding batchable(List<AuditRecord> chat) {
        List<String> ids = new ArrayList<>();
        BigDecimal usd = BigDecimal.ZERO;
        for (AuditRecord r : chat) {
            String tags = r.event().facts().tags();
            if (!r.ok() || tags == null || !List.of(tags.split(",")).contains(BATCH_TAG) || tags.contains("batch:")) {
                continue;
            }
            ids.add(r.event().id());
            Optional<BigDecimal> m = repricer.batchMultiplierOf(r);
            if (m.isPresent() && m.get() != null) {
                usd = usd.add(BigDecimal.valueOf(r.event().costNanos()).multiply(BigDecimal.ONE.subtract(m.get())));
            }
        }
        return new Finding("batchable", "Traffic that could have been batched", ids.size(),
                usd.setScale(0, RoundingMode.HALF_EVEN).longValueExact(), examples(ids), pct(ids.size(), chat.size()),
                "requests of keys tagged '" + BATCH_TAG + "' (work no one waits for) sent as normal requests: their "
                        + "cost x (1 - the model's batch multiplier in the catalog) is what /v1/batches or "
                        + "/v1/messages/batches would have saved where the back end bills batch prices");
    }

    static Map<String, List<AuditRecord>> groups(List<AuditRecord> sorted, Function<AuditRecord, String> key) {
        Map<String, List<AuditRecord>> map = new LinkedHashMap<>();
        for (AuditRecord r : sorted) {
            String k = key.apply(r);
            if (k != null) {
                map.computeIfAbsent(k, x -> new ArrayList<>()).add(r);
            }
        }
        return map;
    }

    private static List<String> examples(List<String> ids) {
        return List.copyOf(ids.subList(0, Math.min(EXAMPLES, ids.size())));
    }

    /** USD-per-million × tokens → nanos, rounded half-up. */
    private static long nanos(BigDecimal usdPerMTokTimesTokens) {
        return usdPerMTokTimesTokens.multiply(NANOS_PER_TOKEN_PER_USD_PER_MTOK).setScale(0, RoundingMode.HALF_UP)
                .longValueExact();
    }

    /** part/whole in percent, 1 decimal; null when whole is 0. */
    static BigDecimal pct(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 1,
                RoundingMode.HALF_UP);
    }
}
