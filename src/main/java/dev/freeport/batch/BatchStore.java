package dev.freeport.batch;

import com.zaxxer.hikari.HikariDataSource;
import dev.freeport.config.StoreConfig;
import dev.freeport.store.Migrations;
import dev.freeport.store.Pools;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The batch store on SQLite ({@code batches.db} in the ledger's data dir) or the shared PostgreSQL of
 * {@code store:}: files, batches, and each contained request with its answer once it has one. An answer is written
 * only over a request without one ({@code outcome IS NULL}), so a resumed batch sends only what has no answer.
 * Blocking JDBC: keep it off event loops.
 */
final class BatchStore implements AutoCloseable {
    static final String SUCCEEDED = "succeeded";
    static final String ERRORED = "errored";
    static final String CANCELED = "canceled";
    static final String EXPIRED = "expired";
    private static final String BATCH_COLUMNS = "id, owner, api, endpoint, status, input_file_id, output_file_id,"
            + " error_file_id, created_ms, expires_ms, ended_ms, cancel_ms, metadata, data_class";

    final HikariDataSource pool;
    private final int connections;

    private BatchStore(HikariDataSource pool, int connections, boolean postgres) {
        this.pool = pool;
        this.connections = connections;
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            if (!postgres) {
                st.executeQuery("PRAGMA journal_mode=WAL").close();
            }
            Migrations.apply(c, BatchSchema.SCHEMA, postgres ? Migrations.Dialect.POSTGRES : Migrations.Dialect.SQLITE);
        } catch (SQLException e) {
            pool.close();
            throw new IllegalStateException("batch store set-up failed: " + e.getMessage(), e);
        }
    }

    /** PostgreSQL when {@code store.type} is postgres, else SQLite {@code batches.db} in {@code dataDir}. */
    static BatchStore open(StoreConfig store, Path dataDir) {
        if (store.kind() == StoreConfig.Kind.POSTGRES) {
            int size = Math.max(2, Math.min(store.poolSize(), 4));
            return new BatchStore(Pools.postgres(store, size, "freeport-batch-pg"), size, true);
        }
        return new BatchStore(Pools.sqlite(dataDir, "batches.db", "freeport-batch-sqlite"), 1, false);
    }

    int connections() {
        return connections;
    }

    void putFile(Batch.File f, byte[] content) {
        try (Connection c = pool.getConnection()) {
            insertFile(c, f, content);
        } catch (SQLException e) {
            throw failed("file write", e);
        }
    }

    private static void insertFile(Connection c, Batch.File f, byte[] content) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO batch_files (id, owner, purpose, filename,"
                + " created_ms, bytes, content) VALUES (?,?,?,?,?,?,?)")) {
            ps.setString(1, f.id());
            ps.setString(2, f.owner());
            ps.setString(3, f.purpose());
            ps.setString(4, f.filename());
            ps.setLong(5, f.createdMs());
            ps.setLong(6, f.bytes());
            ps.setBytes(7, content);
            ps.executeUpdate();
        }
    }

    Optional<Batch.File> file(String id, String owner) {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT id, owner,"
                + " purpose, filename, created_ms, bytes FROM batch_files WHERE id = ? AND owner = ?")) {
            ps.setString(1, id);
            ps.setString(2, owner);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Batch.File(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getLong(5), rs.getLong(6))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failed("file read", e);
        }
    }

    Optional<byte[]> content(String id, String owner) {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT content FROM batch_files WHERE id = ? AND owner = ?")) {
            ps.setString(1, id);
            ps.setString(2, owner);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failed("file read", e);
        }
    }

    /** A new batch with its requests, in one transaction. */
    void create(Batch b, List<Batch.Line> lines) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO batches (" + BATCH_COLUMNS
                        + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                    ps.setString(1, b.id());
                    ps.setString(2, b.owner());
                    ps.setString(3, b.api());
                    ps.setString(4, b.endpoint());
                    ps.setString(5, b.status());
                    ps.setString(6, b.inputFileId());
                    ps.setString(7, b.outputFileId());
                    ps.setString(8, b.errorFileId());
                    ps.setLong(9, b.createdMs());
                    ps.setLong(10, b.expiresMs());
                    setLong(ps, 11, b.endedMs());
                    setLong(ps, 12, b.cancelMs());
                    ps.setString(13, b.metadata());
                    ps.setString(14, b.dataClass());
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO batch_lines (batch_id, idx, custom_id,"
                        + " request, outcome, response) VALUES (?,?,?,?,?,?)")) {
                    int n = 0;
                    for (Batch.Line l : lines) {
                        ps.setString(1, b.id());
                        ps.setInt(2, l.idx());
                        ps.setString(3, l.customId());
                        ps.setString(4, l.request());
                        ps.setString(5, l.outcome());
                        ps.setString(6, l.response());
                        ps.addBatch();
                        if (++n % 500 == 0) {
                            ps.executeBatch();
                        }
                    }
                    ps.executeBatch();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failed("batch write", e);
        }
    }

    Optional<Batch> batch(String id, String owner) {
        return query("SELECT " + BATCH_COLUMNS + " FROM batches WHERE id = ? AND owner = ?", id, owner).stream()
                .findFirst();
    }

    /** The owner's batches of one API, newest first, after the batch {@code after} (a cursor), at most {@code limit}. */
    List<Batch> list(String owner, String api, String after, int limit) {
        String sql = "SELECT " + BATCH_COLUMNS + " FROM batches WHERE owner = ? AND api = ?"
                + (after == null ? "" : " AND (created_ms < (SELECT created_ms FROM batches WHERE id = ?) OR"
                + " (created_ms = (SELECT created_ms FROM batches WHERE id = ?) AND id < ?))")
                + " ORDER BY created_ms DESC, id DESC LIMIT " + limit;
        return after == null ? query(sql, owner, api) : query(sql, owner, api, after, after, after);
    }

    /** Batches still running (in progress or being cancelled), oldest first: what a starting gateway resumes. */
    List<Batch> running() {
        return query("SELECT " + BATCH_COLUMNS + " FROM batches WHERE status IN (?, ?) ORDER BY created_ms",
                Batch.IN_PROGRESS, Batch.CANCELLING);
    }

    private List<Batch> query(String sql, String... args) {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            List<Batch> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Batch(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getLong(9),
                            rs.getLong(10), getLong(rs, 11), getLong(rs, 12), rs.getString(13), rs.getString(14),
                            Batch.Counts.NONE));
                }
            }
            List<Batch> counted = new ArrayList<>(out.size());
            for (Batch b : out) {
                counted.add(b.withCounts(counts(c, b.id())));
            }
            return counted;
        } catch (SQLException e) {
            throw failed("batch read", e);
        }
    }

    private static Batch.Counts counts(Connection c, String batchId) throws SQLException {
        int total = 0;
        int succeeded = 0;
        int errored = 0;
        int canceled = 0;
        int expired = 0;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT outcome, COUNT(*) FROM batch_lines WHERE batch_id = ? GROUP BY outcome")) {
            ps.setString(1, batchId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int n = rs.getInt(2);
                    total += n;
                    String o = rs.getString(1);
                    if (SUCCEEDED.equals(o)) {
                        succeeded = n;
                    } else if (ERRORED.equals(o)) {
                        errored = n;
                    } else if (CANCELED.equals(o)) {
                        canceled = n;
                    } else if (EXPIRED.equals(o)) {
                        expired = n;
                    }
                }
            }
        }
        return new Batch.Counts(total, succeeded, errored, canceled, expired);
    }

    /** Every request of a batch in order; only those still without an answer when {@code pendingOnly}. */
    List<Batch.Line> lines(String batchId, boolean pendingOnly) {
        return lines(batchId, pendingOnly, -1, Integer.MAX_VALUE);
    }

    /** At most {@code limit} requests of a batch after position {@code afterIdx}, in order. */
    List<Batch.Line> lines(String batchId, boolean pendingOnly, int afterIdx, int limit) {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT idx, custom_id,"
                + " request, outcome, status, response, request_id, handed_provider, handed_model, handed_alias,"
                + " handed_body, held_nanos, held_ms, held_team FROM batch_lines WHERE batch_id = ? AND idx > ?"
                + (pendingOnly ? " AND outcome IS NULL" : "") + " ORDER BY idx LIMIT " + limit)) {
            ps.setString(1, batchId);
            ps.setInt(2, afterIdx);
            List<Batch.Line> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int code = rs.getInt(5);
                    Integer status = rs.wasNull() ? null : code;
                    out.add(new Batch.Line(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            status, rs.getString(6), rs.getString(7), rs.getString(8) == null ? null
                            : new Batch.Handed(rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                            rs.getLong(12), rs.getLong(13), rs.getString(14))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failed("batch read", e);
        }
    }

    /** A request's answer; false when it already had one. */
    boolean answer(String batchId, int idx, String outcome, int status, String response, String requestId) {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement("UPDATE batch_lines SET"
                + " outcome = ?, status = ?, response = ?, request_id = ?, released_ms = ? WHERE batch_id = ? AND"
                + " idx = ? AND outcome IS NULL")) {
            ps.setString(1, outcome);
            ps.setInt(2, status);
            ps.setString(3, response);
            ps.setString(4, requestId);
            ps.setLong(5, System.currentTimeMillis());
            ps.setString(6, batchId);
            ps.setInt(7, idx);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failed("batch write", e);
        }
    }

    /** Asks a running batch to stop: status cancelling; false when it is not in progress (or not the owner's). */
    boolean cancel(String id, String owner, long nowMs) {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement("UPDATE batches SET"
                + " status = ?, cancel_ms = ? WHERE id = ? AND owner = ? AND status = ?")) {
            ps.setString(1, Batch.CANCELLING);
            ps.setLong(2, nowMs);
            ps.setString(3, id);
            ps.setString(4, owner);
            ps.setString(5, Batch.IN_PROGRESS);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failed("batch write", e);
        }
    }

    /**
     * Ends a batch in one transaction: the requests without an answer get {@code restOutcome}, the output files
     * (either may be null) are stored, the status and end time set.
     */
    void finish(String id, String status, long nowMs, String restOutcome, Batch.File output, byte[] outputContent,
                Batch.File errors, byte[] errorContent) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("UPDATE batch_lines SET outcome = ?, released_ms = ?"
                        + " WHERE batch_id = ? AND outcome IS NULL")) {
                    ps.setString(1, restOutcome);
                    ps.setLong(2, System.currentTimeMillis());
                    ps.setString(3, id);
                    ps.executeUpdate();
                }
                if (output != null) {
                    insertFile(c, output, outputContent);
                }
                if (errors != null) {
                    insertFile(c, errors, errorContent);
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE batches SET status = ?, ended_ms = ?,"
                        + " output_file_id = ?, error_file_id = ? WHERE id = ?")) {
                    ps.setString(1, status);
                    ps.setLong(2, nowMs);
                    ps.setString(3, output == null ? null : output.id());
                    ps.setString(4, errors == null ? null : errors.id());
                    ps.setString(5, id);
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failed("batch write", e);
        }
    }

    /** Deletes a batch and its requests (its files stay: they are the owner's to delete). */
    boolean delete(String id, String owner) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM batches WHERE id = ? AND owner = ?");
                 PreparedStatement lines = c.prepareStatement("DELETE FROM batch_lines WHERE batch_id = ?")) {
                ps.setString(1, id);
                ps.setString(2, owner);
                boolean gone = ps.executeUpdate() == 1;
                if (gone) {
                    lines.setString(1, id);
                    lines.executeUpdate();
                }
                c.commit();
                return gone;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failed("batch write", e);
        }
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    private static Long getLong(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : v;
    }

    private static IllegalStateException failed(String what, SQLException e) {
        return new IllegalStateException("batch store " + what + " failed: " + e.getMessage(), e);
    }

    @Override
    public void close() {
        pool.close();
    }
}
