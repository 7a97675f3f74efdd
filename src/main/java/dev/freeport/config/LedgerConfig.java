package dev.freeport.config;

import java.nio.file.Path;

/**
 * @param dataDir       holds freeport.db (SQLite, WAL) and the journal/ directory
 * @param batchSize     events per database transaction
 * @param flushInterval longest an event waits in the journal before it is moved to the database
 */
public record LedgerConfig(Path dataDir, int batchSize, java.time.Duration flushInterval) {
}
