package dev.freeport.access;

import com.zaxxer.hikari.HikariDataSource;
import dev.freeport.caller.Budget;
import dev.freeport.caller.Limits;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The one JDBC implementation of {@link KeyStore} for both SQLite and PostgreSQL: the SQL is portable (upsert by
 * ON CONFLICT, which both support); only the pool set-up and the migration lock differ.
 */
final class JdbcKeyStore implements KeyStore {
    private static final String KEY_COLS = "id, name, prefix, secret_hash, team, tags, models, rpm, tpm, "
            + "max_parallel, budget_nanos, budget_period, budget_hard, budget_alerts, expires_ms, revoked_ms, "
            + "created_ms, updated_ms, version, " + RuleColumns.SQL;
    private static final String TEAM_COLS = "name, tags, rpm, tpm, max_parallel, budget_nanos, budget_period, "
            + "budget_hard, budget_alerts, created_ms, updated_ms, deleted_ms, version, " + RuleColumns.SQL;

    private final HikariDataSource pool;

    private JdbcKeyStore(HikariDataSource pool) {
        this.pool = pool;
    }

    static JdbcKeyStore sqlite(Path dataDir) {
        JdbcKeyStore store = new JdbcKeyStore(Pools.sqlite(dataDir, "access.db", "freeport-access-sqlite"));
        store.migrate(false);
        return store;
    }

    static JdbcKeyStore postgres(StoreConfig cfg) {
        JdbcKeyStore store = new JdbcKeyStore(Pools.postgres(cfg, Math.max(2, Math.min(cfg.poolSize(), 8)),
                "freeport-access-pg"));
        store.migrate(true);
        return store;
    }

    private void migrate(boolean postgres) {
        try (Connection c = pool.getConnection()) {
            if (!postgres) {
                query(c, "PRAGMA journal_mode=WAL");
            }
            AccessSchema.migrate(c, postgres ? Migrations.Dialect.POSTGRES : Migrations.Dialect.SQLITE);
        } catch (SQLException e) {
            pool.close();
            throw new IllegalStateException("key store migration failed: " + e.getMessage(), e);
        }
    }

    private static void query(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
        }
    }

    /** Runs {@code work} in one transaction that first takes the next change version. */
    private <T> T write(Tx<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                long version = Pools.nextVersion(c, "access_clock");
                T out = work.run(c, version);
                c.commit();
                return out;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("key store write failed: " + e.getMessage(), e);
        }
    }

    private interface Tx<T> {
        T run(Connection c, long version) throws SQLException;
    }

    @Override
    public VirtualKey saveKey(VirtualKey k) {
        return write((c, version) -> {
            String updates = Arrays.stream(KEY_COLS.split(", ")).skip(1).map(col -> col + " = excluded." + col)
                    .reduce((a, b) -> a + ", " + b).orElseThrow();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO access_keys (" + KEY_COLS + ") VALUES "
                    + marks(KEY_COLS) + " ON CONFLICT (id) DO UPDATE SET " + updates)) {
                int i = 1;
                ps.setString(i++, k.id());
                ps.setString(i++, k.name());
                ps.setString(i++, k.prefix());
                ps.setString(i++, k.secretHash());
                ps.setString(i++, k.team());
                ps.setString(i++, String.join(",", k.tags()));
                ps.setString(i++, String.join(",", k.models()));
                i = limitsAndBudget(ps, i, k.limits(), k.budget());
                setLong(ps, i++, k.expiresAt() == null ? null : k.expiresAt().toEpochMilli());
                setLong(ps, i++, k.revokedAt() == null ? null : k.revokedAt().toEpochMilli());
                ps.setLong(i++, k.createdAt().toEpochMilli());
                ps.setLong(i++, k.updatedAt().toEpochMilli());
                ps.setLong(i++, version);
                RuleColumns.bind(ps, i, k.rules(), k.dataClass());
                ps.executeUpdate();
            }
            return k.atVersion(version);
        });
    }

    @Override
    public Team saveTeam(Team t) {
        return write((c, version) -> {
            String updates = Arrays.stream(TEAM_COLS.split(", ")).skip(1).map(col -> col + " = excluded." + col)
                    .reduce((a, b) -> a + ", " + b).orElseThrow();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO access_teams (" + TEAM_COLS + ") VALUES "
                    + marks(TEAM_COLS) + " ON CONFLICT (name) DO UPDATE SET " + updates)) {
                int i = 1;
                ps.setString(i++, t.name());
                ps.setString(i++, String.join(",", t.tags()));
                i = limitsAndBudget(ps, i, t.limits(), t.budget());
                ps.setLong(i++, t.createdAt().toEpochMilli());
                ps.setLong(i++, t.updatedAt().toEpochMilli());
                setLong(ps, i++, t.deletedAt() == null ? null : t.deletedAt().toEpochMilli());
                ps.setLong(i++, version);
                RuleColumns.bind(ps, i, t.rules(), t.dataClass());
                ps.executeUpdate();
            }
            return t.atVersion(version);
        });
    }

    private static int limitsAndBudget(PreparedStatement ps, int i, Limits l, Budget b) throws SQLException {
        setLong(ps, i++, l.rpm() == null ? null : l.rpm().longValue());
        setLong(ps, i++, l.tpm());
        setLong(ps, i++, l.maxParallel() == null ? null : l.maxParallel().longValue());
        setLong(ps, i++, b == null ? null : b.limitNanos());
        ps.setString(i++, b == null ? null : b.period().name());
        setLong(ps, i++, b == null ? null : (b.hard() ? 1L : 0L));
        ps.setString(i++, b == null ? null : String.join(",", b.alertPercents().stream().map(String::valueOf)
                .toList()));
        return i;
    }

    /** "(?,?,...)" with one mark per column of {@code cols}. */
    private static String marks(String cols) {
        return "(" + String.join(",", java.util.Collections.nCopies(cols.split(", ").length, "?")) + ")";
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    @Override
    public Optional<VirtualKey> key(String id) {
        List<VirtualKey> found = read(c -> keys(c, "SELECT " + KEY_COLS + " FROM access_keys WHERE id = ?", id));
        return found.stream().findFirst();
    }

    @Override
    public List<VirtualKey> keys() {
        return read(c -> keys(c, "SELECT " + KEY_COLS + " FROM access_keys ORDER BY created_ms, id"));
    }

    @Override
    public Optional<Team> team(String name) {
        return read(c -> teams(c, "SELECT " + TEAM_COLS + " FROM access_teams WHERE name = ?", name)).stream()
                .findFirst();
    }

    @Override
    public List<Team> teams() {
        return read(c -> teams(c, "SELECT " + TEAM_COLS + " FROM access_teams ORDER BY name"));
    }

    @Override
    public Changes changesSince(long since) {
        return read(c -> {
            long upTo;
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT version FROM access_clock WHERE id = 1")) {
                rs.next();
                upTo = rs.getLong(1);
            }
            if (upTo <= since) {
                return new Changes(List.of(), List.of(), since);
            }
            // every version <= upTo is committed (versions are taken under a row lock held to commit)
            List<VirtualKey> ks = keys(c, "SELECT " + KEY_COLS + " FROM access_keys WHERE version > ? AND version "
                    + "<= ? ORDER BY version", since, upTo);
            List<Team> ts = teams(c, "SELECT " + TEAM_COLS + " FROM access_teams WHERE version > ? AND version "
                    + "<= ? ORDER BY version", since, upTo);
            return new Changes(ks, ts, upTo);
        });
    }

    private interface Read<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T read(Read<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("key store read failed: " + e.getMessage(), e);
        }
    }

    private static List<VirtualKey> keys(Connection c, String sql, Object... args) throws SQLException {
        List<VirtualKey> out = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new VirtualKey(rs.getString("id"), rs.getString("name"), rs.getString("prefix"),
                        rs.getString("secret_hash"), rs.getString("team"), split(rs.getString("tags")),
                        new LinkedHashSet<>(split(rs.getString("models"))), limits(rs), budget(rs),
                        RuleColumns.rules(rs), RuleColumns.dataClass(rs), instant(rs, "expires_ms"),
                        instant(rs, "revoked_ms"), instant(rs, "created_ms"), instant(rs, "updated_ms"),
                        rs.getLong("version")));
            }
        }
        return out;
    }

    private static List<Team> teams(Connection c, String sql, Object... args) throws SQLException {
        List<Team> out = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Team(rs.getString("name"), split(rs.getString("tags")), limits(rs), budget(rs),
                        RuleColumns.rules(rs), RuleColumns.dataClass(rs), instant(rs, "created_ms"),
                        instant(rs, "updated_ms"), instant(rs, "deleted_ms"), rs.getLong("version")));
            }
        }
        return out;
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }

    private static Limits limits(ResultSet rs) throws SQLException {
        Long rpm = nullableLong(rs, "rpm");
        Long tpm = nullableLong(rs, "tpm");
        Long par = nullableLong(rs, "max_parallel");
        return new Limits(rpm == null ? null : rpm.intValue(), tpm, par == null ? null : par.intValue());
    }

    private static Budget budget(ResultSet rs) throws SQLException {
        Long nanos = nullableLong(rs, "budget_nanos");
        if (nanos == null) {
            return null;
        }
        List<Integer> alerts = split(rs.getString("budget_alerts")).stream().map(Integer::valueOf).toList();
        return new Budget(nanos, Budget.Period.valueOf(rs.getString("budget_period")), rs.getLong("budget_hard") != 0,
                alerts);
    }

    private static Long nullableLong(ResultSet rs, String col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        Long ms = nullableLong(rs, col);
        return ms == null ? null : Instant.ofEpochMilli(ms);
    }

    private static List<String> split(String s) {
        return s == null || s.isEmpty() ? List.of() : List.of(s.split(","));
    }

    @Override
    public void close() {
        pool.close();
    }
}
