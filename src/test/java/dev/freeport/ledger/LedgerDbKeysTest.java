package dev.freeport.ledger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The writer's connection runs only the ledger's own statements. */
class LedgerDbKeysTest {

    @TempDir
    Path dir;

    @Test
    void theWritersInsertsRunNoGeneratedKeysQueryAndStillAddTheirRows() throws Exception {
        LedgerDb db = LedgerDb.openWritable(dir.resolve("freeport.db"));
        try {
            assertThat(db.generatedKeys()).isFalse();
            assertThat(db.insert(List.of(Events.simple("a", 1), Events.simple("b", 2)))).isEqualTo(2);
            assertThat(db.byId("b")).contains(Events.simple("b", 2));
        } finally {
            db.close();
        }
    }
}
