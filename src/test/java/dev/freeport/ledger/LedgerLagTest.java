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
        // a batch of 100 and an hour between moves: once the ledger thread's first pass is over and it sleeps,
        // events stay in the journal until flushed
        try (JournaledLedger ledger = JournaledLedger.open(new LedgerConfig(dir, 100, Duration.ofHours(1)))) {
            assertThat(ledger.lagMillis()).isZero();
            long pending = 0;
            for (int round = 0; round < 100 && pending == 0; round++) {
                Thread.sleep(20); // a first pass still running may move what is recorded: record again after it
                ledger.record(event("req_lag" + round));
                pending = ledger.pendingEvents();
            }
            assertThat(pending).isPositive();
            Thread.sleep(50);
            assertThat(ledger.pendingEvents()).isEqualTo(pending);
            assertThat(ledger.lagMillis()).isGreaterThanOrEqualTo(50);
            ledger.flush();
            assertThat(ledger.pendingEvents()).isZero();
            assertThat(ledger.lagMillis()).isZero();
        }
    }
}
