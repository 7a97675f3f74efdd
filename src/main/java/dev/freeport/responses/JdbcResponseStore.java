package dev.freeport.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.time.Clock;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The response store on SQLite ({@code responses.db} in the ledger's data dir: its own file, so large entries never
 * hold up the key store's single connection) or on the shared PostgreSQL of {@code store:} (every replica sees
 * every response, so a {@code previous_response_id} may land on any of them). One table, {@code responses}: id,
 * owner, created and expiry times (ms), status, model, and the response and the conversation as gzip-compressed
 * JSON. Versioned migrations ({@link ResponsesSchema}); on PostgreSQL replicas starting together serialise on an
 * advisory lock. Blocking JDBC: keep it off event loops.
 */
public final class JdbcResponseStore implements ResponseStore {

    private final HikariDataSource pool;
    private final ResponseStoreSettings settings;
    private final Clock clock;

    private JdbcResponseStore(HikariDataSource pool, ResponseStoreSettings settings, Clock clock) {
        this.pool = pool;
        this.settings = settings;
        this.clock = clock;
    }

    /** The embedded store: {@code responses.db} (WAL) in {@code dataDir}. */
    public static JdbcResponseStore sqlite(Path dataDir, ResponseStoreSettings settings, Clock clock) {
        return migrated(new JdbcResponseStore(Pools.sqlite(dataDir, "responses.db", "freeport-responses-sqlite"),
                settings, clock), false);
    }

    /** The shared PostgreSQL store of {@code cfg}. */
    public static JdbcResponseStore postgres(StoreConfig cfg, ResponseStoreSettings settings, Clock clock) {
        return migrated(new JdbcResponseStore(Pools.postgres(cfg, Math.max(2, Math.min(cfg.poolSize(), 8)),
                "freeport-responses-pg"), settings, clock), true);
    }

    /** As keys and teams: PostgreSQL when {@code store.kind} is postgres, else SQLite in {@code dataDir}. */
    public static JdbcResponseStore open(StoreConfig store, Path dataDir, ResponseStoreSettings settings) {
        return store.kind() == StoreConfig.Kind.POSTGRES ? postgres(store, settings, Clock.systemUTC())
                : sqlite(dataDir, settings, Clock.systemUTC());
    }

    private static JdbcResponseStore migrated(JdbcResponseStore store, boolean postgres) {
        try (Connection c = store.pool.getConnection(); Statement st = c.createStatement()) {
            if (!postgres) {
                st.executeQuery("PRAGMA journal_mode=WAL").close();
            }
            ResponsesSchema.migrate(c, postgres);
            return store;
        } catch (SQLException e) {
            store.pool.close();
            throw new IllegalStateException("response store set-up failed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean put(StoredResponse r) {
        byte[] response = gzip(r.response());
        byte[] conversation = gzip(r.conversation());
        if ((long) response.length + conversation.length > settings.maxEntryBytes()) {
            return false;
        }
        long created = r.createdAt().toEpochMilli();
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO responses (id, owner, created_ms, expires_ms, status, model, response_gz, conversation_gz)"
                        + " VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET status = excluded.status,"
                        + " expires_ms = excluded.expires_ms, response_gz = excluded.response_gz,"
                        + " conversation_gz = excluded.conversation_gz WHERE responses.owner = excluded.owner")) {
            ps.setString(1, r.id());
            ps.setString(2, r.owner());
            ps.setLong(3, created);
            ps.setLong(4, created + settings.retention().toMillis());
            ps.setString(5, r.status());
            ps.setString(6, r.model());
            ps.setBytes(7, response);
            ps.setBytes(8, conversation);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("response store write failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<ObjectNode> response(String id, String owner) {
        return read("response_gz", id, owner).map(n -> (ObjectNode) n);
    }

    @Override
    public Optional<ArrayNode> conversation(String id, String owner) {
        return read("conversation_gz", id, owner).map(n -> (ArrayNode) n);
    }

    private Optional<JsonNode> read(String column, String id, String owner) {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT " + column
                + " FROM responses WHERE id = ? AND owner = ? AND expires_ms > ?")) {
            ps.setString(1, id);
            ps.setString(2, owner);
            ps.setLong(3, clock.millis());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(gunzip(rs.getBytes(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("response store read failed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean delete(String id, String owner) {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM responses WHERE id = ? AND owner = ? AND expires_ms > ?")) {
            ps.setString(1, id);
            ps.setString(2, owner);
            ps.setLong(3, clock.millis());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("response store delete failed: " + e.getMessage(), e);
        }
    }

    @Override
    public int purgeExpired() {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM responses WHERE expires_ms <= ?")) {
            ps.setLong(1, clock.millis());
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("response store purge failed: " + e.getMessage(), e);
        }
    }

    /** How many connections the store holds: how many calls it can run at once (1 for SQLite). */
    public int connections() {
        return pool.getMaximumPoolSize();
    }

    @Override
    public void close() {
        pool.close();
    }

    static byte[] gzip(JsonNode node) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            Json.MAPPER.writeValue(gz, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static JsonNode gunzip(byte[] data) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt stored response: " + e.getMessage(), e);
        }
    }
}
