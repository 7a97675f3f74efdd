package dev.freeport.lab;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import dev.freeport.config.StoreConfig;
import dev.freeport.json.Json;
import dev.freeport.store.Pools;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The lab's samples and results ({@link LabSchema}) on SQLite ({@code lab.db} in the ledger's data dir, its own
 * file so large bodies never hold up another store's single connection) or on the shared PostgreSQL of
 * {@code store:}. Blocking JDBC: call it from a worker thread, never an event loop.
 */
public final class LabStore implements AutoCloseable {
    private static final String ANSWER = "provider, model, status, error, input_tokens, output_tokens, cost_nanos,"
            + " latency_ms, ttft_ms, finish_reason, answer_gz";

    /** The primary of an imported sample that no replay has answered yet. */
    private static final LabAnswer NONE = new LabAnswer(null, null, "none", null, 0, 0, 0, 0, null, null, null);

    private final HikariDataSource pool;
    private final int connections;

    private LabStore(HikariDataSource pool, int connections) {
        this.pool = pool;
        this.connections = connections;
    }

    /** PostgreSQL when {@code store.kind} is postgres, else SQLite {@code lab.db} in {@code dataDir}. */
    public static LabStore open(StoreConfig store, Path dataDir) {
        boolean pg = store.kind() == StoreConfig.Kind.POSTGRES;
        int size = pg ? Math.max(2, Math.min(store.poolSize(), 4)) : 1;
        HikariDataSource pool = pg ? Pools.postgres(store, size, "freeport-lab-pg")
                : Pools.sqlite(dataDir, "lab.db", "freeport-lab-sqlite");
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            if (!pg) {
                st.executeQuery("PRAGMA journal_mode=WAL").close();
            }
            LabSchema.migrate(c, pg);
            return new LabStore(pool, size);
        } catch (SQLException e) {
            pool.close();
            throw new IllegalStateException("lab store set-up failed: " + e.getMessage(), e);
        }
    }

    /** How many connections the pool holds (as many worker threads are useful). */
    public int connections() {
        return connections;
    }

    /** Keeps a sample; false when one with its id is already kept. */
    public boolean putSample(LabSample s) {
        String sql = "INSERT INTO lab_samples (id, alias, source, time_ms, caller, team, request_gz, request_bytes, "
                + ANSWER + ", data_class, tags) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id)"
                + " DO NOTHING";
        byte[] request = Json.bytes(s.request());
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, s.id());
            ps.setString(2, s.alias());
            ps.setString(3, s.source());
            ps.setLong(4, s.timeMillis());
            ps.setString(5, s.caller());
            ps.setString(6, s.team());
            ps.setBytes(7, gzip(request));
            ps.setLong(8, request.length);
            setAnswer(ps, 9, s.primary() == null ? NONE : s.primary());
            ps.setString(20, s.dataClass());
            ps.setString(21, s.tags());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("lab store write failed: " + e.getMessage(), e);
        }
    }

    /** Keeps a candidate's answer; false when this (sample, candidate) already has one (nothing is replaced). */
    public boolean putResult(LabResult r) {
        String sql = "INSERT INTO lab_results (sample_id, candidate, alias, source, time_ms, " + ANSWER
                + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (sample_id, candidate) DO NOTHING";
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, r.sampleId());
            ps.setString(2, r.candidate());
            ps.setString(3, r.alias());
            ps.setString(4, r.source());
            ps.setLong(5, r.timeMillis());
            setAnswer(ps, 6, r.answer());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("lab store write failed: " + e.getMessage(), e);
        }
    }

    /** The candidates that already answered (or were refused) {@code sampleId}. */
    public java.util.Set<String> answered(String sampleId) {
        return new java.util.HashSet<>(rows("SELECT candidate FROM lab_results WHERE sample_id = ?",
                rs -> rs.getString(1), sampleId));
    }

    /** Sets the incumbent's answer of an imported sample that has none yet; false when it already has one. */
    public boolean setPrimary(String sampleId, LabAnswer a) {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement("UPDATE lab_samples SET"
                + " provider = ?, model = ?, status = ?, error = ?, input_tokens = ?, output_tokens = ?,"
                + " cost_nanos = ?, latency_ms = ?, ttft_ms = ?, finish_reason = ?, answer_gz = ? WHERE id = ?"
                + " AND status = 'none'")) {
            setAnswer(ps, 1, a);
            ps.setString(12, sampleId);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("lab store write failed: " + e.getMessage(), e);
        }
    }

    /** How many samples of {@code alias} came from {@code source}. */
    public long count(String alias, String source) {
        return rows("SELECT COUNT(*) FROM lab_samples WHERE alias = ? AND source = ?", rs -> rs.getLong(1), alias,
                source).get(0);
    }

    /** Deletes the samples of {@code alias} from {@code source} older than {@code beforeMillis}, with their results. */
    public int purge(String alias, String source, long beforeMillis) {
        String which = "SELECT id FROM lab_samples WHERE alias = ? AND source = ? AND time_ms < ?";
        try (Connection c = pool.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement results = c.prepareStatement("DELETE FROM lab_results WHERE sample_id IN ("
                    + which + ")"); PreparedStatement samples = c.prepareStatement("DELETE FROM lab_samples"
                    + " WHERE alias = ? AND source = ? AND time_ms < ?")) {
                for (PreparedStatement ps : List.of(results, samples)) {
                    ps.setString(1, alias);
                    ps.setString(2, source);
                    ps.setLong(3, beforeMillis);
                }
                results.executeUpdate();
                int n = samples.executeUpdate();
                c.commit();
                return n;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("lab store purge failed: " + e.getMessage(), e);
        }
    }

    /** Keeps a judge's verdict; false when this (sample, candidate) already has one. */
    public boolean putVerdict(Verdict v) {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO lab_verdicts"
                + " (sample_id, candidate, alias, judge, time_ms, verdict, reason, cost_nanos) VALUES (?,?,?,?,?,?,?,?)"
                + " ON CONFLICT (sample_id, candidate) DO NOTHING")) {
            ps.setString(1, v.sampleId());
            ps.setString(2, v.candidate());
            ps.setString(3, v.alias());
            ps.setString(4, v.judge());
            ps.setLong(5, v.timeMillis());
            ps.setString(6, v.verdict().label());
            ps.setString(7, v.reason());
            ps.setLong(8, v.costNanos());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("lab store write failed: " + e.getMessage(), e);
        }
    }

    /** The verdicts on candidates' answers to samples of {@code alias} since {@code fromMillis}. */
    public List<Verdict> verdicts(String alias, long fromMillis) {
        return rows("SELECT sample_id, candidate, alias, judge, time_ms, verdict, reason, cost_nanos FROM lab_verdicts"
                + " WHERE alias = ? AND time_ms >= ? ORDER BY time_ms, sample_id, candidate",
                rs -> new Verdict(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                        Verdict.Kind.parse(rs.getString(6)), rs.getString(7), rs.getLong(8)), alias, fromMillis);
    }

    /** What the shadow requests of {@code alias} cost since {@code fromMillis} (its shadow budget's spend). */
    public long shadowSpentSince(String alias, long fromMillis) {
        return rows("SELECT COALESCE(SUM(cost_nanos), 0) FROM lab_results WHERE alias = ? AND source = 'shadow'"
                + " AND time_ms >= ?", rs -> rs.getLong(1), alias, fromMillis).get(0);
    }

    /** The samples of {@code alias} since {@code fromMillis}, oldest first. */
    public List<LabSample> samples(String alias, long fromMillis) {
        return rows("SELECT id, alias, source, time_ms, caller, team, request_gz, " + ANSWER + ", data_class, tags"
                + " FROM lab_samples WHERE alias = ? AND time_ms >= ? ORDER BY time_ms, id", rs -> {
                    LabAnswer primary = answer(rs, 8);
                    return new LabSample(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getString(5), rs.getString(6), rs.getString(19),
                            (ObjectNode) Json.MAPPER.readTree(gunzip(rs.getBytes(7))),
                            "none".equals(primary.status()) ? null : primary, rs.getString(20));
                }, alias, fromMillis);
    }

    /** An alias with candidate results: how many, for how many candidates, the newest one's time. */
    public record AliasResults(String alias, long results, int candidates, long lastMillis) {
    }

    /** The aliases with candidate results since {@code fromMillis}, by name (the console's migration page). */
    public List<AliasResults> aliases(long fromMillis) {
        return rows("SELECT alias, COUNT(*), COUNT(DISTINCT candidate), MAX(time_ms) FROM lab_results"
                + " WHERE time_ms >= ? GROUP BY alias ORDER BY alias",
                rs -> new AliasResults(rs.getString(1), rs.getLong(2), rs.getInt(3), rs.getLong(4)), fromMillis);
    }

    /** The candidates' results for samples of {@code alias} since {@code fromMillis}. */
    public List<LabResult> results(String alias, long fromMillis) {
        return rows("SELECT sample_id, alias, candidate, source, time_ms, " + ANSWER + " FROM lab_results"
                + " WHERE alias = ? AND time_ms >= ? ORDER BY time_ms, sample_id, candidate",
                rs -> new LabResult(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), answer(rs, 6)), alias, fromMillis);
    }

    /** Reads one row of a result set (at its current row). */
    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet rs) throws SQLException, IOException;
    }

    /**
     * The rows of {@code sql}, its parameters bound in order (String, Long or Integer), each read by {@code row}:
     * the one shape of every reader here (a pooled connection, a statement, the rows, a read failure).
     */
    private <T> List<T> rows(String sql, Row<T> row, Object... params) {
        List<T> out = new ArrayList<>();
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row.read(rs));
                }
            }
            return out;
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("lab store read failed: " + e.getMessage(), e);
        }
    }

    private static void setAnswer(PreparedStatement ps, int i, LabAnswer a) throws SQLException {
        ps.setString(i, a.provider());
        ps.setString(i + 1, a.model());
        ps.setString(i + 2, a.status());
        ps.setString(i + 3, a.error());
        ps.setLong(i + 4, a.inputTokens());
        ps.setLong(i + 5, a.outputTokens());
        ps.setLong(i + 6, a.costNanos());
        ps.setLong(i + 7, a.latencyMillis());
        if (a.ttftMillis() == null) {
            ps.setNull(i + 8, Types.BIGINT);
        } else {
            ps.setLong(i + 8, a.ttftMillis());
        }
        ps.setString(i + 9, a.finishReason());
        ps.setBytes(i + 10, a.body() == null ? null : gzip(Json.bytes(a.body())));
    }

    private static LabAnswer answer(ResultSet rs, int i) throws SQLException {
        long ttft = rs.getLong(i + 8);
        Long ttftMillis = rs.wasNull() ? null : ttft;
        byte[] gz = rs.getBytes(i + 10);
        ObjectNode body;
        try {
            body = gz == null ? null : (ObjectNode) Json.MAPPER.readTree(gunzip(gz));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LabAnswer(rs.getString(i), rs.getString(i + 1), rs.getString(i + 2), rs.getString(i + 3),
                rs.getLong(i + 4), rs.getLong(i + 5), rs.getLong(i + 6), rs.getLong(i + 7), ttftMillis,
                rs.getString(i + 9), body);
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, bytes.length / 4));
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] gunzip(byte[] bytes) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
