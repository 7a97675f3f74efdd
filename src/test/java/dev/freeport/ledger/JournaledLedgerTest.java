package dev.freeport.ledger;

import dev.freeport.config.LedgerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournaledLedgerTest {

    @TempDir
    Path dir;

    private LedgerConfig cfg(int batch, Duration interval) {
        return new LedgerConfig(dir, batch, interval);
    }

    private static List<UsageEvent> events(String prefix, int n) {
        List<UsageEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Events.simple(prefix + i, i));
        }
        return out;
    }

    @Test
    void sinceReturnsRecordedEventsOldestFirstAndKeepsEveryField() {
        try (JournaledLedger ledger = JournaledLedger.open(cfg(100, Duration.ofHours(1)))) {
            UsageEvent late = Events.simple("b", 5000);
            UsageEvent early = Events.withStatus("a", Events.T0.plusMillis(10), "x", UsageEvent.Status.CUT, 7, 9);
            UsageEvent tooOld = Events.simple("old", -60_000);
            ledger.record(late);
            ledger.record(early);
            ledger.record(tooOld);
            assertThat(ledger.since(Events.T0)).containsExactly(early, late);
        }
    }

    @Test
    void replaysOrphanJournalAndSkipsTornTailWhenCrcDoesNotMatch() throws Exception {
        List<UsageEvent> written = events("e", 50);
        long[] ends = JournalFiles.writeOrphanJournal(dir, 1 << 20, written);
        Path seg = JournalFiles.segments(dir).get(0);
        // the process died while copying record 50: its last payload bytes never arrived
        JournalFiles.overwrite(seg, ends[49] - 3, new byte[] {0, 0, 0});
        try (JournaledLedger ledger = JournaledLedger.open(cfg(16, Duration.ofHours(1)))) {
            assertThat(ledger.replayStats()).isEqualTo(new JournaledLedger.ReplayStats(1, 49, 49, 1));
            assertThat(ledger.since(Instant.EPOCH)).containsExactlyElementsOf(written.subList(0, 49));
        }
    }

    @Test
    void replaysOrphanJournalAndSkipsRecordCutByTruncation() throws Exception {
        List<UsageEvent> written = events("t", 20);
        long[] ends = JournalFiles.writeOrphanJournal(dir, 1 << 20, written);
        Path seg = JournalFiles.segments(dir).get(0);
        JournalFiles.truncate(seg, ends[19] - 10);
        try (JournaledLedger ledger = JournaledLedger.open(cfg(16, Duration.ofHours(1)))) {
            assertThat(ledger.replayStats().tornRecords()).isEqualTo(1);
            assertThat(ledger.since(Instant.EPOCH)).containsExactlyElementsOf(written.subList(0, 19));
        }
    }

    @Test
    void replaySkipsGarbageAfterLastCompleteRecord() throws Exception {
        List<UsageEvent> written = events("g", 10);
        long[] ends = JournalFiles.writeOrphanJournal(dir, 1 << 20, written);
        Path seg = JournalFiles.segments(dir).get(0);
        JournalFiles.overwrite(seg, ends[9], new byte[] {0x12, 0x34, 0x56, 0x78, 1, 2, 3, 4, 5, 6, 7});
        try (JournaledLedger ledger = JournaledLedger.open(cfg(16, Duration.ofHours(1)))) {
            assertThat(ledger.replayStats().tornRecords()).isEqualTo(1);
            assertThat(ledger.since(Instant.EPOCH)).containsExactlyElementsOf(written);
        }
    }

    @Test
    void replayingTheSameEventsTwiceStoresThemOnce() throws Exception {
        List<UsageEvent> written = events("r", 30);
        JournalFiles.writeOrphanJournal(dir, 1 << 20, written);
        try (JournaledLedger ledger = JournaledLedger.open(cfg(7, Duration.ofHours(1)))) {
            assertThat(ledger.replayStats().inserted()).isEqualTo(30);
        }
        // a crash between the database commit and the segment delete leaves the same events in the journal
        JournalFiles.writeOrphanJournal(dir, 1 << 20, written);
        try (JournaledLedger ledger = JournaledLedger.open(cfg(7, Duration.ofHours(1)))) {
            assertThat(ledger.replayStats().events()).isEqualTo(30);
            assertThat(ledger.replayStats().inserted()).isZero();
            assertThat(ledger.since(Instant.EPOCH)).hasSize(30);
        }
    }

    @Test
    void recordingTheSameIdTwiceKeepsTheFirst() {
        try (JournaledLedger ledger = JournaledLedger.open(cfg(10, Duration.ofMillis(20)))) {
            UsageEvent first = Events.simple("same", 1);
            ledger.record(first);
            ledger.flush();
            ledger.record(Events.simple("same", 2));
            assertThat(ledger.since(Instant.EPOCH)).containsExactly(first);
        }
    }

    @Test
    void eightThreadsOfFiveThousandEventsAreAllStoredOnce() throws Exception {
        int threads = 8;
        int perThread = 5000;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (JournaledLedger ledger = JournaledLedger.open(cfg(500, Duration.ofMillis(20)), 256 * 1024)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int tt = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        ledger.record(Events.simple("t" + tt + "-" + i, i));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
            List<UsageEvent> all = ledger.since(Instant.EPOCH);
            Set<String> ids = new HashSet<>();
            all.forEach(e -> ids.add(e.id()));
            assertThat(all).hasSize(threads * perThread);
            assertThat(ids).hasSize(threads * perThread);
        } finally {
            pool.shutdownNow();
        }
        assertThat(JournalFiles.segments(dir)).isEmpty();
    }

    @Test
    void rotatesFullSegmentsAndDeletesThemOnceInTheDatabase() throws Exception {
        try (JournaledLedger ledger = JournaledLedger.open(cfg(50, Duration.ofMillis(10)), 8 * 1024)) {
            for (int i = 0; i < 400; i++) {
                ledger.record(Events.simple("s" + i, i));
            }
            ledger.flush();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (JournalFiles.segments(dir).size() > 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            List<Path> left = JournalFiles.segments(dir);
            assertThat(left).hasSizeLessThanOrEqualTo(2); // the active one and the prepared spare
            assertThat(JournalSegment.numberOf(left.get(0))).isGreaterThan(5); // early segments are gone
            assertThat(ledger.since(Instant.EPOCH)).hasSize(400);
            assertThat(ledger.lastError()).isNull();
        }
    }

    @Test
    void closeMovesEverythingAndLeavesNoJournal() throws Exception {
        try (JournaledLedger ledger = JournaledLedger.open(cfg(1000, Duration.ofHours(1)))) {
            events("c", 100).forEach(ledger::record);
        }
        assertThat(JournalFiles.segments(dir)).isEmpty();
        try (JournaledLedger ledger = JournaledLedger.open(cfg(1000, Duration.ofHours(1)))) {
            assertThat(ledger.replayStats().segments()).isZero();
            assertThat(ledger.since(Instant.EPOCH)).hasSize(100);
        }
    }

    @Test
    void recordAfterCloseIsRefused() {
        JournaledLedger ledger = JournaledLedger.open(cfg(10, Duration.ofSeconds(1)));
        ledger.close();
        assertThatThrownBy(() -> ledger.record(Events.simple("late", 0))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void secondWriterOnTheSameDataDirIsRefused() {
        try (JournaledLedger first = JournaledLedger.open(cfg(10, Duration.ofSeconds(1)))) {
            assertThatThrownBy(() -> JournaledLedger.open(cfg(10, Duration.ofSeconds(1))))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("already open");
            first.record(Events.simple("still-works", 0));
        }
        JournaledLedger.open(cfg(10, Duration.ofSeconds(1))).close();
    }

    @Test
    void storesRequestFactsInTheDatabase() {
        try (JournaledLedger ledger = JournaledLedger.open(cfg(10, Duration.ofSeconds(1)))) {
            ledger.record(Events.withFacts("with-facts"));
            assertThat(ledger.since(Instant.EPOCH)).singleElement()
                    .extracting(UsageEvent::facts).isEqualTo(Events.FACTS);
        }
    }

    @Test
    void keepsAnUnknownCostAndAYuanAmountThroughTheJournalAndTheDatabase() {
        UsageEvent unknown = Events.simple("unknown", 1).toBuilder().costNanos(0).cost(CostDetail.UNKNOWN).build();
        UsageEvent yuan = Events.simple("yuan", 2).toBuilder().costNanos(39_200_000)
                .cost(CostDetail.original("CNY", 280_000_000, true)).build();
        UsageEvent unconverted = Events.simple("unconverted", 3).toBuilder().costNanos(0)
                .cost(CostDetail.original("CNY", 280_000_000, false)).build();
        try (JournaledLedger ledger = JournaledLedger.open(cfg(10, Duration.ofHours(1)))) {
            ledger.record(unknown);
            ledger.record(yuan);
            ledger.record(unconverted);
            assertThat(ledger.since(Instant.EPOCH)).containsExactly(unknown, yuan, unconverted); // from the journal
        }
        try (JournaledLedger reopened = JournaledLedger.open(cfg(10, Duration.ofHours(1)))) {
            List<UsageEvent> stored = reopened.since(Instant.EPOCH);                            // from SQLite
            assertThat(stored).containsExactly(unknown, yuan, unconverted);
            assertThat(stored).extracting(UsageEvent::costKnown).containsExactly(false, true, false);
        }
    }

    @Test
    void keepsACacheHitAndItsSavingThroughTheJournalAndTheDatabase() {
        UsageEvent hit = Events.simple("hit", 1).toBuilder().costNanos(0).cache("semantic", 1_234_567).build();
        UsageEvent miss = Events.simple("miss", 2).toBuilder().cache("miss", 0).build();
        try (JournaledLedger ledger = JournaledLedger.open(cfg(10, Duration.ofHours(1)))) {
            ledger.record(hit);
            ledger.record(miss);
            assertThat(ledger.since(Instant.EPOCH)).containsExactly(hit, miss); // from the journal
        }
        try (JournaledLedger reopened = JournaledLedger.open(cfg(10, Duration.ofHours(1)))) {
            List<UsageEvent> stored = reopened.since(Instant.EPOCH);            // from SQLite
            assertThat(stored).containsExactly(hit, miss);
            assertThat(stored.getFirst().savedNanos()).isEqualTo(1_234_567);
            assertThat(stored.getFirst().cacheHit()).isTrue();
        }
    }

    @Test
    void createsVersionedSchema() throws Exception {
        JournaledLedger.open(cfg(10, Duration.ofSeconds(1))).close();
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("freeport.db"))) {
            assertThat(LedgerSchema.currentVersion(c)).isEqualTo(LedgerSchema.LATEST).isEqualTo(8);
            try (var rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("wal");
            }
        }
    }
}
