package dev.freeport.audit;

import dev.freeport.ledger.UsageEvent;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LogImportTest {

    private static Path res(String name) throws Exception {
        return Path.of(LogImportTest.class.getResource("/audit/" + name).toURI());
    }

    @Test
    void openAiJsonlReadsEveryShapeAndReportsMalformedLinesByNumber() throws Exception {
        Imported imp = LogImport.read(res("openai-pairs.jsonl"), null, Records.CATALOG);
        assertThat(imp.malformed()).extracting(Malformed::line).containsExactly(2L, 6L);
        assertThat(imp.records()).extracting(r -> r.event().id()).containsExactly("r1", "c2", "msg_3", "line-7");
    }

    @Test
    void openAiJsonlTakesUsageFromTheResponseAndPricesItFromTheCatalog() throws Exception {
        AuditRecord r = LogImport.read(res("openai-pairs.jsonl"), LogImport.Format.OPENAI_JSONL, Records.CATALOG)
                .records().get(0);
        UsageEvent e = r.event();
        // gpt-4o: 800 uncached x $2.50 + 200 cached x $1.25 + 100 out x $10 = $0.00325
        assertThat(e.costNanos()).isEqualTo(3_250_000);
        assertThat(r.vendor()).isEqualTo("openai");
        assertThat(e.cachedInputTokens()).isEqualTo(200);
        assertThat(e.time()).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
        assertThat(e.caller()).isEqualTo("svc-a");
        assertThat(e.facts().team()).isEqualTo("search");
        assertThat(e.facts().tags()).isEqualTo("rag,prod");
        assertThat(e.facts().maxTokens()).isEqualTo(500);
        assertThat(e.facts().promptHex()).isNotNull();
        assertThat(e.facts().prefixHex()).isNotNull();
        assertThat(e.facts().messageCount()).isEqualTo(2);
    }

    @Test
    void openAiJsonlDerivesImagesJsonOutputToolsAndCountsMissingUsage() throws Exception {
        Imported imp = LogImport.read(res("openai-pairs.jsonl"), null, Records.CATALOG);
        AuditRecord image = imp.records().get(1);
        assertThat(image.images()).isTrue();
        assertThat(image.jsonOutput()).isTrue();
        assertThat(image.event().facts().finishReason()).isEqualTo("length");
        // deepseek-chat is a retired name priced as deepseek-flash (peak): 2000 x $0.30 + 50 x $1.20
        assertThat(image.event().costNanos()).isEqualTo(660_000);
        AuditRecord counted = imp.records().get(2);
        assertThat(counted.event().estimated()).isTrue();
        assertThat(counted.event().inputTokens()).isPositive();
        assertThat(counted.event().facts().tools()).isTrue();
        assertThat(counted.vendor()).isEqualTo("anthropic");
        assertThat(imp.records().get(3).event().status()).isEqualTo(UsageEvent.Status.FAILED);
    }

    @Test
    void liteLlmCsvReadsRowsWithQuotedJsonAndReportsBadRowsByLine() throws Exception {
        Path csv = res("litellm-spend.csv");
        assertThat(LogImport.detect(csv, "")).isEqualTo(LogImport.Format.LITELLM);
        Imported imp = LogImport.read(csv, null, Records.CATALOG);
        assertThat(imp.malformed()).extracting(Malformed::line).containsExactly(3L, 7L);
        assertThat(imp.malformed().get(0).reason()).contains("spend");
        assertThat(imp.records()).extracting(r -> r.event().id()).containsExactly("chatcmpl-a1", "chatcmpl-a3",
                "chatcmpl-a4");
        UsageEvent a1 = imp.records().get(0).event();
        assertThat(a1.costNanos()).isEqualTo(12_300_000); // spend 0.0123 USD
        assertThat(a1.caller()).isEqualTo("web-app");
        assertThat(a1.alias()).isEqualTo("smart");
        assertThat(a1.facts().team()).isEqualTo("team-1");
        assertThat(a1.facts().tags()).isEqualTo("prod,chat");
        assertThat(a1.cachedInputTokens()).isEqualTo(100);
        assertThat(a1.latencyMillis()).isEqualTo(2500);
        assertThat(a1.ttftMillis()).isEqualTo(400);
        assertThat(imp.records().get(1).isChat()).isFalse();
        assertThat(imp.records().get(2).event().status()).isEqualTo(UsageEvent.Status.FAILED);
    }

    @Test
    void liteLlmJsonArrayReportsBadElementsWithTheirLineAndReadsTheRequestBody() throws Exception {
        Imported imp = LogImport.read(res("litellm-spend.json"), null, Records.CATALOG);
        assertThat(imp.malformed()).as(imp.malformed().toString()).extracting(Malformed::line).containsExactly(7L, 8L);
        assertThat(imp.records()).extracting(r -> r.event().id()).containsExactly("j1", "j3");
        AuditRecord j1 = imp.records().get(0);
        assertThat(j1.event().costNanos()).isEqualTo(500_000_000);
        assertThat(j1.event().facts().team()).isEqualTo("research");
        assertThat(j1.event().facts().maxTokens()).isEqualTo(4000);
        assertThat(j1.event().facts().promptHex()).isNotNull();
        assertThat(imp.records().get(1).vendor()).isEqualTo("groq");
    }
}
