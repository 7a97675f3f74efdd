package dev.freeport.reconcile;

import dev.freeport.api.Usage;
import dev.freeport.catalog.FxRates;
import dev.freeport.catalog.PriceCatalog;
import dev.freeport.ledger.UsageEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.freeport.reconcile.ExportsTest.res;
import static org.assertj.core.api.Assertions.assertThat;

/** The ledger against fixture exports with known discrepancies, and what each is explained by. */
class ReconcilerTest {

    private static final PriceCatalog CATALOG = PriceCatalog.bundled();
    private static final LocalDate FROM = LocalDate.of(2026, 11, 1);
    private static final LocalDate TO = LocalDate.of(2026, 11, 30);

    private static UsageEvent event(String id, String time, String provider, String model, long in, long out,
                                    long cached, long written, long cost) {
        return UsageEvent.builder(id, Instant.parse(time)).caller("fp-test").endpoint("chat").alias("alias")
                .target(provider, model).attempts(1).outcome(UsageEvent.Status.OK, 200, null, null).stream(false)
                .usage(new Usage(in, out, cached, written, 0, false)).costNanos(cost).latency(100, null).build();
    }

    private static List<UsageEvent> times(int n, String id, String time, String provider, String model, long in,
                                          long out, long cached, long written, long cost) {
        List<UsageEvent> out2 = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out2.add(event(id + i, time, provider, model, in, out, cached, written, cost));
        }
        return out2;
    }

    private static ReconcileReport run(String vendor, List<UsageEvent> events, String... files) throws Exception {
        List<VendorExport> exports = new ArrayList<>();
        for (String f : files) {
            exports.add(Exports.read(res(f)));
        }
        Map<String, LedgerRow> ledger = LedgerDays.of(events, p -> vendor, vendor, CATALOG, FxRates.NONE);
        return Reconciler.compare(vendor, ledger, exports, FROM, TO, Tolerance.DEFAULT, CATALOG);
    }

    private static ReconcileReport.Line line(ReconcileReport r, String day, String model) {
        return r.lines().stream().filter(l -> l.day().toString().equals(day) && l.model().equals(model))
                .findFirst().orElseThrow();
    }

    private static List<UsageEvent> anthropicLedger() {
        // Opus 5.5: 10 requests, 10,000 cache reads + 20,000 cache writes + 2,000 output each, recorded at the
        // 5-minute write price: 10,000 x $0.20 + 20,000 x $5 + 2,000 x $20 = $0.142 each
        List<UsageEvent> e = new ArrayList<>(times(10, "a", "2026-11-20T10:00:00Z", "anthropic", "claude-opus-5-5",
                30_000, 2_000, 10_000, 20_000, 142_000_000L));
        e.add(event("b", "2026-11-21T10:00:00Z", "anthropic", "claude-opus-5-5", 1_000, 100, 0, 0, 6_000_000L));
        return e;
    }

    @Test
    void oneHourCacheWritesRecordedAtTheFiveMinuteRateExplainTheOpusDifference() throws Exception {
        ReconcileReport r = run("anthropic", anthropicLedger(), "anthropic-usage-report.json",
                "anthropic-cost-report.json");
        ReconcileReport.Line opus = line(r, "2026-11-20", "claude-opus-5-5");
        assertThat(opus.tokenDiff()).isZero();
        assertThat(opus.costDiffNanos()).isEqualTo(600_000_000L); // billed $2.02, recorded $1.42
        assertThat(opus.finding()).isTrue();
        assertThat(opus.explanations()).containsExactly("1-hour cache writes: 200000 tokens billed at the 1-hour "
                + "rate, recorded at the 5-minute rate ($0.6)");
    }

    @Test
    void aBilledModelTheLedgerNeverSawIsTrafficThatBypassedTheGateway() throws Exception {
        ReconcileReport.Line haiku = line(run("anthropic", anthropicLedger(), "anthropic-usage-report.json",
                "anthropic-cost-report.json"), "2026-11-20", "claude-haiku-5-5");
        assertThat(haiku.finding()).isTrue();
        assertThat(haiku.explanations()).containsExactly("billed but never recorded by Freeport: traffic that "
                + "bypassed the gateway");
    }

    @Test
    void nonTokenChargesAreNamedAsSuch() throws Exception {
        ReconcileReport.Line search = line(run("anthropic", anthropicLedger(), "anthropic-usage-report.json",
                "anthropic-cost-report.json"), "2026-11-20", "(web_search)");
        assertThat(search.explanations().get(0)).startsWith("non-token charge (web_search)");
    }

    @Test
    void aDayThatMatchesIsNoFinding() throws Exception {
        ReconcileReport r = run("anthropic", anthropicLedger(), "anthropic-usage-report.json",
                "anthropic-cost-report.json");
        ReconcileReport.Line same = line(r, "2026-11-21", "claude-opus-5-5");
        assertThat(same.finding()).isFalse();
        assertThat(same.explanations()).isEmpty();
        assertThat(r.findings()).hasSize(3);
        assertThat(r.billedNanos() - r.ledgerNanos()).isEqualTo(600_000_000L + 7_500_000L + 120_000_000L);
    }

    @Test
    void aCostRecordedAtAnOldPriceIsExplainedByRepricingWithTheCatalog() throws Exception {
        // 100 x (10,000 in + 1,000 out) recorded at $1 / $5 = $1.50; the catalog's $2 / $10 gives $3.00, as billed
        List<UsageEvent> e = times(100, "o", "2026-11-20T10:00:00Z", "openai", "gpt-6.2-sol", 10_000, 1_000, 0, 0,
                15_000_000L);
        ReconcileReport.Line l = line(run("openai", e, "openai-usage.json", "openai-costs.json"), "2026-11-20",
                "gpt-6.2-sol");
        assertThat(l.tokenDiff()).isZero();
        assertThat(l.explanations()).singleElement().asString().startsWith("repriced: recorded at $1.5, the "
                + "catalog's current rules price the same requests at $3, as billed");
    }

    @Test
    void tokensMissingFromTheLedgerAreExplainedAsBypassNotAsAPriceDifference() throws Exception {
        // 40 x (10,000 in + 250 out) at $2 / $10 = $0.90 recorded; billed 500,000 in + 10,000 out = $1.10
        List<UsageEvent> e = times(40, "p", "2026-11-21T10:00:00Z", "openai", "gpt-6.2-sol", 10_000, 250, 0, 0,
                22_500_000L);
        ReconcileReport.Line l = line(run("openai", e, "openai-usage.json", "openai-costs.json"), "2026-11-21",
                "gpt-6.2-sol");
        assertThat(l.tokenDiff()).isEqualTo(100_000L);
        assertThat(l.costDiffNanos()).isEqualTo(200_000_000L);
        assertThat(l.explanations()).containsExactly("100000 more tokens billed than recorded: traffic that bypassed "
                + "the gateway");
    }

    @Test
    void requestsRecordedWithoutAPriceAreCountedAndRepriced() throws Exception {
        List<UsageEvent> e = times(10, "r", "2026-11-20T10:00:00Z", "openrouter", "moonshotai/kimi-k2.6", 10_000,
                1_000, 0, 0, 0);
        ReconcileReport.Line l = line(run("openrouter", e, "openrouter-activity.json"), "2026-11-20",
                "moonshotai/kimi-k2.6");
        assertThat(l.finding()).isTrue();
        assertThat(l.explanations().get(0)).isEqualTo("10 request(s) recorded without a price (cost unknown, "
                + "counted as $0)");
        assertThat(l.explanations().get(1)).contains("price the same requests at $0.087, as billed");
    }

    @Test
    void offPeakRequestsRecordedAtThePeakRateAreExplainedByTheTimeOfDayRule() throws Exception {
        // Friday 20:00 Beijing is off-peak: the vendor billed $0.01512; the legacy flow recorded the peak $0.03024
        List<UsageEvent> e = times(4, "d", "2026-11-20T12:00:00Z", "deepseek", "deepseek-flash", 25_000, 2_500,
                10_000, 0, 7_560_000L);
        ReconcileReport.Line l = line(run("deepseek", e, "daily-usage.csv"), "2026-11-20", "deepseek-flash");
        assertThat(l.costDiffNanos()).isEqualTo(-15_120_000L);
        assertThat(l.explanations()).singleElement().asString().contains("at $0.01512, as billed");
    }

    @Test
    void ledgerRowsWithoutABillLineAreReportedAndRowsOutsideTheRangeIgnored() throws Exception {
        List<UsageEvent> e = new ArrayList<>(anthropicLedger());
        e.add(event("x", "2026-11-22T10:00:00Z", "anthropic", "claude-opus-5-5", 1_000_000, 0, 0, 0, 4_000_000_000L));
        e.add(event("y", "2026-10-01T10:00:00Z", "anthropic", "claude-opus-5-5", 1, 0, 0, 0, 4_000L));
        ReconcileReport r = run("anthropic", e, "anthropic-usage-report.json", "anthropic-cost-report.json");
        ReconcileReport.Line l = line(r, "2026-11-22", "claude-opus-5-5");
        assertThat(l.finding()).isTrue();
        assertThat(l.explanations().get(0)).startsWith("recorded by Freeport but not on the bill");
        assertThat(r.lines()).noneMatch(x -> x.day().toString().equals("2026-10-01"));
    }

    @Test
    void theJsonReportCarriesTotalsAndFindings() throws Exception {
        ReconcileReport r = run("anthropic", anthropicLedger(), "anthropic-usage-report.json",
                "anthropic-cost-report.json");
        assertThat(r.toJson().getInteger("findings")).isEqualTo(3);
        assertThat(r.toJson().getString("diff_usd")).isEqualTo("0.7275");
        assertThat(r.toText()).contains("FINDING", "1-hour cache writes");
    }

    @Test
    void webSearchFeesRecordedInsideRequestCostsMatchTheBillsSeparateWebSearchLine() {
        // one Opus 5.5 request with 12 web searches, recorded as 1,000 x $4 + 100 x $20 + 12 x $0.01 = $0.126;
        // Anthropic's cost report bills the tokens ($0.006) and "Web Search Usage" ($0.12) on separate lines
        LocalDate day = LocalDate.of(2026, 11, 22);
        List<UsageEvent> events = List.of(event("w", "2026-11-22T10:00:00Z", "anthropic", "claude-opus-5-5", 1_000,
                100, 0, 0, 126_000_000L));
        VendorExport bill = new VendorExport("anthropic-cost-report", "anthropic", List.of(
                new BilledRow(day, "claude-opus-5-5", null, new BilledRow.Tokens(1_000, 0, 0, 0, 100), 6_000_000L),
                new BilledRow(day, "(web_search)", null, null, 120_000_000L)), false);
        Map<String, LedgerRow> ledger = LedgerDays.of(events, p -> "anthropic", "anthropic", CATALOG, FxRates.NONE);
        ReconcileReport r = Reconciler.compare("anthropic", ledger, List.of(bill), FROM, TO, Tolerance.DEFAULT,
                CATALOG);
        ReconcileReport.Line opus = line(r, "2026-11-22", "claude-opus-5-5");
        assertThat(opus.finding()).isFalse();
        assertThat(opus.explanations()).containsExactly("server-tool fees: the recorded cost includes $0.12 the bill "
                + "lists apart as (web_search)");
        ReconcileReport.Line search = line(r, "2026-11-22", "(web_search)");
        assertThat(search.finding()).isFalse();
        assertThat(search.explanations().get(0)).startsWith("non-token charge (web_search): recorded by Freeport");
        assertThat(r.findings()).isEmpty();
    }
}
