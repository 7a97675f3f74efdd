package dev.freeport.lab;

import dev.freeport.config.StoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The canaries as the router reads them, against a real SQLite store. */
class CanaryBoardTest {
    @TempDir
    Path dir;

    private static CanaryState running(String alias) {
        Instant now = Instant.now();
        return new CanaryState(alias, "cheap", 50, CanaryState.Status.RUNNING, 0.1, 15, Duration.ofMinutes(10),
                null, "test", now, now, 0);
    }

    @Test
    void aRollbackTheListReportsRoutesNoRequestMoreOnReturnEvenBeforeTheBoardRefreshed() {
        try (CanaryStore store = CanaryStore.open(StoreConfig.EMBEDDED, dir);
             CanaryBoard board = new CanaryBoard(store, Duration.ofHours(1))) { // no timed refresh in the test
            board.change("coder", cur -> running("coder"));
            assertThat(board.canary("coder")).isNotNull();

            // committed to the store by another thread (the watcher's, before its own refresh) or another replica
            store.change("coder", cur -> cur.with(cur.percent(), CanaryState.Status.ROLLED_BACK, "error rate",
                    "canary watcher (automatic)", Instant.now()));

            assertThat(board.list()).singleElement().satisfies(s ->
                    assertThat(s.status()).isEqualTo(CanaryState.Status.ROLLED_BACK));
            assertThat(board.canary("coder")).as("in force when the list that reports it returns").isNull();
        }
    }
}
