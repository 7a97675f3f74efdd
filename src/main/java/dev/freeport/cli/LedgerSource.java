package dev.freeport.cli;

import dev.freeport.config.FreeportConfig;
import dev.freeport.config.StoreConfig;

import java.nio.file.Path;

/**
 * Where a command finds the ledger and the switch store, as {@link DataOptions} resolved it.
 *
 * @param config  the loaded config (the demo's with --demo), or null without one
 * @param dataDir the local data dir when it exists (journal, SQLite), else null
 * @param store   where the database is
 * @param shown   the data dir as resolved, for messages
 * @param advice  what to do when there is nothing to read
 */
record LedgerSource(FreeportConfig config, Path dataDir, StoreConfig store, Path shown, String advice) {

    /** Whether there is anything to read: a local data dir or a shared database. */
    boolean readable() {
        return dataDir != null || store.kind() == StoreConfig.Kind.POSTGRES;
    }

    /** Stops the command (exit 1) when there is nothing to read. */
    LedgerSource requireReadable() {
        if (!readable()) {
            throw CliFailure.failed("no ledger at " + shown.toAbsolutePath() + " " + advice);
        }
        return this;
    }
}
