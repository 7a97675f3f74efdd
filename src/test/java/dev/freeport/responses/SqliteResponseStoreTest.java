package dev.freeport.responses;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The response store on the embedded SQLite. */
class SqliteResponseStoreTest extends ResponseStoreContract {
    @TempDir
    Path dir;

    @Override
    ResponseStore open() {
        return JdbcResponseStore.sqlite(dir, SETTINGS, clock);
    }

    @Override
    ResponseStore reopen() {
        return open();
    }
}
