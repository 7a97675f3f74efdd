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
}
