package dev.freeport.ledger;

/** Served requests (ok or cut) of one provider over a time range: count, cost, input + output tokens. */
public record ProviderTotals(String provider, long requests, long costNanos, long tokens) {

    static final String SQL = "SELECT provider, COUNT(*), COALESCE(SUM(cost_nanos), 0), "
            + "COALESCE(SUM(input_tokens + output_tokens), 0) FROM usage_events "
            + "WHERE time_ms >= ? AND provider IS NOT NULL AND status IN ('OK', 'CUT') GROUP BY provider";

    static java.util.List<ProviderTotals> query(java.sql.Connection c, java.time.Instant since)
            throws java.sql.SQLException {
        java.util.List<ProviderTotals> out = new java.util.ArrayList<>();
        try (java.sql.PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setLong(1, since.toEpochMilli());
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ProviderTotals(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                }
            }
        }
        return out;
    }
}
