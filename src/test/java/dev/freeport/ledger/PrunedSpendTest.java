package dev.freeport.ledger;

import dev.freeport.config.StoreConfig;
import dev.freeport.testing.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention deletes events but not spend: a budget subject's spend in any range (a total budget's, a day's) is
 * the same before and after a prune, in SQLite and PostgreSQL, over several batches.
 */
class PrunedSpendTest {
    private static PostgresServer server;

    @TempDir
    Path dir;

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** 60 events a day over 4 days from 40 days ago, every 24 minutes: key k1 and team t1, or key k2 alone. */
    private static List<UsageEvent> history(Instant now) {
        Instant from = now.minus(Duration.ofDays(40)).truncatedTo(ChronoUnit.DAYS);
        List<UsageEvent> out = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            UsageEvent e = Events.ok("e" + i, from.plus(Duration.ofMinutes(24L * i)), "m", "p", "x", 10, 10, 0,
                    1_000 + i, 5);
            boolean first = i % 3 != 0;
            out.add(UsageEvent.builder(e.id(), e.time()).caller(e.caller()).endpoint(e.endpoint()).alias(e.alias())
                    .target(e.provider(), e.upstreamModel()).attempts(1)
                    .outcome(e.status(), e.httpStatus(), null, null).stream(false)
                    .usage(new dev.freeport.api.Usage(10, 10, 0, 0, 0, false)).costNanos(e.costNanos())
                    .latency(5, 5L).keyId(first ? "k1" : "k2")
                    .facts(first ? new RequestFacts(null, "t1", null, null, null, 0, null, 0, null, null, false,
                            null) : RequestFacts.NONE).build());
        }
        return out;
    }

    private static void pruneKeepsSpend(LedgerStore store) throws Exception {
        Instant now = Instant.now();
        List<UsageEvent> events = history(now);
        store.insert(events);
        Instant from = events.get(0).time();
        Instant day2 = from.plus(Duration.ofDays(1));
        Instant cutoff = from.plus(Duration.ofDays(2)).plus(Duration.ofHours(5)); // mid-day: part of day 3 goes
        List<String> subjects = List.of("key:k1", "key:k2", "team:t1");
        List<Long> total = new ArrayList<>();
        List<Long> secondDay = new ArrayList<>();
        for (String s : subjects) {
            total.add(store.spendOf(s, Instant.EPOCH, now));
            secondDay.add(store.spendOf(s, day2, day2.plus(Duration.ofDays(1))));
        }
        assertThat(total).allMatch(t -> t > 0);
        int deleted = 0;
        int n;
        while ((n = store.deleteBefore(cutoff, 7)) > 0) {
            deleted += n;
        }
        assertThat(deleted).isEqualTo(133); // 2 days of 60, and 13 of day 3 (00:00 .. 04:48)
        for (int i = 0; i < subjects.size(); i++) {
            assertThat(store.spendOf(subjects.get(i), Instant.EPOCH, now)).as(subjects.get(i)).isEqualTo(total.get(i));
            assertThat(store.spendOf(subjects.get(i), day2, day2.plus(Duration.ofDays(1)))).as(subjects.get(i))
                    .isEqualTo(secondDay.get(i));
        }
        assertThat(store.spendOf("key:k1", now.minus(Duration.ofDays(1)), now)).isZero();
    }

    @Test
    void sqliteRetentionKeepsABudgetsSpend() throws Exception {
        try (LedgerDb db = LedgerDb.openWritable(dir.resolve("freeport.db"))) {
            pruneKeepsSpend(db);
        }
    }

    @Test
    void postgresRetentionKeepsABudgetsSpend() throws Exception {
        server = server == null ? PostgresServer.start() : server;
        StoreConfig pg = new StoreConfig(StoreConfig.Kind.POSTGRES, server.newDatabase(), server.user(), null, 4);
        try (PgLedgerStore store = PgLedgerStore.open(pg, "replica-a")) {
            pruneKeepsSpend(store);
        }
    }
}
