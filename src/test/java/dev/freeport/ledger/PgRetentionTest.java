package dev.freeport.ledger;

import dev.freeport.api.Usage;
import dev.freeport.config.StoreConfig;
import dev.freeport.testing.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import static org.assertj.core.api.Assertions.assertThat;

/** Retention with the shared PostgreSQL: replicas prune the same table without deadlocks or double work. */
class PgRetentionTest {

    private static PostgresServer server;
    private StoreConfig pg;

    @BeforeAll
    static void startServer() {
        server = PostgresServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void freshDatabase() {
        pg = new StoreConfig(StoreConfig.Kind.POSTGRES, server.newDatabase(), server.user(), null, 4);
    }

    private static List<UsageEvent> series(String prefix, Instant from, int n) {
        List<UsageEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            UsageEvent e = Events.simple(prefix + i, 0);
            out.add(UsageEvent.builder(e.id(), from.plusSeconds(i)).caller(e.caller()).endpoint(e.endpoint())
                    .alias(e.alias()).target(e.provider(), e.upstreamModel()).attempts(e.attempts())
                    .outcome(e.status(), e.httpStatus(), e.errorKind(), e.errorMessage()).stream(e.stream())
                    .usage(new Usage(e.inputTokens(), e.outputTokens(), e.cachedInputTokens(), e.cacheCreationTokens(), e.reasoningTokens(), e.estimated()))
                    .costNanos(e.costNanos()).latency(e.latencyMillis(), e.ttftMillis()).facts(e.facts()).build());
        }
        return out;
    }

    private static void insert(PgLedgerStore store, List<UsageEvent> events) throws Exception {
        for (int i = 0; i < events.size(); i += 2000) {
            store.insert(events.subList(i, Math.min(events.size(), i + 2000)));
        }
    }

    @Test
    void replicaFindingAnotherOneDeletingBacksOffAndDeletesNothing() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (PgLedgerStore store = PgLedgerStore.open(pg, "replica-a");
             Connection other = DriverManager.getConnection(pg.url(), pg.user(), null)) {
            insert(store, series("old", now.minus(Duration.ofDays(100)), 50));
            other.setAutoCommit(false);
            try (Statement st = other.createStatement()) {
                st.execute("SELECT pg_advisory_xact_lock(" + PgLedgerStore.PRUNE_LOCK + ")"); // mid-batch
            }

            assertThat(store.deleteBefore(now.minus(Duration.ofDays(90)), Retention.BATCH)).isEqualTo(-1);
            assertThat(store.count()).isEqualTo(50);

            other.rollback();
            assertThat(store.deleteBefore(now.minus(Duration.ofDays(90)), Retention.BATCH)).isEqualTo(50);
        }
    }

    @Test
    void threeReplicasDeletingAtOnceRemoveEachOldEventOnceAndKeepTheRest() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<PgLedgerStore> replicas = List.of(PgLedgerStore.open(pg, "a"), PgLedgerStore.open(pg, "b"),
                PgLedgerStore.open(pg, "c"));
        try {
            insert(replicas.get(0), series("old", now.minus(Duration.ofDays(100)), Retention.BATCH * 3 + 11));
            List<UsageEvent> recent = series("new", now.minus(Duration.ofDays(1)), 40);
            insert(replicas.get(1), recent);
            CyclicBarrier start = new CyclicBarrier(replicas.size());
            List<CompletableFuture<Long>> runs = new ArrayList<>();
            Instant cutoff = now.minus(Duration.ofDays(90));
            for (PgLedgerStore r : replicas) {
                runs.add(CompletableFuture.supplyAsync(() -> {
                    long deleted = 0;
                    try {
                        start.await();
                        while (true) {
                            int n = r.deleteBefore(cutoff, 1000);
                            if (n < 0) {
                                Thread.sleep(1); // another replica's turn
                                continue;
                            }
                            deleted += n;
                            if (n < 1000) {
                                return deleted;
                            }
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            long total = 0;
            for (CompletableFuture<Long> run : runs) {
                total += run.get();
            }

            assertThat(total).isEqualTo(Retention.BATCH * 3 + 11);
            assertThat(replicas.get(0).since(Instant.EPOCH)).containsExactlyElementsOf(recent);
        } finally {
            replicas.forEach(PgLedgerStore::close);
        }
    }
}
