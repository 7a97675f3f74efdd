package dev.freeport.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What retention deleted, kept as spend: per budget subject ("key:" + key_id, "team:" + team) and UTC day, the
 * summed cost of the events a prune removed (table {@code pruned_spend}, migration step 6). Written in the same
 * transaction as the delete, from the very rows it removed ({@code DELETE ... RETURNING}, SQLite 3.35+ and
 * PostgreSQL), so a budget's starting spend ({@link SpendSince}) is the same before and after a prune: a
 * {@code total} budget is not refilled by retention. Budget periods start at UTC midnight, so a day's bucket is
 * either inside a period or not; a period read up to a moment inside a day counts that day's pruned spend whole
 * (stricter, never looser).
 */
final class PrunedSpend {
    static final long DAY_MS = 86_400_000L;

    static final String DELETE = "DELETE FROM usage_events WHERE id IN (SELECT id FROM usage_events "
            + "WHERE time_ms < ? ORDER BY time_ms LIMIT ?) RETURNING key_id, team, time_ms, cost_nanos";
    private static final String UPSERT = "INSERT INTO pruned_spend (subject, day_ms, cost_nanos) VALUES (?, ?, ?) "
            + "ON CONFLICT (subject, day_ms) DO UPDATE SET cost_nanos = pruned_spend.cost_nanos + excluded.cost_nanos";
    private static final String SUM = "SELECT COALESCE(SUM(cost_nanos), 0) FROM pruned_spend "
            + "WHERE subject = ? AND day_ms < ? AND day_ms > ?";

    private record Bucket(String subject, long dayMs) {
    }

    private PrunedSpend() {
    }

    /**
     * Deletes the oldest {@code limit} events with time < cutoff and adds their cost to their subjects' days; the
     * caller holds the transaction. Returns how many events went.
     */
    static int deleteKeeping(Connection c, Instant cutoff, int limit) throws SQLException {
        Map<Bucket, Long> sums = new HashMap<>();
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement(DELETE)) {
            ps.setLong(1, cutoff.toEpochMilli());
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    n++;
                    long cost = rs.getLong(4);
                    if (cost == 0) {
                        continue;
                    }
                    long day = Math.floorDiv(rs.getLong(3), DAY_MS) * DAY_MS;
                    add(sums, "key:", rs.getString(1), day, cost);
                    add(sums, "team:", rs.getString(2), day, cost);
                }
            }
        }
        if (!sums.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
                for (Map.Entry<Bucket, Long> e : sums.entrySet()) {
                    ps.setString(1, e.getKey().subject());
                    ps.setLong(2, e.getKey().dayMs());
                    ps.setLong(3, e.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        return n;
    }

    private static void add(Map<Bucket, Long> sums, String prefix, String id, long day, long cost) {
        if (id != null) {
            sums.merge(new Bucket(prefix + id, day), cost, Long::sum);
        }
    }

    /** What retention deleted of {@code subject}'s spend on the UTC days that overlap [since, until). */
    static long query(Connection c, String subject, Instant since, Instant until) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SUM)) {
            ps.setString(1, subject);
            ps.setLong(2, until.toEpochMilli());
            ps.setLong(3, since.toEpochMilli() - DAY_MS);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }
}
