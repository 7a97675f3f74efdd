package dev.freeport.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.config.LedgerConfig;
import dev.freeport.ledger.JournaledLedger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static dev.freeport.audit.Records.req;
import static org.assertj.core.api.Assertions.assertThat;

class AuditServiceTest {

    @Test
    void auditsTheLedgerJournalIncludedAsJson(@TempDir Path dir) {
        Instant now = Instant.now();
        try (JournaledLedger ledger = JournaledLedger.open(new LedgerConfig(dir, 10, Duration.ofHours(1)))) {
            for (int i = 0; i < 3; i++) {
                var e = req("e" + i).prompt("same").cost(1_000_000).build().event();
                ledger.record(e.toBuilder().time(now.minusSeconds(60 - i)).build());
            }
        }
        ObjectNode json = AuditService.json(dir, Duration.ofDays(1), null);
        assertThat(json.path("totals").path("requests").asLong()).isEqualTo(3);
        assertThat(json.path("totals").path("cost_usd").asText()).isEqualTo("0.003");
        assertThat(json.path("findings").get(0).path("id").asText()).isEqualTo("duplicate_prompts");
        assertThat(json.path("findings").get(0).path("dollars_nanos").asLong()).isEqualTo(2_000_000);
    }

    @Test
    void unpricedTrafficIsItsOwnLineOfTheAudit(@TempDir Path dir) {
        Instant now = Instant.now();
        try (JournaledLedger ledger = JournaledLedger.open(new LedgerConfig(dir, 10, Duration.ofHours(1)))) {
            ledger.record(req("priced").cost(1_000_000).build().event().toBuilder().time(now.minusSeconds(30))
                    .build());
            ledger.record(req("unpriced").on("local", "gpu", "house-7b").cost(0).build().event().toBuilder()
                    .time(now.minusSeconds(20)).cost(dev.freeport.ledger.CostDetail.UNKNOWN).build());
        }
        ObjectNode json = AuditService.json(dir, Duration.ofDays(1), null);
        assertThat(json.path("cost_unknown").path("requests").asLong()).isEqualTo(1);
        assertThat(json.path("cost_unknown").path("by_model").get(0).path("key").asText()).isEqualTo("gpu/house-7b");
        assertThat(json.path("totals").path("cost_usd").asText()).isEqualTo("0.001");
    }

    private static void record(Path dir, String... providers) {
        Instant now = Instant.now();
        try (JournaledLedger ledger = JournaledLedger.open(new LedgerConfig(dir, 10, Duration.ofHours(1)))) {
            int i = 0;
            for (String provider : providers) {
                var e = req("v" + i).on("smart", provider, "m").cost(1_000_000).build().event();
                ledger.record(e.toBuilder().time(now.minusSeconds(60 - i++)).build());
            }
        }
    }

    private static final String CONFIG = """
            providers:
              gpu: { preset: vllm, base_url: "http://gpu:8000/v1" }
              lab: { type: sandbox, vendor: frontierlab, jurisdiction: US, region: US, models: { m: {} } }
              eu: { type: sandbox, vendor: opencloud, jurisdiction: FR, region: EU, models: { m: {} } }
            models:
              - { name: smart, targets: [ gpu/m, lab/m, eu/m ] }
            """;

    private static java.util.List<String> keys(ObjectNode json, String field) {
        java.util.List<String> out = new java.util.ArrayList<>();
        json.path("concentration").path(field).forEach(n -> out.add(n.path("key").asText()));
        return out;
    }

    @Test
    void vendorsAreTheRoutingProfilesVendors(@TempDir Path dir) {
        record(dir, "gpu", "lab", "eu");
        var config = dev.freeport.config.ConfigLoader.parse(CONFIG, "f.yaml", java.util.Map.of(), dir);
        ObjectNode json = AuditService.json(dir, Duration.ofDays(1), config);
        assertThat(keys(json, "vendors")).containsExactlyInAnyOrder("self", "frontierlab", "opencloud");
    }

    @Test
    void jurisdictionsComeFromTheRoutingProfileNotOnlyTheCatalog(@TempDir Path dir) {
        record(dir, "gpu", "lab", "eu");
        var config = dev.freeport.config.ConfigLoader.parse(CONFIG, "f.yaml", java.util.Map.of(), dir);
        ObjectNode json = AuditService.json(dir, Duration.ofDays(1), config);
        assertThat(keys(json, "jurisdictions")).containsExactlyInAnyOrder("self-hosted", "US / US", "FR / EU");
    }
}
