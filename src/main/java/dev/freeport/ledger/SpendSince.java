package dev.freeport.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * What one budget subject spent in a time range: the sum of cost_nanos of the events of a key ("key:" + key_id)
 * or a team ("team:" + team) with since <= time < until. One range scan of the covering index
 * usage_events_key_spend or usage_events_team_spend (subject, time_ms, cost_nanos), in SQLite and PostgreSQL: it
 * reads only that subject's entries of the range, never the table; plus what retention deleted of it in the range
 * ({@link PrunedSpend}). The budgets' counters start from it ({@code limits.LedgerBaseline}).
 */
public final class SpendSince {
    static final String BY_KEY = "SELECT COALESCE(SUM(cost_nanos), 0) FROM usage_events "
            + "WHERE key_id = ? AND time_ms >= ? AND time_ms < ?";
    static final String BY_TEAM = "SELECT COALESCE(SUM(cost_nanos), 0) FROM usage_events "
            + "WHERE team = ? AND time_ms >= ? AND time_ms < ?";

    private SpendSince() {
    }

    /** Nano-dollars {@code subject} ("key:ID" or "team:NAME"; anything else: 0) spent in [since, until). */
    static long query(Connection c, String subject, Instant since, Instant until) throws SQLException {
        String sql = subject.startsWith("key:") ? BY_KEY : subject.startsWith("team:") ? BY_TEAM : null;
        if (sql == null) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, subject.substring(subject.indexOf(':') + 1));
            ps.setLong(2, since.toEpochMilli());
            ps.setLong(3, until.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                return (rs.next() ? rs.getLong(1) : 0) + PrunedSpend.query(c, subject, since, until);
            }
        }
    }

    /** The same sum over events in memory (ledgers without a database). */
    static long of(List<UsageEvent> events, String subject, Instant until) {
        long sum = 0;
        for (UsageEvent e : events) {
            String key = e.keyId() == null ? null : "key:" + e.keyId();
            String team = e.facts().team() == null ? null : "team:" + e.facts().team();
            if ((subject.equals(key) || subject.equals(team)) && e.time().isBefore(until)) {
                sum += e.costNanos();
            }
        }
        return sum;
    }
}
