package dev.freeport.cli;

import dev.freeport.config.ConfigException;
import dev.freeport.config.ConfigLoader;
import dev.freeport.config.FreeportConfig;
import dev.freeport.config.StoreConfig;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a read-only command finds the ledger, as {@code freeport usage} does: {@code --data-dir}, else the config's
 * ledger.data_dir, else ./freeport-data; the store (SQLite or the shared PostgreSQL) from the config.
 *
 * @param config  the loaded config, or null without {@code --config}
 * @param dataDir the local data dir when it exists (journal, SQLite), else null
 * @param store   where the database is
 * @param shown   the data dir as given, for messages
 */
record LedgerSource(FreeportConfig config, Path dataDir, StoreConfig store, Path shown) {

    /** Loads the config if given; throws {@link ConfigException} when it is invalid. */
    static LedgerSource resolve(Path configFile, Path dataDirOption) {
        FreeportConfig cfg = configFile == null ? null : ConfigLoader.load(configFile);
        StoreConfig store = cfg == null ? StoreConfig.EMBEDDED : cfg.store();
        Path dir = dataDirOption != null ? dataDirOption
                : cfg != null && cfg.ledger().dataDir() != null ? cfg.ledger().dataDir() : Path.of("freeport-data");
        return new LedgerSource(cfg, Files.isDirectory(dir) ? dir : null, store, dir);
    }

    /** The built-in demo's config over {@code --data-dir} (default ./freeport-data, where `freeport demo` writes). */
    static LedgerSource demo(Path dataDirOption) {
        Path dir = dataDirOption != null ? dataDirOption : Path.of("freeport-data");
        FreeportConfig cfg = ConfigLoader.demo(0, dir);
        return new LedgerSource(cfg, Files.isDirectory(dir) ? dir : null, StoreConfig.EMBEDDED, dir);
    }

    /** Whether there is anything to read: a local data dir or a shared database. */
    boolean readable() {
        return dataDir != null || store.kind() == StoreConfig.Kind.POSTGRES;
    }

    String missing() {
        return "no ledger at " + shown.toAbsolutePath() + " (run the gateway first, or pass --data-dir / --config)";
    }
}
