package dev.freeport.reconcile;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each vendor export format, read from fixture files written in the vendors' documented shapes. */
class ExportsTest {

    static Path res(String name) throws Exception {
        return Path.of(ExportsTest.class.getResource("/reconcile/" + name).toURI());
    }

    private static final LocalDate NOV_20 = LocalDate.of(2026, 11, 20);

    @Test
    void openAiUsagePagesGiveTokensPerDayAndModel() throws Exception {
        VendorExport x = Exports.read(res("openai-usage.json"));
        assertThat(x.format()).isEqualTo("openai-usage");
        assertThat(x.vendor()).isEqualTo("openai");
        assertThat(x.rows()).first().isEqualTo(new BilledRow(NOV_20, "gpt-6.2-sol", 100L,
                new BilledRow.Tokens(1_000_000, 0, 0, 0, 100_000), null));
    }

    @Test
    void openAiCostPagesGiveDollarsPerLineItemModel() throws Exception {
        List<BilledRow> rows = Exports.read(res("openai-costs.json")).rows();
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0)).isEqualTo(new BilledRow(NOV_20, "gpt-6.2-sol", null, null, 2_000_000_000L));
        assertThat(rows.get(3).costNanos()).isEqualTo(100_000_000L);
    }

    @Test
    void anthropicUsageReportAddsCacheReadsAndBothTtlsToInput() throws Exception {
        VendorExport x = Exports.read(res("anthropic-usage-report.json"));
        assertThat(x.cacheReported()).isTrue();
        assertThat(x.rows().get(0).tokens()).isEqualTo(new BilledRow.Tokens(300_000, 100_000, 200_000, 200_000,
                20_000));
    }

    @Test
    void anthropicCostReportAmountsAreCentsAndNonTokenCostsKeepTheirType() throws Exception {
        List<BilledRow> rows = Exports.read(res("anthropic-cost-report.json")).rows();
        assertThat(rows.get(1).costNanos()).isEqualTo(1_600_000_000L); // "160.00" cents = $1.60
        assertThat(rows.get(4).model()).isEqualTo("(web_search)");
        assertThat(rows.get(4).costNanos()).isEqualTo(120_000_000L);
    }

    @Test
    void openRouterActivityJsonAndCsvReadTheSame() throws Exception {
        VendorExport json = Exports.read(res("openrouter-activity.json"));
        VendorExport csv = Exports.read(res("openrouter-activity.csv"));
        assertThat(json.rows()).isEqualTo(csv.rows());
        assertThat(json.rows().get(0)).isEqualTo(new BilledRow(NOV_20, "moonshotai/kimi-k2.6", 10L,
                new BilledRow.Tokens(100_000, 0, 0, 0, 10_000), 87_000_000L));
    }

    @Test
    void aDailyConsoleCsvReadsItsProviderColumnAndQuotedNumbers() throws Exception {
        VendorExport x = Exports.read(res("daily-usage.csv"));
        assertThat(x.vendor()).isEqualTo("deepseek");
        assertThat(x.rows().get(0)).isEqualTo(new BilledRow(NOV_20, "deepseek-flash", 4L,
                new BilledRow.Tokens(100_000, 40_000, 0, 0, 10_000), 15_120_000L));
    }

    @Test
    void anUnknownJsonShapeIsRefusedNamingTheFile() throws Exception {
        Path f = java.nio.file.Files.createTempFile("export", ".json");
        java.nio.file.Files.writeString(f, "{\"hello\": 1}");
        assertThatThrownBy(() -> Exports.read(f)).hasMessageContaining(f.toString())
                .hasMessageContaining("not a recognised usage or cost export");
    }

    @Test
    void aCsvWithoutDateOrModelIsRefused() throws Exception {
        Path f = java.nio.file.Files.createTempFile("export", ".csv");
        java.nio.file.Files.writeString(f, "when,what\n2026-11-20,x\n");
        assertThatThrownBy(() -> Exports.read(f)).hasMessageContaining("needs a date (or day) and a model column");
    }
}
