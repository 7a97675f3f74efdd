package dev.freeport.config;

/**
 * Where shared state lives: virtual keys and teams, and (with PostgreSQL) the usage ledger too, so that many
 * replicas share them. SQLITE is the embedded default: files in the ledger's data dir, one process.
 *
 * @param url      JDBC URL for POSTGRES (e.g. jdbc:postgresql://db:5432/freeport); null for SQLITE
 * @param password secret; never logged
 * @param poolSize connections per process
 */
public record StoreConfig(Kind kind, String url, String user, String password, int poolSize) {

    public enum Kind { SQLITE, POSTGRES }

    public static final StoreConfig EMBEDDED = new StoreConfig(Kind.SQLITE, null, null, null, 8);

    public StoreConfig withPool(int size) {
        return new StoreConfig(kind, url, user, password, size);
    }
}
