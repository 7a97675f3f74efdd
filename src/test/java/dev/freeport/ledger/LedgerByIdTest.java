package dev.freeport.ledger;

import dev.freeport.config.LedgerConfig;
import dev.freeport.config.StoreConfig;
import dev.freeport.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link LedgerReader#byId}: one event by its id from SQLite, PostgreSQL or the journal. */
class LedgerByIdTest {

    @TempDir
    Path tmp;

    @Test
    void findsAnEventInSqliteWithItsFacts() {
        try (JournaledLedger ledger = JournaledLedger.open(new LedgerConfig(tmp, 10, Duration.ofMillis(20)))) {
            ledger.record(Events.simple("a", 0));
            ledger.record(Events.withFacts("b"));
            ledger.flush();
        }
        assertThat(LedgerReader.byId(tmp, StoreConfig.EMBEDDED, "b")).contains(Events.withFacts("b"));
        assertThat(LedgerReader.byId(tmp, StoreConfig.EMBEDDED, "c")).isEmpty();
    }

    @Test
    void findsAnEventStillOnlyInTheSqliteLedgersJournal() throws Exception {
        try (JournaledLedger ledger = JournaledLedger.open(new LedgerConfig(tmp, 10, Duration.ofMillis(20)))) {
            ledger.record(Events.simple("first", 0));
        }
        JournalFiles.writeOrphanJournal(tmp, 1 << 16, List.of(Events.simple("journaled", 5)));
        try (LedgerDb db = LedgerDb.openReadOnly(tmp.resolve("freeport.db"))) {
            assertThat(db.byId("journaled")).as("not in the database").isEmpty();
            assertThat(db.byId("first")).isPresent();
        }
        assertThat(LedgerReader.byId(tmp, StoreConfig.EMBEDDED, "journaled")).contains(Events.simple("journaled", 5));
    }

    @Test
    void findsAnEventOfAnotherReplicaInPostgresAndOneStillInTheLocalJournal() throws Exception {
        try (PostgresServer server = PostgresServer.start()) {
            StoreConfig pg = new StoreConfig(StoreConfig.Kind.POSTGRES, server.newDatabase(), server.user(), null, 2);
            try (JournaledLedger other = JournaledLedger.open(
                    new LedgerConfig(tmp.resolve("other"), 10, Duration.ofMillis(20)), pg)) {
                other.record(Events.withFacts("shared"));
                other.flush();
            }
            Path mine = tmp.resolve("mine");
            JournalFiles.writeOrphanJournal(mine, 1 << 16, List.of(Events.simple("local", 5)));
            assertThat(LedgerReader.byId(null, pg, "local")).as("not in the database").isEmpty();
            assertThat(LedgerReader.byId(mine, pg, "local")).contains(Events.simple("local", 5));
            assertThat(LedgerReader.byId(mine, pg, "shared")).contains(Events.withFacts("shared"));
        }
    }
}
