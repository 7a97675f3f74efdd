package dev.freeport.cli;

import dev.freeport.api.Usage;
import dev.freeport.config.LedgerConfig;
import dev.freeport.config.StoreConfig;
import dev.freeport.ledger.JournaledLedger;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.testing.PostgresServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code freeport usage --config FILE} with {@code store.type: postgres} reads the shared database. */
class UsageCommandPostgresTest {

    @TempDir
    Path tmp;

    private static UsageEvent event(String id, long cost) {
        return UsageEvent.builder(id, Instant.now().minusSeconds(60)).caller("master").endpoint("chat").alias("fast")
                .target("deepseek", "deepseek-chat").attempts(1).outcome(UsageEvent.Status.OK, 200, null, null)
                .stream(false).usage(new Usage(10, 2, 0, 0, 0, false)).costNanos(cost).latency(5, null).build();
    }

    @Test
    void summarizesEventsOfAnotherReplicaFromTheConfiguredPostgres() throws Exception {
        try (PostgresServer server = PostgresServer.start()) {
            String url = server.newDatabase();
            StoreConfig store = new StoreConfig(StoreConfig.Kind.POSTGRES, url, server.user(), null, 2);
            try (JournaledLedger other = JournaledLedger.open(
                    new LedgerConfig(tmp.resolve("other-replica"), 10, Duration.ofHours(1)), store)) {
                other.record(event("r1", 1_000));
                other.record(event("r2", 2_500));
            }
            Path config = tmp.resolve("freeport.yaml");
            Files.writeString(config, """
                    models: []
                    ledger: { data_dir: "%s" }
                    store: { type: postgres, url: "%s", user: %s }
                    """.formatted(tmp.resolve("this-machine"), url, server.user()));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream saved = System.out;
            int code;
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            try {
                code = new CommandLine(new Main()).execute("usage", "--config", config.toString(), "--json");
            } finally {
                System.setOut(saved);
            }
            assertThat(code).isZero();
            JsonObject total = new JsonObject(out.toString(StandardCharsets.UTF_8)).getJsonObject("total");
            assertThat(total.getLong("requests")).isEqualTo(2);
            assertThat(total.getLong("cost_nanos")).isEqualTo(3_500);
        }
    }
}
