package dev.freeport.audit;

import dev.freeport.api.Usage;
import dev.freeport.audit.AuditReport.Finding;
import dev.freeport.ledger.UsageEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.freeport.audit.Records.req;
import static org.assertj.core.api.Assertions.assertThat;

class WasteFindingsTest {

    private final WasteFindings findings = new WasteFindings(new Repricer(Records.CATALOG));

    private static List<AuditRecord> build(Records... rs) {
        List<AuditRecord> out = new ArrayList<>();
        for (Records r : rs) {
            out.add(r.build());
        }
        return out;
    }

    @Test
    void duplicatePromptsCostAllButTheFirstOfEachGroup() {
        // group H: 1,000,000 + 2,000,000 + 3,000,000 nanos; the first is needed, the repeats cost 5,000,000 = $0.005
        Finding f = findings.duplicates(build(req("a").at(0).prompt("H").cost(1_000_000),
                req("b").at(1).prompt("H").cost(2_000_000), req("c").at(2).prompt("H").cost(3_000_000),
                req("d").at(3).prompt("U").cost(9_000_000)));
        assertThat(f.count()).isEqualTo(2);
        assertThat(f.nanos()).isEqualTo(5_000_000);
        assertThat(f.examples()).containsExactly("b", "c");
    }

    /** The record as the response cache served it: cost 0, the original's cost saved. */
    static AuditRecord hit(Records r, long saved) {
        AuditRecord a = r.build();
        return new AuditRecord(a.event().toBuilder().costNanos(0).cache("hit", saved).build(), a.vendor(), false,
                false);
    }

    @Test
    void duplicatePromptsLeaveOutAnswersTheCacheServedAndGiveTheirShareAndMonthlyRate() {
        // over one day (minute 0 to 1440): H paid twice (the repeat costs 2,000,000), then served by the cache once
        Finding f = findings.duplicates(List.of(req("a").at(0).prompt("H").cost(1_000_000).build(),
                req("b").at(1).prompt("H").cost(2_000_000).build(), hit(req("c").at(2).prompt("H"), 1_000_000),
                req("d").at(1440).prompt("U").cost(9_000_000).build()));
        assertThat(f.count()).isEqualTo(1);
        assertThat(f.nanos()).isEqualTo(2_000_000);
        assertThat(f.sharePct()).isEqualByComparingTo("25.0");
        assertThat(f.method()).contains("$0.06/month"); // $0.002 a day
    }

    @Test
    void cacheHitsSumTheDollarsTheySavedAndTheirShare() {
        Finding f = findings.cacheHits(List.of(req("a").at(0).prompt("H").cost(1_000_000).build(),
                hit(req("b").at(1).prompt("H"), 1_000_000), hit(req("c").at(2).prompt("H"), 1_000_000),
                req("d").at(3).prompt("U").cost(9_000_000).build()));
        assertThat(f.id()).isEqualTo("cache_hits");
        assertThat(f.count()).isEqualTo(2);
        assertThat(f.nanos()).isEqualTo(2_000_000);
        assertThat(f.sharePct()).isEqualByComparingTo("50.0");
        assertThat(f.examples()).containsExactly("b", "c");
    }

    @Test
    void longRepeatedPrefixesWithoutCachingSaveTheCacheDiscountOnAllButTheFirst() {
        // claude-sonnet-4-5: input $3, cached $0.30 per M -> $2.70 per M saved per prefix token.
        // Prefix P (2000 tokens) seen 4 times: p1 is the first, p3 did use the cache; p2 and p4 count:
        // 2 x 2000 x 2.70 / 1e6 = $0.0108 = 10,800,000 nanos. Q is seen only twice; R is shorter than 1024 tokens.
        Records s = req("x").on("rag", "anthropic", "claude-sonnet-4-5").tokens(3000, 100, 0, 0);
        Finding f = findings.uncachedPrefixes(build(
                s.at(0).prefix("P", 2000), s.at(1).prefix("P", 2000).tokens(3000, 100, 0, 0),
                s.at(2).prefix("P", 2000).tokens(3000, 100, 1500, 0), s.at(3).prefix("P", 2000),
                s.at(4).prefix("Q", 5000), s.at(5).prefix("Q", 5000),
                s.at(6).prefix("R", 900), s.at(7).prefix("R", 900), s.at(8).prefix("R", 900)).stream()
                .map(r -> rename(r, "m" + (r.event().time().getEpochSecond() - Records.T0.getEpochSecond()) / 60)).toList());
        assertThat(f.count()).isEqualTo(2);
        assertThat(f.nanos()).isEqualTo(10_800_000);
        assertThat(f.examples()).containsExactly("m1", "m3");
    }

    private static AuditRecord rename(AuditRecord r, String id) {
        UsageEvent e = r.event();
        return new AuditRecord(UsageEvent.builder(id, e.time()).caller(e.caller()).endpoint(e.endpoint())
                .alias(e.alias()).target(e.provider(), e.upstreamModel()).attempts(e.attempts())
                .outcome(e.status(), e.httpStatus(), e.errorKind(), e.errorMessage()).stream(e.stream())
                .usage(new Usage(e.inputTokens(), e.outputTokens(), e.cachedInputTokens(), e.cacheCreationTokens(), e.reasoningTokens(), e.estimated()))
                .costNanos(e.costNanos()).latency(e.latencyMillis(), e.ttftMillis()).facts(e.facts()).build(),
                r.vendor(), r.images(), r.jsonOutput());
    }

    @Test
    void frontierModelsOnShortSimpleRequestsAreRepricedOnTheCheapestOpenModel() {
        // gpt-4o, 200 in x $2.50 + 50 out x $10 = $0.001 = 1,000,000 nanos.
        // Cheapest capable open model: groq llama-3.1-8b-instant, 200 x $0.05 + 50 x $0.08 = $0.000014 = 14,000.
        // Saving 986,000 nanos. Not counted: tools, 600 input tokens, a non-frontier model.
        Finding f = findings.frontierOnSimple(build(
                req("simple").tokens(200, 50, 0, 0),
                req("tools").tokens(200, 50, 0, 0).features(true, false),
                req("long").tokens(600, 50, 0, 0),
                req("open").on("a", "deepseek", "deepseek-chat").tokens(200, 50, 0, 0)));
        assertThat(f.count()).isEqualTo(1);
        assertThat(f.nanos()).isEqualTo(986_000);
        assertThat(f.examples()).containsExactly("simple");
    }

    @Test
    void runawayLoopsCostTheirCallsAfterTheFirstTen() {
        // C: 22 calls, messages 3, 5, 7, ... -> a loop; calls 11..22 = 12 x 1,000,000 = 12,000,000 nanos ($0.012).
        // D: 25 calls but its message count shrinks once; E: only 19 calls.
        List<Records> rs = new ArrayList<>();
        for (int i = 0; i < 22; i++) {
            rs.add(req("c" + i).at(i).conversation("C", 3 + 2 * i).cost(1_000_000));
        }
        for (int i = 0; i < 25; i++) {
            rs.add(req("d" + i).at(i).conversation("D", i == 12 ? 1 : 3 + i).cost(1_000_000));
        }
        for (int i = 0; i < 19; i++) {
            rs.add(req("e" + i).at(i).conversation("E", 3 + i).cost(1_000_000));
        }
        List<AuditRecord> sorted = build(rs.toArray(Records[]::new)).stream()
                .sorted(java.util.Comparator.comparing(r -> r.event().time())).toList();
        Finding f = findings.runawayLoops(sorted);
        assertThat(f.count()).isEqualTo(1);
        assertThat(f.nanos()).isEqualTo(12_000_000);
        assertThat(f.examples()).containsExactly("c21");
    }

    @Test
    void maxTokensAtLeastFourTimesTheOutputIsOversized() {
        // 1000 >= 4 x 100 and 400 >= 4 x 100 count, 300 does not; the request without max_tokens is not in the
        // share's base: 2 of 3 = 66.7%.
        Finding f = findings.oversizedMaxTokens(build(req("a").tokens(100, 100, 0, 0).maxTokens(1000, "stop"),
                req("b").tokens(100, 100, 0, 0).maxTokens(300, "stop"),
                req("c").tokens(100, 100, 0, 0).maxTokens(400, "stop"), req("d").tokens(100, 100, 0, 0)));
        assertThat(f.count()).isEqualTo(2);
        assertThat(f.sharePct()).isEqualByComparingTo("66.7");
        assertThat(f.nanos()).isZero();
    }

    @Test
    void answersCutByLengthCostWhatWasPaidForThem() {
        Finding f = findings.cutByLength(build(req("a").maxTokens(100, "length").cost(2_500_000), req("b"),
                req("c"), req("d")));
        assertThat(f.count()).isEqualTo(1);
        assertThat(f.sharePct()).isEqualByComparingTo("25.0");
        assertThat(f.nanos()).isEqualTo(2_500_000);
    }

    @Test
    void failedRequestsCountTheirRecordedCost() {
        Finding f = findings.failed(build(req("a").status(UsageEvent.Status.FAILED, 3),
                req("b").status(UsageEvent.Status.CUT, 1).cost(300_000), req("c"), req("d"), req("e")));
        assertThat(f.count()).isEqualTo(2);
        assertThat(f.nanos()).isEqualTo(300_000);
        assertThat(f.sharePct()).isEqualByComparingTo("40.0");
    }

    @Test
    void retriedRequestsAreThoseWithMoreThanOneAttempt() {
        Finding f = findings.retried(build(req("a").status(UsageEvent.Status.OK, 2), req("b"), req("c"), req("d")));
        assertThat(f.count()).isEqualTo(1);
        assertThat(f.sharePct()).isEqualByComparingTo("25.0");
    }

    @Test
    void reasoningTokensShareAndCostAtTheOutputPrice() {
        // 600 reasoning on deepseek-reasoner (retired name, priced as deepseek-flash: $1.20/M output at peak)
        // + 400 on o3 ($8/M) = 720 + 3200 = $0.003920 = 3,920,000;
        // reasoning 1000 of 2000 output tokens = 50.0%.
        Finding f = findings.reasoning(build(req("r1").on("r", "deepseek", "deepseek-reasoner").tokens(100, 1000, 0, 600),
                req("r2").on("r", "openai", "o3").tokens(100, 500, 0, 400), req("n").tokens(100, 500, 0, 0)));
        assertThat(f.count()).isEqualTo(2);
        assertThat(f.nanos()).isEqualTo(3_920_000);
        assertThat(f.sharePct()).isEqualByComparingTo("50.0");
    }

    @Test
    void savingsRepriceOnTheCheapestCapableOpenModel() {
        // sonnet: 10,000 in x $3 + 1,000 out x $15 = $0.045; cheapest strong open model: deepinfra gpt-oss-120b,
        // 10,000 x $0.039 + 1,000 x $0.19 = $0.00058 -> saving $0.04442 = 44,420,000 nanos.
        // gpt-4o with an image: 1,000 x $2.50 + 100 x $10 = $0.0035; the cheapest open vision model is Llama 4
        // Maverick on Bedrock: 1,000 x $0.24 + 100 x $0.97 = $0.000337 -> saving 3,163,000 nanos.
        List<AuditRecord> rs = build(req("s").on("smart", "anthropic", "claude-sonnet-4-5").tokens(10_000, 1000, 0, 0),
                req("v").on("vision", "openai", "gpt-4o").tokens(1000, 100, 0, 0).features(false, true));
        AuditReport.Savings s = Auditor.savings(rs, new Repricer(Records.CATALOG));
        assertThat(s.currentNanos()).isEqualTo(48_500_000);
        assertThat(s.savingNanos()).isEqualTo(47_583_000);
        assertThat(s.perAlias()).extracting(AuditReport.AliasSaving::alias, AuditReport.AliasSaving::savingNanos,
                        AuditReport.AliasSaving::suggestion)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("smart", 44_420_000L, "deepinfra/openai/gpt-oss-120b"),
                        org.assertj.core.groups.Tuple.tuple("vision", 3_163_000L,
                                "bedrock/meta.llama4-maverick-17b-instruct-v1:0"));
        assertThat(AuditJson.usd(s.savingNanos())).isEqualTo("$0.05");
    }

    @Test
    void aNativeBatchRequestIsRepricedAtEachCandidatesBatchPrice() {
        // gpt-6-sol through OpenAI's batch API: 10,000 in x $2 + 1,000 out x $10 = $0.03, billed x0.5 = $0.015.
        // Among frontier models at standard prices DeepSeek V4 Pro is the cheapest ($0.01716, no batch price); at
        // batch prices Gemini 3.1 Pro is: 10,000 x $2 + 1,000 x $12 = $0.032, x0.5 = $0.016.
        AuditRecord sent = req("n").on("m", "openai", "gpt-6-sol").tokens(10_000, 1000, 0, 0).cost(15_000_000)
                .build();
        AuditRecord batched = tagged(sent, "batch:batch_1," + dev.freeport.module.InnerRequests.NATIVE_BATCH_TAG);
        Repricer repricer = new Repricer(Records.CATALOG);
        java.util.Set<dev.freeport.catalog.ModelInfo.Tier> frontier =
                java.util.EnumSet.of(dev.freeport.catalog.ModelInfo.Tier.FRONTIER);

        Repricer.Choice standard = repricer.cheapest(sent, frontier, false).orElseThrow();
        Repricer.Choice atBatch = repricer.cheapest(batched, frontier, false).orElseThrow();

        assertThat(standard.label()).isEqualTo("deepseek/deepseek-v4-pro");
        assertThat(standard.costNanos()).isEqualTo(17_160_000L);
        assertThat(atBatch.label()).isEqualTo("google/gemini-3.1-pro-preview");
        assertThat(atBatch.costNanos()).isEqualTo(16_000_000L);
    }

    /** The record with these tags (the key's, as the ledger keeps them). */
    private static AuditRecord tagged(AuditRecord r, String tags) {
        dev.freeport.ledger.UsageEvent e = r.event();
        return new AuditRecord(new dev.freeport.ledger.UsageEvent(e.id(), e.time(), e.caller(), e.endpoint(),
                e.alias(), e.provider(), e.upstreamModel(), e.attempts(), e.status(), e.httpStatus(), e.errorKind(),
                e.errorMessage(), e.stream(), e.usage(), e.costNanos(), e.latencyMillis(), e.ttftMillis(),
                e.facts().withAttribution(null, tags), e.cost()), r.vendor(), r.images(), r.jsonOutput());
    }

    @Test
    void batchTaggedTrafficSentAsNormalRequestsCouldHaveSavedTheBatchDiscount() {
        // gpt-6-luna has a batch price of x0.5 in the catalog: 4,000,000 nanos of batch-tagged traffic -> 2,000,000
        // saved; a request already run inside a batch (tag batch:<id>) and an untagged one do not count
        Records luna = req("x").on("jobs", "openai", "gpt-6-luna");
        Finding f = findings.batchable(List.of(tagged(luna.at(0).cost(3_000_000).build(), "nightly,batch"),
                tagged(req("b").on("jobs", "openai", "gpt-6-luna").at(1).cost(1_000_000).build(), "batch"),
                tagged(req("c").on("jobs", "openai", "gpt-6-luna").at(2).cost(5_000_000).build(),
                        "batch,batch:batch_abc"),
                req("d").on("jobs", "openai", "gpt-6-luna").at(3).cost(7_000_000).build()));
        assertThat(f.count()).isEqualTo(2);
        assertThat(f.nanos()).isEqualTo(2_000_000);
        assertThat(f.examples()).containsExactly("x", "b");
    }
}
