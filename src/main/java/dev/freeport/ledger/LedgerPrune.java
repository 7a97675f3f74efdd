package dev.freeport.ledger;

import dev.freeport.config.ConfigUnits;
import dev.freeport.config.LedgerConfig;
import dev.freeport.config.StoreConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code freeport ledger prune}: deletes the events a retention (the config's, or {@code --older-than}) no longer
 * keeps, in the same batches as the gateway's own hourly run, and says what went. Works next to a running gateway:
 * with SQLite it waits for the database lock between the gateway's inserts, with PostgreSQL it takes turns with the
 * replicas (one batch at a time under an advisory lock). {@code vacuum} rewrites an SQLite file without its free
 * pages, which deletes alone leave in the file for new events to reuse.
 */
public final class LedgerPrune {

    /** How long to wait for replicas that are deleting batches themselves before giving up. */
    private static final Duration BUSY_WAIT = Duration.ofSeconds(60);

    /**
     * @param cutoff     events older than this were (or would be) removed; null when nothing was asked
     * @param reason     why this cutoff: "older than 30d", "retention 90d", "max_size 1GiB"
     * @param matched    the events before the cutoff when the prune began
     * @param deleted    how many were deleted (0 in a dry run)
     * @param dryRun     nothing was deleted
     * @param database   where: the SQLite file or "PostgreSQL"
     * @param fileBytes  SQLite file size after the prune (and vacuum), -1 for PostgreSQL
     * @param freeBytes  SQLite free pages in it, -1 for PostgreSQL
     * @param vacuumed   the file was rewritten without free pages
     */
    public record Result(Instant cutoff, String reason, PrunedEvents matched, long deleted, boolean dryRun,
                         String database, long fileBytes, long freeBytes, boolean vacuumed) {
    }

    private LedgerPrune() {
    }

    /**
     * Prunes the ledger of {@code dataDir} (SQLite) or the shared PostgreSQL of {@code store}.
     *
     * @param policy    the config's ledger section (retention and max_size)
     * @param olderThan overrides the policy: every event older than this goes
     * @throws IllegalStateException when there is no ledger or the database fails
     */
    public static Result run(Path dataDir, StoreConfig store, LedgerConfig policy, Duration olderThan,
                             boolean dryRun, boolean vacuum) {
        boolean pg = store != null && store.kind() == StoreConfig.Kind.POSTGRES;
        Path file = dataDir == null ? null : dataDir.resolve("freeport.db");
        if (!pg && (file == null || !Files.isRegularFile(file))) {
            throw new IllegalStateException("no ledger database at " + (file == null ? "?" : file.toAbsolutePath()));
        }
        String where = pg ? "PostgreSQL" : file.toAbsolutePath().toString();
        try (LedgerStore db = pg ? PgLedgerStore.openReader(store) : LedgerDb.openWritable(file)) {
            Instant now = Instant.now();
            Instant cutoff;
            String reason;
            if (olderThan != null) {
                cutoff = now.minus(olderThan);
                reason = "older than " + days(olderThan);
            } else {
                cutoff = new Retention(db, policy.retention(), policy.maxSize(), Clock.systemUTC(), Retention.EVERY)
                        .cutoff(now);
                reason = reason(policy, cutoff, now);
            }
            PrunedEvents matched = cutoff == null ? PrunedEvents.NONE : db.before(cutoff);
            long deleted = dryRun || matched.events() == 0 ? 0 : deleteAll(db, cutoff);
            boolean vacuumed = false;
            if (db instanceof LedgerDb sqlite) {
                if (vacuum && !dryRun) {
                    sqlite.vacuum();
                    vacuumed = true;
                }
                long size = sqlite.fileBytes();
                return new Result(cutoff, reason, matched, deleted, dryRun, where, size, size - sqlite.usedBytes(),
                        vacuumed);
            }
            return new Result(cutoff, reason, matched, deleted, dryRun, where, -1, -1, false);
        } catch (SQLException e) {
            throw new IllegalStateException("ledger prune failed: " + e.getMessage(), e);
        }
    }

    private static long deleteAll(LedgerStore db, Instant cutoff) throws SQLException {
        long deleted = 0;
        long giveUp = System.nanoTime() + BUSY_WAIT.toNanos();
        while (true) {
            int n = db.deleteBefore(cutoff, Retention.BATCH);
            if (n < 0) {
                if (System.nanoTime() > giveUp) {
                    throw new IllegalStateException("another replica kept deleting for " + BUSY_WAIT.toSeconds()
                            + " s; " + deleted + " events deleted so far, run it again later");
                }
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
                continue;
            }
            deleted += n;
            if (n < Retention.BATCH) {
                return deleted;
            }
        }
    }

    private static String reason(LedgerConfig policy, Instant cutoff, Instant now) {
        if (cutoff == null) {
            return policy.retention() == null ? "retention forever" : "retention " + days(policy.retention());
        }
        if (policy.retention() != null && !cutoff.isAfter(now.minus(policy.retention()))) {
            return "retention " + days(policy.retention());
        }
        return "max_size " + ConfigUnits.formatSize(policy.maxSize());
    }

    private static String days(Duration d) {
        return d.toMillis() % 86_400_000 == 0 ? d.toDays() + "d" : ConfigUnits.formatDuration(d);
    }
}
