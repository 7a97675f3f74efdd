package dev.freeport.ledger;

import dev.freeport.api.Usage;
import dev.freeport.config.LedgerConfig;
import dev.freeport.config.StoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Retention of the embedded ledger: by age on the ledger's own thread, by size, in batches. */
class RetentionTest {

    @TempDir
    Path dir;

    private static UsageEvent at(String id, Instant time) {
        UsageEvent e = Events.simple(id, 0);
        return UsageEvent.builder(e.id(), time).caller(e.caller()).endpoint(e.endpoint()).alias(e.alias())
                .target(e.provider(), e.upstreamModel()).attempts(e.attempts())
                .outcome(e.status(), e.httpStatus(), e.errorKind(), e.errorMessage()).stream(e.stream())
                .usage(new Usage(e.inputTokens(), e.outputTokens(), e.cachedInputTokens(), e.cacheCreationTokens(), e.reasoningTokens(), e.estimated()))
                .costNanos(e.costNanos()).latency(e.latencyMillis(), e.ttftMillis()).facts(e.facts()).build();
    }

    private static List<UsageEvent> series(String prefix, Instant from, int n, Duration step) {
        List<UsageEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(at(prefix + i, from.plus(step.multipliedBy(i))));
        }
        return out;
    }

    @Test
    void ledgerThreadDeletesEventsOlderThanTheRetentionAndKeepsTheRest() throws Exception {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        LedgerConfig cfg = new LedgerConfig(dir, 100, Duration.ofMillis(10), Duration.ofDays(30), 0);
        try (JournaledLedger ledger = JournaledLedger.open(cfg, StoreConfig.EMBEDDED,
                JournaledLedger.DEFAULT_SEGMENT_BYTES, Duration.ofMillis(50))) {
            series("old", now.minus(Duration.ofDays(40)), 50, Duration.ofHours(1)).forEach(ledger::record);
            List<UsageEvent> recent = series("new", now.minus(Duration.ofDays(29)), 50, Duration.ofHours(1));
            recent.forEach(ledger::record);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (ledger.since(Instant.EPOCH).size() > 50 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(ledger.since(Instant.EPOCH)).containsExactlyElementsOf(recent);
        }
    }

    @Test
    void runDeletesMoreThanOneBatchWithoutWaitingForTheNextRun() throws Exception {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        try (LedgerDb db = LedgerDb.openWritable(dir.resolve("freeport.db"))) {
            db.insert(series("old", now.minus(Duration.ofDays(100)), Retention.BATCH * 2 + 7, Duration.ofSeconds(1)));
            db.insert(series("new", now.minus(Duration.ofDays(1)), 10, Duration.ofSeconds(1)));
            Retention r = new Retention(db, Duration.ofDays(90), 0, Clock.systemUTC(), Duration.ofHours(1));

            assertThat(r.step()).isTrue();
            assertThat(r.step()).isTrue();
            assertThat(r.step()).isFalse();
            assertThat(db.count()).isEqualTo(10);
            assertThat(r.step()).as("the next run is an hour away").isFalse();
        }
    }

    @Test
    void sizeBoundDeletesTheOldestEventsUntilTheDatabaseFits() throws Exception {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        try (LedgerDb db = LedgerDb.openWritable(dir.resolve("freeport.db"))) {
            List<UsageEvent> all = series("e", now.minus(Duration.ofDays(5)), 20_000, Duration.ofSeconds(10));
            for (int i = 0; i < all.size(); i += 1000) {
                db.insert(all.subList(i, i + 1000));
            }
            long bound = db.usedBytes() / 2;
            Retention r = new Retention(db, null, bound, Clock.systemUTC(), Duration.ofHours(1));

            while (r.step()) {
                // one batch a call
            }

            assertThat(db.usedBytes()).isLessThanOrEqualTo(bound);
            List<UsageEvent> kept = db.since(Instant.EPOCH);
            assertThat(kept).hasSizeBetween(5_000, 12_000);
            assertThat(kept).isEqualTo(all.subList(all.size() - kept.size(), all.size()));
        }
    }

    @Test
    void pruneCommandDeletesOlderThanAndReportsWhatWent() throws Exception {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        try (LedgerDb db = LedgerDb.openWritable(dir.resolve("freeport.db"))) {
            db.insert(series("old", now.minus(Duration.ofDays(50)), 20, Duration.ofHours(1)));
            db.insert(series("new", now.minus(Duration.ofDays(10)), 5, Duration.ofHours(1)));
        }
        LedgerConfig policy = new LedgerConfig(dir, 10, Duration.ofSeconds(1), Duration.ofDays(90), 0);

        LedgerPrune.Result dry = LedgerPrune.run(dir, StoreConfig.EMBEDDED, policy, Duration.ofDays(30), true, false);
        LedgerPrune.Result real = LedgerPrune.run(dir, StoreConfig.EMBEDDED, policy, Duration.ofDays(30), false, true);

        assertThat(dry.matched().events()).isEqualTo(20);
        assertThat(dry.matched().costNanos()).isEqualTo(20 * 1234L);
        assertThat(dry.deleted()).isZero();
        assertThat(real.deleted()).isEqualTo(20);
        assertThat(real.vacuumed()).isTrue();
        assertThat(real.freeBytes()).isZero();
        try (LedgerDb db = LedgerDb.openWritable(dir.resolve("freeport.db"))) {
            assertThat(db.since(Instant.EPOCH)).extracting(UsageEvent::id).allMatch(id -> id.startsWith("new"));
        }
    }
}
