package dev.freeport.cli;

import dev.freeport.config.StoreConfig;
import dev.freeport.testing.PostgresServer;
import dev.freeport.vendors.VendorSwitchBoard;
import dev.freeport.vendors.VendorSwitchStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code freeport vendor} with a postgres config writes the shared database every replica reads. */
class VendorCommandPostgresTest {
    @TempDir
    Path tmp;

    @Test
    void disableThroughAPostgresConfigReachesAReplicasBoard() throws Exception {
        try (PostgresServer pg = PostgresServer.start()) {
            String url = pg.newDatabase();
            Path config = tmp.resolve("freeport.yaml");
            Files.writeString(config, """
                    models: []
                    ledger: { data_dir: "%s" }
                    store: { type: postgres, url: "%s", user: %s }
                    """.formatted(tmp.resolve("not-created"), url, pg.user()));
            StoreConfig db = new StoreConfig(StoreConfig.Kind.POSTGRES, url, pg.user(), null, 2);
            try (VendorSwitchStore replicaStore = VendorSwitchStore.postgres(db);
                 VendorSwitchBoard replica = new VendorSwitchBoard(replicaStore)) {
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                int code = new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                        .execute("vendor", "disable", "moonshot", "--reason", "contract", "--config", config.toString());
                assertThat(code).as(err.toString()).isZero();
                assertThat(out.toString()).contains("vendor moonshot disabled");
                long start = System.nanoTime();
                while (replica.disabled("moonshot") == null && System.nanoTime() - start < 5_000_000_000L) {
                    Thread.sleep(2);
                }
                assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1000);
                assertThat(replica.disabled("moonshot").reason()).isEqualTo("contract");
            }
            assertThat(tmp.resolve("not-created")).doesNotExist();
        }
    }
}
