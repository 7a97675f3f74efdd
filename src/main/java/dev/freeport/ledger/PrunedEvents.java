package dev.freeport.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * The events before a cutoff, which retention deletes: how many, their time range and cost (what {@code freeport
 * ledger prune} prints), and the SQL both ledger databases use to find and delete them, oldest first, a batch at a
 * time.
 *
 * @param events    how many
 * @param oldest    the oldest one's time (null when none)
 * @param newest    the newest one's time (null when none)
 * @param costNanos their summed cost
 */
public record PrunedEvents(long events, Instant oldest, Instant newest, long costNanos) {

    static final PrunedEvents NONE = new PrunedEvents(0, null, null, 0);
    static final String BEFORE = "SELECT COUNT(*), MIN(time_ms), MAX(time_ms), COALESCE(SUM(cost_nanos), 0) "
            + "FROM usage_events WHERE time_ms < ?";
    static final String TIME_AT = "SELECT time_ms FROM usage_events ORDER BY time_ms LIMIT 1 OFFSET ?";

    /** The sum of two batches' figures (the second newer). */
    PrunedEvents plus(PrunedEvents o) {
        if (events == 0) {
            return o;
        }
        if (o.events == 0) {
            return this;
        }
        return new PrunedEvents(events + o.events, oldest, o.newest, costNanos + o.costNanos);
    }

    /** Events with time < cutoff (one range scan of the time index). */
    static PrunedEvents before(Connection c, Instant cutoff) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(BEFORE)) {
            ps.setLong(1, cutoff.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long n = rs.getLong(1);
                return n == 0 ? NONE : new PrunedEvents(n, Instant.ofEpochMilli(rs.getLong(2)),
                        Instant.ofEpochMilli(rs.getLong(3)), rs.getLong(4));
            }
        }
    }

    /**
     * Deletes the oldest {@code limit} events with time < cutoff, keeping their cost per budget subject and day
     * ({@link PrunedSpend}); returns how many went. The caller holds the transaction.
     */
    static int delete(Connection c, Instant cutoff, int limit) throws SQLException {
        return PrunedSpend.deleteKeeping(c, cutoff, limit);
    }

    /** Journal-segment marks older than the cutoff (diagnostics only; no replay reads them). */
    static void deleteSegmentMarks(Connection c, Instant cutoff) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM journal_segments_done WHERE done_at_ms < ?")) {
            ps.setLong(1, cutoff.toEpochMilli());
            ps.executeUpdate();
        }
    }

    /** The time of the event at {@code offset} in time order (0 is the oldest), if there are that many. */
    static Optional<Instant> timeAt(Connection c, long offset) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(TIME_AT)) {
            ps.setLong(1, offset);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Instant.ofEpochMilli(rs.getLong(1))) : Optional.empty();
            }
        }
    }
}
