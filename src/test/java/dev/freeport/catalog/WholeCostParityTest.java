package dev.freeport.catalog;

import dev.freeport.api.Usage;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The integer way of pricing ({@link WholeCost}, {@link TokenPrice}) against the BigDecimal reference
 * ({@link ExactCost}, {@link PriceCatalog#costNanosExact}) over every entry of the shipped catalog and random
 * usages and facts: the same nano-dollars, the same status, amount in the vendor's currency and lines.
 */
class WholeCostParityTest {
    private static final PriceCatalog CATALOG = PriceCatalog.bundled();
    private static final FxRates FX = new FxRates(Map.of("CNY", new BigDecimal("0.1389")), "test", null);
    private static final String[] REGIONS = {null, "us", "EU", "global", "de", ""};
    private static final String[] TOOLS = {"web_search", "web_fetch", "google_search", "code_execution"};
    /** 2026-01-01 to 2028-01-01: before and after the catalog's dated changes, peak and off-peak hours */
    private static final long FROM = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
    private static final long SPAN = 2L * 365 * 24 * 3600;

    @Test
    void everyShippedPriceHasExactWholeRates() {
        for (ModelPrice p : CATALOG.entries()) {
            TokenPrice t = p.tokens();
            assertThat(List.of(t.input(), t.output(), t.cachedInput(), t.cacheWrite(), t.perHour()))
                    .as("%s/%s", p.provider(), p.model()).doesNotContain(TokenPrice.INEXACT);
        }
        for (PriceSheet s : CATALOG.sheets()) {
            assertThat(s.rates().picos().input()).as("%s/%s", s.provider(), s.model()).isNotEqualTo(TokenPrice.INEXACT);
            assertThat(s.rules().fixed().batch() == null || s.rules().fixed().batch().exact()).isTrue();
            assertThat(s.rules().fixed().regions().values()).allMatch(Fixed::exact);
            assertThat(s.rules().fixed().toolPicos().values()).allMatch(v -> v >= 0);
        }
    }

    @Test
    void everySheetPricesRandomAnswersInLongsToTheNanoDollarOfTheBigDecimalWay() {
        SplittableRandom random = new SplittableRandom(14);
        int compared = 0;
        for (PriceSheet sheet : CATALOG.sheets()) {
            for (int i = 0; i < 300; i++) {
                Usage u = usage(random);
                BillingFacts f = facts(random, u);
                CostResult whole = PricingEngine.cost(sheet, u, f, FX);
                CostResult exact = PricingEngine.costExact(sheet, u, f, FX);
                assertThat(whole).as("%s/%s %s %s", sheet.provider(), sheet.model(), u, f).isEqualTo(exact);
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(150 * 300);
    }

    @Test
    void aPlainPriceWithAnHourlyRateAndAnOddRegionMatchesTheBigDecimalWay() {
        SplittableRandom random = new SplittableRandom(7);
        PriceSheet hourly = PriceSheet.of(new ModelPrice("vllm", "m", null, null, null, null,
                new BigDecimal("2.135"), "config", null));
        PriceSheet both = PriceSheet.of(new ModelPrice("vllm", "m", new BigDecimal("0.1"), new BigDecimal("0.3"),
                null, null, new BigDecimal("0.000000000007"), "config", null));
        for (int i = 0; i < 20_000; i++) {
            Usage u = usage(random);
            BillingFacts f = facts(random, u);
            for (PriceSheet s : new PriceSheet[] {hourly, both}) {
                assertThat(PricingEngine.cost(s, u, f, FX)).as("%s %s", u, f)
                        .isEqualTo(PricingEngine.costExact(s, u, f, FX));
            }
        }
    }

    @Test
    void everyEntrysPlainCostInLongsIsTheBigDecimalCost() {
        SplittableRandom random = new SplittableRandom(3);
        for (ModelPrice p : CATALOG.entries()) {
            for (int i = 0; i < 300; i++) {
                Usage u = usage(random);
                long latency = random.nextInt(4) == 0 ? 0 : random.nextLong(1, 600_000);
                assertThat(PriceCatalog.costNanos(p, u, latency)).as("%s/%s %s", p.provider(), p.model(), u)
                        .isEqualTo(PriceCatalog.costNanosExact(p, u, latency));
            }
        }
        ModelPrice hourly = new ModelPrice("vllm", "m", new BigDecimal("0.2"), null, null, null,
                new BigDecimal("1.75"), "config", null);
        for (int i = 0; i < 20_000; i++) {
            Usage u = usage(random);
            long latency = random.nextLong(1, 3_600_000);
            assertThat(PriceCatalog.costNanos(hourly, u, latency)).isEqualTo(PriceCatalog.costNanosExact(hourly, u,
                    latency));
        }
    }

    /** 0 … 10^9 tokens (small counts as often as large), cache reads and writes as parts of the prompt. */
    static Usage usage(SplittableRandom r) {
        long input = tokens(r);
        long cached = r.nextInt(3) == 0 ? 0 : r.nextLong(input + 1);
        long written = r.nextInt(3) == 0 ? 0 : r.nextLong(input - cached + 1);
        long output = tokens(r);
        long reasoning = r.nextInt(4) == 0 ? r.nextLong(output + 1) : 0;
        long oneHour = written > 0 && r.nextBoolean() ? r.nextLong(written + 1) : 0;
        Map<String, Long> tools = r.nextInt(4) == 0 ? Map.of(TOOLS[r.nextInt(TOOLS.length)], r.nextLong(0, 40))
                : Map.of();
        return new Usage(input, output, cached, written, reasoning, false, oneHour, tools);
    }

    private static long tokens(SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0 -> r.nextLong(0, 100);
            case 1 -> r.nextLong(0, 10_000);
            case 2 -> r.nextLong(0, 1_000_000);
            default -> r.nextLong(0, 1_000_000_001);
        };
    }

    static BillingFacts facts(SplittableRandom r, Usage u) {
        Instant at = r.nextInt(10) == 0 ? null : Instant.ofEpochSecond(FROM + r.nextLong(SPAN));
        Map<String, Long> ttl = u.cacheWrite1hTokens() > 0 ? Map.of("1h", u.cacheWrite1hTokens())
                : r.nextInt(8) == 0 ? Map.of("5m", r.nextLong(0, 1000), "1h", r.nextLong(0, 1000)) : Map.of();
        return new BillingFacts(at, REGIONS[r.nextInt(REGIONS.length)], r.nextInt(4) == 0, r.nextInt(3) == 0, ttl,
                u.serverToolCalls(), r.nextInt(3) == 0 ? 0 : r.nextLong(1, 600_000));
    }
}
