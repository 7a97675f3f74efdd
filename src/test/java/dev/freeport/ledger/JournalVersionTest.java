package dev.freeport.ledger;

import dev.freeport.api.Usage;
import dev.freeport.config.LedgerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Journal records across versions: what an older build left behind replays, and version 5's fingerprints. */
class JournalVersionTest {
    @TempDir
    Path dir;

    /** The three events the previous build (record version 4) wrote to the recorded segment. */
    static UsageEvent noPrefix() {
        return UsageEvent.builder("req_v4_noprefix", Events.T0.plusMillis(9)).caller("key-abc").keyId("key_1")
                .endpoint("chat").alias("bench").target("fast", "bench-upstream").attempts(1)
                .outcome(UsageEvent.Status.OK, 200, null, null).stream(true)
                .usage(new Usage(12, 3, 0, 0, 0, false)).costNanos(987).latency(4, 2L)
                .facts(new RequestFacts("openai", null, null, "0123456789abcdef", null, 0, "fedcba9876543210", 2,
                        null, "stop", false, "{\"strategy\":\"ordered\"}"))
                .cache("miss", 0).build();
    }

    @Test
    void aJournalWrittenByThePreviousBuildReplaysIntoTheLedger() throws Exception {
        Path journal = Files.createDirectories(dir.resolve("journal"));
        try (InputStream in = getClass().getResourceAsStream("/ledger/journal-v4-seg-0000000000000001.jnl")) {
            Files.copy(in, journal.resolve("seg-0000000000000001.jnl"));
        }
        try (JournaledLedger ledger = JournaledLedger.open(new LedgerConfig(dir, 500, Duration.ofMillis(5)))) {
            assertThat(ledger.replayStats().events()).isEqualTo(3);
            assertThat(ledger.replayStats().tornRecords()).isZero();
        }
        try (LedgerDb db = LedgerDb.openWritable(dir.resolve("freeport.db"))) {
            UsageEvent facts = db.byId("req_v4_facts").orElseThrow();
            assertThat(facts).isEqualTo(Events.withFacts("req_v4_facts"));
            assertThat(facts.facts().promptHex()).isEqualTo("00a1b2c3d4e5f607");
            assertThat(facts.facts().prefixHex()).isEqualTo("1111222233334444");
            assertThat(facts.facts().conversationHex()).isEqualTo("aaaabbbbccccdddd");
            assertThat(db.byId("req_v4_plain").orElseThrow()).isEqualTo(Events.simple("req_v4_plain", 5));
            UsageEvent noPrefix = db.byId("req_v4_noprefix").orElseThrow();
            assertThat(noPrefix).isEqualTo(noPrefix());
            assertThat(noPrefix.facts().prefixHex()).isNull();
            assertThat(noPrefix.facts().hasPrefix()).isFalse();
        }
    }

    @Test
    void aRecordKeepsTheFingerprintsAsLongsAndReadsThemBack() {
        UsageEvent e = Events.withFacts("req_v4_facts");
        byte[] record = EventCodec.encode(e);
        assertThat(record[0]).isEqualTo((byte) 5);
        assertThat(EventCodec.decode(record)).isEqualTo(e);
        assertThat(EventCodec.decode(EventCodec.encode(noPrefix()))).isEqualTo(noPrefix());
        // three hashes as 8-byte longs instead of a length and 16 hex digits each
        assertThat(record.length).isEqualTo(347 - 3 * (4 + 16) + 3 * 8);
    }
}
