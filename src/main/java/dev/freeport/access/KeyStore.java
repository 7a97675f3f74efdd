package dev.freeport.access;

import dev.freeport.config.FreeportConfig;
import dev.freeport.config.StoreConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Durable keys and teams. Blocking JDBC: call it from a worker thread, never an event loop. Every write takes the
 * next value of one shared change counter inside its transaction (a row lock on {@code access_clock}), so versions
 * are handed out in commit order and {@link #changesSince} never misses a write.
 */
public interface KeyStore extends AutoCloseable {

    /** Rows written after {@code version}, and the version they bring the reader up to. */
    record Changes(List<VirtualKey> keys, List<Team> teams, long version) {
    }

    /** Inserts or replaces a key (by id); returns it with its new version. */
    VirtualKey saveKey(VirtualKey key);

    Optional<VirtualKey> key(String id);

    List<VirtualKey> keys();

    /** Inserts or replaces a team (by name, tombstones included); returns it with its new version. */
    Team saveTeam(Team team);

    /** A team, tombstoned ones included. */
    Optional<Team> team(String name);

    List<Team> teams();

    Changes changesSince(long version);

    @Override
    void close();

    /** The embedded store: {@code access.db} (WAL) in {@code dataDir}. */
    static KeyStore sqlite(Path dataDir) {
        return JdbcKeyStore.sqlite(dataDir);
    }

    /** A shared PostgreSQL store (HikariCP pool of {@code cfg.poolSize()}). */
    static KeyStore postgres(StoreConfig cfg) {
        return JdbcKeyStore.postgres(cfg);
    }

    /** As the config says: PostgreSQL when store.type is postgres, else SQLite in the ledger dir. */
    static KeyStore open(FreeportConfig cfg) {
        return cfg.store().kind() == StoreConfig.Kind.POSTGRES ? postgres(cfg.store())
                : sqlite(cfg.ledger().dataDir());
    }
}
