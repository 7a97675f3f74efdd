package dev.freeport.ledger;

import dev.freeport.api.Usage;
import dev.freeport.config.LedgerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The ledger's lag (journal to database), as the metrics read it. */
class LedgerLagTest {
    @TempDir
    Path dir;

    static UsageEvent event(String id) {
        return UsageEvent.builder(id, Instant.now()).caller("master").endpoint("chat").alias("m")
                .usage(Usage.of(1, 1)).build();
    }

    @Test
    void eventsNotYetInTheDatabaseArePendingAndTheLagGrowsUntilTheyMove() throws Exception {
        // a batch of 100 and an hour between moves: five events stay in the journal until flushed
        try (JournaledLedger ledger = JournaledLedger.open(new LedgerConfig(dir, 100, Duration.ofHours(1)))) {
            ledger.flush();
            assertThat(ledger.pendingEvents()).isZero();
            assertThat(ledger.lagMillis()).isZero();
            for (int i = 0; i < 5; i++) {
                ledger.record(event("req_lag" + i));
            }
            Thread.sleep(30);
            assertThat(ledger.pendingEvents()).isEqualTo(5);
            assertThat(ledger.lagMillis()).isGreaterThanOrEqualTo(30);
            ledger.flush();
            assertThat(ledger.pendingEvents()).isZero();
            assertThat(ledger.lagMillis()).isZero();
        }
    }
}
