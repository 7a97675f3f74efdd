package dev.freeport.audit;

import dev.freeport.api.Usage;
import dev.freeport.catalog.PriceCatalog;
import dev.freeport.ledger.RequestFacts;
import dev.freeport.ledger.UsageEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A realistic synthetic month of traffic for {@code freeport audit --sample}, the same for the same seed: chat on a
 * frontier model, RAG with long repeated contexts and no prompt caching, classification on a frontier model with
 * short prompts and oversized max_tokens (some exact duplicates), agent loops that grow call after call, reasoning
 * models, a cheap open model, retries, failures and answers cut by length. Costs come from the catalog.
 */
public final class SampleWorkload {

    /** The sample ends here (fixed, so the output does not depend on the clock). */
    public static final Instant END = Instant.parse("2026-11-26T00:00:00Z");
    public static final int DAYS = 30;
    public static final long DEFAULT_SEED = 42;

    private final SplittableRandom rnd;
    private final PriceCatalog catalog;
    private final List<AuditRecord> records = new ArrayList<>();
    private int seq;

    private SampleWorkload(long seed, PriceCatalog catalog) {
        this.rnd = new SplittableRandom(seed);
        this.catalog = catalog;
    }

    public static AuditInput generate(long seed, PriceCatalog catalog) {
        SampleWorkload w = new SampleWorkload(seed, catalog);
        for (int day = 0; day < DAYS; day++) {
            w.day(day);
        }
        return new AuditInput("sample workload (seed " + seed + ")", List.copyOf(w.records), List.of(), List.of());
    }

    private void day(int day) {
        Instant start = END.minus(Duration.ofDays(DAYS - day));
        int growth = day / 6; // traffic grows over the month
        for (int i = 0; i < 40 + growth * 4; i++) {
            long in = between(300, 3000);
            boolean cut = rnd.nextInt(100) < 5;
            long out = cut ? 1024 : between(80, 700);
            add(at(start), "chat", "openai", "gpt-4o", "app-web", "product", "chat", in, out, 0, 0,
                    hash("chat", seq), null, 0, hash("conv-chat", seq), 2 + rnd.nextInt(6), 1024, cut ? "length" : "stop",
                    false, false);
        }
        for (int i = 0; i < 25 + growth * 3; i++) {
            int doc = rnd.nextInt(4);
            long prefix = 6000 + doc * 500L;
            add(at(start), "rag", "anthropic", "claude-sonnet-4-5", "app-search", "search", "rag",
                    prefix + between(60, 300), between(150, 500), 0, 0, hash("rag", seq), hash("doc", doc), prefix,
                    hash("rag-conv", seq), 3, 800, "stop", false, false);
        }
        for (int i = 0; i < 60 + growth * 5; i++) {
            int prompt = rnd.nextInt(150);
            add(at(start), "classify", "openai", "gpt-4.1", "batch-tagger", "ops", "classification,batch",
                    between(80, 400), between(1, 15), 0, 0, hash("cls", prompt), null, 0, hash("cls-conv", prompt), 2,
                    4096, "stop", false, rnd.nextInt(3) == 0);
        }
        if (day % 3 == 0) {
            agentLoop(start, 20 + rnd.nextInt(20));
        }
        for (int i = 0; i < 10; i++) {
            boolean o3 = rnd.nextBoolean();
            long reasoning = between(400, 3000);
            add(at(start), "reasoner", o3 ? "openai" : "deepseek", o3 ? "o3" : "deepseek-reasoner", "research-nb",
                    "research", "analysis", between(500, 4000), reasoning + between(100, 600), 0, reasoning,
                    hash("rsn", seq), null, 0, hash("rsn-conv", seq), 2, 8192, "stop", false, false);
        }
        for (int i = 0; i < 30; i++) {
            add(at(start), "cheap", "deepseek", "deepseek-chat", "app-web", "product", "summaries",
                    between(500, 5000), between(100, 400), rnd.nextInt(4) == 0 ? 256 : 0, 0, hash("cheap", seq), null,
                    0, hash("cheap-conv", seq), 2, null, "stop", false, false);
        }
        for (int i = 0; i < 8; i++) {
            add(at(start), "summarize", i % 2 == 0 ? "qwen" : "moonshot", i % 2 == 0 ? "qwen-plus"
                    : "kimi-k2-0905-preview", "app-docs", "docs", "summaries", between(1000, 8000), between(200, 800),
                    0, 0, hash("sum", seq), null, 0, hash("sum-conv", seq), 2, 2000, "stop", false, false);
        }
    }

    private void agentLoop(Instant dayStart, int calls) {
        String conv = hash("agent", seq);
        String system = hash("agent-sys", 0);
        Instant t = at(dayStart);
        for (int i = 0; i < calls; i++) {
            long in = 3000 + 900L * i;
            add(t, "agent", "anthropic", "claude-opus-4-1", "coding-agent", "dev", "agent", in, between(150, 600),
                    i > 0 && rnd.nextInt(5) == 0 ? 2048 : 0, 0, hash("agent-call", seq), system, 2500, conv,
                    3 + 2 * i, 4096, "tool_calls", true, false);
            t = t.plusSeconds(20 + rnd.nextInt(40));
        }
    }

    private void add(Instant time, String alias, String vendor, String model, String caller, String team, String tags,
                     long in, long out, long cached, long reasoning, String promptHash, String prefixHash,
                     long prefixTokens, String conversation, int messages, Integer maxTokens, String finish,
                     boolean tools, boolean json) {
        int roll = rnd.nextInt(100);
        UsageEvent.Status status = roll < 2 ? UsageEvent.Status.FAILED : roll < 3 ? UsageEvent.Status.CUT
                : UsageEvent.Status.OK;
        int attempts = roll < 6 ? 2 : 1;
        long outTokens = status == UsageEvent.Status.FAILED ? 0 : status == UsageEvent.Status.CUT ? out / 2 : out;
        long inTokens = status == UsageEvent.Status.FAILED ? 0 : in;
        Usage u = new Usage(inTokens, outTokens, cached, 0, Math.min(reasoning, outTokens), false);
        long cost = catalog.find(vendor, model).map(p -> PriceCatalog.costNanos(p, u, 0)).orElse(0L);
        RequestFacts facts = new RequestFacts("openai", team, tags, promptHash, prefixHash, prefixTokens,
                conversation, messages, maxTokens, status == UsageEvent.Status.OK ? finish : null, tools, null);
        String id = String.format("req-%06d", ++seq);
        UsageEvent e = UsageEvent.builder(id, time).caller(caller).endpoint("chat").alias(alias).target(vendor, model)
                .attempts(attempts)
                .outcome(status, status == UsageEvent.Status.FAILED ? 502 : 200,
                        status == UsageEvent.Status.FAILED ? "upstream_error" : null, null)
                .usage(new Usage(inTokens, outTokens, cached, 0, u.reasoningTokens(), false))
                .costNanos(cost).latency(between(300, 9000), null).facts(facts).build();
        records.add(new AuditRecord(e, vendor, false, json));
    }

    private Instant at(Instant dayStart) {
        return dayStart.plusSeconds(rnd.nextInt(86_400));
    }

    private long between(long lo, long hi) {
        return lo + rnd.nextLong(hi - lo + 1);
    }

    private static String hash(String kind, long n) {
        long h = kind.hashCode() * 0x9E3779B97F4A7C15L + n * 0xC2B2AE3D27D4EB4FL;
        return String.format("%016x", h ^ (h >>> 29));
    }
}
