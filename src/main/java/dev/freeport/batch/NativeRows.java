package dev.freeport.batch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The batch store's rows for native pass-through and leases: where each request was handed, the batches submitted
 * to providers' batch APIs (stored the moment the provider named them: a resumed batch polls them again, never
 * submits twice), and the lease by which one replica runs a batch. Blocking JDBC: keep it off event loops.
 */
final class NativeRows {
    private final BatchStore store;

    NativeRows(BatchStore store) {
        this.store = store;
    }

    /**
     * A request handed over (it has no answer yet): its request id, where it went, and what the budgets of its key
     * ({@code keyId}) and team hold for it.
     */
    void hand(String batchId, int idx, String requestId, String keyId, Batch.Handed h) {
        update("UPDATE batch_lines SET request_id = ?, handed_provider = ?, handed_model = ?, handed_alias = ?,"
                + " handed_body = ?, held_nanos = ?, held_ms = ?, held_key = ?, held_team = ? WHERE batch_id = ? AND"
                + " idx = ? AND outcome IS NULL", requestId, h.provider(), h.upstreamModel(), h.alias(), h.body(),
                h.heldNanos(), h.heldMs(), keyId, h.team(), batchId, idx);
    }

    /**
     * What handed-over requests hold of {@code subject}'s budget ("key:ID" or "team:NAME"; 0 for any other): the
     * holds charged in [{@code from}, {@code until}) and not released before {@code until}.
     */
    long held(String subject, long fromMs, long untilMs) {
        String column = subject.startsWith("key:") ? "held_key" : subject.startsWith("team:") ? "held_team" : null;
        if (column == null) {
            return 0;
        }
        try (Connection c = store.pool.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT"
                + " COALESCE(SUM(held_nanos), 0) FROM batch_lines WHERE held_ms >= ? AND held_ms < ? AND " + column
                + " = ? AND held_nanos > 0 AND (released_ms IS NULL OR released_ms >= ?)")) {
            ps.setLong(1, fromMs);
            ps.setLong(2, untilMs);
            ps.setString(3, subject.substring(subject.indexOf(':') + 1));
            ps.setLong(4, untilMs);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** The batch's provider batches, submitted or ended. */
    List<Batch.Upstream> upstreams(String batchId) {
        try (Connection c = store.pool.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT batch_id,"
                + " provider, upstream_id, status FROM batch_upstreams WHERE batch_id = ? ORDER BY provider")) {
            ps.setString(1, batchId);
            List<Batch.Upstream> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Batch.Upstream(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** A provider batch the provider accepted; its requests' bodies are no longer kept. */
    void submitted(String batchId, String provider, String upstreamId) {
        try (Connection c = store.pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO batch_upstreams (batch_id, provider,"
                    + " upstream_id) VALUES (?,?,?)");
                 PreparedStatement clear = c.prepareStatement("UPDATE batch_lines SET handed_body = NULL WHERE"
                         + " batch_id = ? AND handed_provider = ?")) {
                ins.setString(1, batchId);
                ins.setString(2, provider);
                ins.setString(3, upstreamId);
                ins.executeUpdate();
                clear.setString(1, batchId);
                clear.setString(2, provider);
                clear.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** A handed request its provider batch never ran (cancelled or expired there). */
    void unsent(String batchId, int idx, String outcome) {
        update("UPDATE batch_lines SET outcome = ?, released_ms = ? WHERE batch_id = ? AND idx = ? AND outcome IS NULL",
                outcome, System.currentTimeMillis(), batchId, idx);
    }

    /** A provider batch ended with {@code status} and its answers are stored. */
    void ended(String batchId, String provider, String status) {
        update("UPDATE batch_upstreams SET status = ? WHERE batch_id = ? AND provider = ?", status, batchId,
                provider);
    }

    /**
     * Claims (or renews) the lease on a batch for {@code owner} until {@code untilMs}: true when this replica may
     * run it (the lease was free, had run out, or was already its own). One atomic UPDATE: two replicas claiming
     * together cannot both win.
     */
    boolean claim(String batchId, String owner, long nowMs, long untilMs) {
        try (Connection c = store.pool.getConnection(); PreparedStatement ps = c.prepareStatement("UPDATE batches SET"
                + " lease_owner = ?, lease_until = ? WHERE id = ? AND (lease_until < ? OR lease_owner = ?)")) {
            ps.setString(1, owner);
            ps.setLong(2, untilMs);
            ps.setString(3, batchId);
            ps.setLong(4, nowMs);
            ps.setString(5, owner);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** Gives a lease up (a run that ended or stopped here), so another replica need not wait for it to run out. */
    void release(String batchId, String owner) {
        update("UPDATE batches SET lease_until = 0 WHERE id = ? AND lease_owner = ?", batchId, owner);
    }

    private void update(String sql, Object... args) {
        try (Connection c = store.pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof Integer n) {
                    ps.setInt(i + 1, n);
                } else if (args[i] instanceof Long n) {
                    ps.setLong(i + 1, n);
                } else {
                    ps.setString(i + 1, (String) args[i]);
                }
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private static IllegalStateException failed(SQLException e) {
        return new IllegalStateException("batch store native write/read failed: " + e.getMessage(), e);
    }
}
