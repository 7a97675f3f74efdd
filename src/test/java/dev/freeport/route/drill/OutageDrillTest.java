package dev.freeport.route.drill;

import dev.freeport.api.Usage;
import dev.freeport.catalog.ModelPrice;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.route.drill.DrillReport.AliasImpact;
import dev.freeport.route.drill.DrillReport.Verdict;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OutageDrillTest {
    private static final Instant TO = Instant.parse("2026-11-20T00:00:00Z");
    private static final Instant FROM = TO.minus(Duration.ofDays(7));
    private static final Instant IN = TO.minus(Duration.ofDays(1));

    private static final DrillTarget DEEPSEEK = new DrillTarget("ds", "deepseek-chat", "deepseek",
            price("ds", "deepseek-chat", "0.27", "1.10"));
    private static final DrillTarget MINI = new DrillTarget("oai", "gpt-4o-mini", "openai",
            price("oai", "gpt-4o-mini", "0.15", "0.60"));
    private static final DrillTarget CLAUDE = new DrillTarget("claude", "claude-haiku", "anthropic",
            price("claude", "claude-haiku", "1", "5"));
    private static final DrillTarget GROQ = new DrillTarget("groq", "llama-70b", "groq", null);

    private static final List<DrillRoute> ROUTES = List.of(
            new DrillRoute("chat", List.of(DEEPSEEK, MINI)),
            new DrillRoute("cheap", List.of(DEEPSEEK)),
            new DrillRoute("claude", List.of(CLAUDE)),
            new DrillRoute("fast", List.of(DEEPSEEK, GROQ)));

    private static ModelPrice price(String provider, String model, String in, String out) {
        return new ModelPrice(provider, model, new BigDecimal(in), new BigDecimal(out), null, null, null, "test",
                null);
    }

    private static UsageEvent event(String id, Instant time, String alias, DrillTarget t, long in, long out,
                                    long cost, long latency, Long ttft) {
        return UsageEvent.builder(id, time).caller("master").endpoint("chat").alias(alias)
                .target(t.provider(), t.model()).attempts(1).outcome(UsageEvent.Status.OK, 200, null, null)
                .stream(ttft != null).usage(new Usage(in, out, 0, 0, 0, false)).costNanos(cost).latency(latency, ttft)
                .build();
    }

    private static AliasImpact alias(DrillReport r, String name) {
        return r.aliases().stream().filter(a -> a.alias().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aCheapestAliasFallsBackToTheCheapestRemainingTargetAndAWeightedOneToTheHeaviest() {
        List<DrillTarget> configured = List.of(DEEPSEEK, CLAUDE, MINI);
        assertThat(DrillRoute.fallbackOrder(dev.freeport.config.ModelConfig.Strategy.CHEAPEST, configured,
                List.of(1, 1, 1))).containsExactly(MINI, DEEPSEEK, CLAUDE);
        assertThat(DrillRoute.fallbackOrder(dev.freeport.config.ModelConfig.Strategy.WEIGHTED, configured,
                List.of(1, 5, 3))).containsExactly(CLAUDE, MINI, DEEPSEEK);
        assertThat(DrillRoute.fallbackOrder(dev.freeport.config.ModelConfig.Strategy.ORDERED, configured,
                List.of(1, 5, 3))).containsExactly(DEEPSEEK, CLAUDE, MINI);
    }

    @Test
    void aliasWhoseEveryTargetIsTheVendorFailsWithAllItsRequests() {
        List<UsageEvent> events = List.of(
                event("c1", IN, "cheap", DEEPSEEK, 100, 10, 1_000, 300, null),
                event("c2", IN, "cheap", DEEPSEEK, 100, 10, 2_000, 300, null),
                event("x1", IN, "claude", CLAUDE, 100, 10, 5_000, 300, null));
        DrillReport r = OutageDrill.run("DeepSeek", FROM, TO, events, ROUTES);
        AliasImpact cheap = alias(r, "cheap");
        assertThat(cheap.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(cheap.failingRequests()).isEqualTo(2);
        assertThat(cheap.fallback()).isNull();
        assertThat(cheap.costNowNanos()).isNull();
        assertThat(r.totals().failingRequests()).isEqualTo(2);
        assertThat(r.totals().failingSpendNanos()).isEqualTo(3_000);
        assertThat(r.totals().failingShare()).isEqualByComparingTo("66.7");
    }

    @Test
    void fallbackRepricesTheVendorsRequestsAtTheFirstRemainingTargetsPrice() {
        List<UsageEvent> events = List.of(
                // 1000 × 0.27 + 500 × 1.10 = $0.000820; at mini: 1000 × 0.15 + 500 × 0.60 = $0.000450
                event("a", IN, "chat", DEEPSEEK, 1000, 500, 820_000, 400, null),
                // 2000 × 0.27 + 100 × 1.10 = $0.000650; at mini: 2000 × 0.15 + 100 × 0.60 = $0.000360
                event("b", IN, "chat", DEEPSEEK, 2000, 100, 650_000, 600, null),
                event("c", IN, "chat", MINI, 100, 100, 75_000, 900, null));
        DrillReport r = OutageDrill.run("deepseek", FROM, TO, events, ROUTES);
        AliasImpact chat = alias(r, "chat");
        assertThat(chat.verdict()).isEqualTo(Verdict.FALL_BACK);
        assertThat(chat.fallback()).isEqualTo("oai/gpt-4o-mini");
        assertThat(chat.requests()).isEqualTo(3);
        assertThat(chat.viaVendor()).isEqualTo(2);
        assertThat(chat.costThenNanos()).isEqualTo(1_545_000);
        assertThat(chat.costNowNanos()).isEqualTo(450_000 + 360_000 + 75_000);
        assertThat(chat.costDeltaNanos()).isEqualTo(-660_000);
        assertThat(chat.costDeltaPercent()).isEqualByComparingTo("-42.7");
        assertThat(r.totals().fallbackCostDeltaNanos()).isEqualTo(-660_000);
        assertThat(r.totals().failingRequests()).isZero();
    }

    @Test
    void fallbackLatencyIsTheMedianOfWhatTheFallbackServedAgainstTheVendors() {
        List<UsageEvent> events = List.of(
                event("a", IN, "chat", DEEPSEEK, 10, 10, 0, 400, 100L),
                event("b", IN, "chat", DEEPSEEK, 10, 10, 0, 600, 200L),
                event("c", IN, "chat", MINI, 10, 10, 0, 900, 300L),
                event("d", IN, "other-alias-on-mini", MINI, 10, 10, 0, 1100, 350L),
                event("e", IN, "chat", MINI, 10, 10, 0, 700, 250L));
        AliasImpact chat = alias(OutageDrill.run("deepseek", FROM, TO, events, ROUTES), "chat");
        assertThat(chat.vendorLatency()).isEqualTo(new DrillReport.Latency(2, 500L, 150L));
        assertThat(chat.fallbackLatency()).isEqualTo(new DrillReport.Latency(3, 900L, 300L));
        assertThat(chat.latencyDeltaMillis()).isEqualTo(400);
        assertThat(chat.ttftDeltaMillis()).isEqualTo(150);
    }

    @Test
    void fallbackThatServedNothingInTheWindowHasNoLatencyDataAndAnUnknownPriceCostsZero() {
        List<UsageEvent> events = List.of(event("f", IN, "fast", DEEPSEEK, 1000, 1000, 1_370_000, 300, null));
        AliasImpact fast = alias(OutageDrill.run("deepseek", FROM, TO, events, ROUTES), "fast");
        assertThat(fast.verdict()).isEqualTo(Verdict.FALL_BACK);
        assertThat(fast.fallback()).isEqualTo("groq/llama-70b");
        assertThat(fast.fallbackLatency().hasData()).isFalse();
        assertThat(fast.latencyDeltaMillis()).isNull();
        assertThat(fast.fallbackPriced()).isFalse();
        assertThat(fast.costNowNanos()).isZero();
    }

    @Test
    void aliasWithoutAVendorTargetIsUnaffectedAndKeepsItsCost() {
        List<UsageEvent> events = List.of(event("x", IN, "claude", CLAUDE, 100, 10, 5_000, 300, null));
        AliasImpact claude = alias(OutageDrill.run("deepseek", FROM, TO, events, ROUTES), "claude");
        assertThat(claude.verdict()).isEqualTo(Verdict.UNAFFECTED);
        assertThat(claude.viaVendor()).isZero();
        assertThat(claude.costDeltaNanos()).isZero();
    }

    @Test
    void onlyEventsInsideTheWindowCount() {
        List<UsageEvent> events = List.of(
                event("old", FROM.minusMillis(1), "chat", DEEPSEEK, 10, 10, 100, 300, null),
                event("first", FROM, "chat", DEEPSEEK, 10, 10, 200, 300, null),
                event("late", TO, "chat", DEEPSEEK, 10, 10, 400, 300, null));
        DrillReport r = OutageDrill.run("deepseek", FROM, TO, events, ROUTES);
        assertThat(r.totals().requests()).isEqualTo(1);
        assertThat(r.totals().spendNanos()).isEqualTo(200);
        assertThat(alias(r, "chat").requests()).isEqualTo(1);
    }

    @Test
    void vendorSharesCountEveryEventIncludingUnconfiguredAliasesAndUnknownModels() {
        List<UsageEvent> events = List.of(
                // a model no route lists: its provider's vendor
                UsageEvent.builder("m", IN).caller("master").endpoint("chat").alias("retired")
                        .target("ds", "deepseek-reasoner").attempts(1).outcome(UsageEvent.Status.OK, 200, null, null)
                        .stream(false).usage(new Usage(10, 10, 0, 0, 0, false)).costNanos(3_000).latency(300, null)
                        .build(),
                event("x", IN, "claude", CLAUDE, 10, 10, 1_000, 300, null));
        DrillReport r = OutageDrill.run("deepseek", FROM, TO, events, ROUTES);
        assertThat(r.totals().viaVendor()).isEqualTo(1);
        assertThat(r.totals().vendorRequestShare()).isEqualByComparingTo("50.0");
        assertThat(r.totals().vendorSpendShare()).isEqualByComparingTo("75.0");
        AliasImpact retired = alias(r, "retired");
        assertThat(retired.verdict()).isEqualTo(Verdict.NOT_CONFIGURED);
        assertThat(retired.viaVendor()).isEqualTo(1);
    }

    @Test
    void failedRequestsCountAsTrafficButNotInLatency() {
        UsageEvent failed = UsageEvent.builder("z", IN).caller("master").endpoint("chat").alias("chat")
                .target("ds", "deepseek-chat").attempts(2)
                .outcome(UsageEvent.Status.FAILED, 502, "upstream_error", "boom").stream(false)
                .usage(new Usage(0, 0, 0, 0, 0, false)).costNanos(0).latency(30_000, null).build();
        List<UsageEvent> events = List.of(failed, event("a", IN, "chat", DEEPSEEK, 10, 10, 0, 400, null));
        AliasImpact chat = alias(OutageDrill.run("deepseek", FROM, TO, events, ROUTES), "chat");
        assertThat(chat.viaVendor()).isEqualTo(2);
        assertThat(chat.vendorLatency()).isEqualTo(new DrillReport.Latency(1, 400L, null));
    }
}
