package dev.freeport.ledger;

import dev.freeport.config.LedgerConfig;
import dev.freeport.config.StoreConfig;
import dev.freeport.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A real {@code kill -9} (destroyForcibly) of a JVM that is recording events. */
class ProcessKillTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void everyEventRecordedBeforeSigkillIsInTheLedgerAfterReopen() throws Exception {
        killAndReopen(StoreConfig.EMBEDDED);
    }

    @Test
    @Timeout(180)
    void everyEventRecordedBeforeSigkillIsInPostgresAfterReopen() throws Exception {
        try (PostgresServer server = PostgresServer.start()) {
            killAndReopen(new StoreConfig(StoreConfig.Kind.POSTGRES, server.newDatabase(), server.user(), null, 2));
        }
    }

    private void killAndReopen(StoreConfig store) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new java.util.ArrayList<>(List.of(java.toString(), "-Xmx128m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), KillChild.class.getName(), dir.toString()));
        if (store.kind() == StoreConfig.Kind.POSTGRES) {
            cmd.addAll(List.of(store.url(), store.user()));
        }
        Process child = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        long acked = 0;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                acked = Long.parseLong(line.trim());
                if (acked >= 30_000) {
                    break;
                }
            }
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(acked).isGreaterThanOrEqualTo(30_000);

        try (JournaledLedger ledger = JournaledLedger.open(new LedgerConfig(dir, 1000, Duration.ofSeconds(1)), store)) {
            List<UsageEvent> all = ledger.since(Instant.EPOCH);
            Set<String> ids = new HashSet<>();
            all.forEach(e -> ids.add(e.id()));
            assertThat(ids).hasSameSizeAs(all);
            List<String> missing = new java.util.ArrayList<>();
            for (long n = 1; n <= acked; n++) {
                if (!ids.contains("k-" + n)) {
                    missing.add("k-" + n);
                }
            }
            assertThat(missing).isEmpty();
            assertThat(ledger.replayStats().events()).isPositive(); // the kill left events only in the journal
            assertThat(ledger.replayStats().tornRecords()).isLessThanOrEqualTo(1);
        }
    }
}
