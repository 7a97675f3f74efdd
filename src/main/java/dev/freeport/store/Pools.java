package dev.freeport.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.freeport.config.StoreConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The JDBC pools every store opens (keys and teams, vendor switches, the ledger), and the change counter the
 * replicated tables share: one place for the connection settings.
 */
public final class Pools {
    private Pools() {
    }

    /**
     * A one-connection pool on {@code dataDir/file} (created if missing): SQLite has one writer, so one connection
     * avoids SQLITE_BUSY between our own threads; other processes wait on the busy timeout.
     */
    public static HikariDataSource sqlite(Path dataDir, String file, String poolName) {
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create " + dataDir + ": " + e.getMessage(), e);
        }
        HikariConfig hc = new HikariConfig();
        hc.setPoolName(poolName);
        hc.setJdbcUrl("jdbc:sqlite:" + dataDir.resolve(file).toAbsolutePath());
        hc.setMaximumPoolSize(1);
        hc.setConnectionInitSql("PRAGMA busy_timeout=5000");
        return new HikariDataSource(hc);
    }

    /** A pool of at most {@code size} connections to the store's PostgreSQL. */
    public static HikariDataSource postgres(StoreConfig store, int size, String poolName) {
        if (store.kind() != StoreConfig.Kind.POSTGRES || store.url() == null) {
            throw new IllegalStateException("store.url is required for store type postgres");
        }
        HikariConfig hc = new HikariConfig();
        hc.setPoolName(poolName);
        hc.setJdbcUrl(store.url());
        hc.setUsername(store.user());
        hc.setPassword(store.password() == null ? "" : store.password());
        hc.setMaximumPoolSize(Math.max(1, size));
        hc.setMinimumIdle(1);
        hc.setConnectionTimeout(10_000);
        return new HikariDataSource(hc);
    }

    /**
     * Takes the next value of a one-row change counter ({@code clockTable}: id = 1, version) inside the caller's
     * transaction. On PostgreSQL the UPDATE holds the row lock until commit, so versions are unique and handed out
     * in commit order: a reader polling "changed since version N" never skips a concurrent writer's change.
     */
    public static long nextVersion(Connection c, String clockTable) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE " + clockTable + " SET version = version + 1 WHERE id = 1");
            try (ResultSet rs = st.executeQuery("SELECT version FROM " + clockTable + " WHERE id = 1")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
