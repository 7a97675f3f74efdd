package dev.freeport.ledger;

import dev.freeport.config.LedgerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the journal leaves in the process's address space (Linux: /proc/self/maps): retired segments are reused, so
 * a long run maps a small constant number of segment files and never holds a deleted one.
 */
@EnabledOnOs(OS.LINUX)
class JournalMappingsTest {

    private static final int SEGMENT = 32 * 1024;
    private static final int SEGMENTS_WORTH = 60;

    @TempDir
    Path dir;

    /** The lines of /proc/self/maps that map a file of this test's journal. */
    private List<String> journalMappings() throws IOException {
        String journal = dir.resolve("journal").toRealPath().toString();
        return Files.readAllLines(Path.of("/proc/self/maps")).stream().filter(l -> l.contains(journal)).toList();
    }

    private long journalBytes() throws IOException {
        try (var files = Files.list(dir.resolve("journal"))) {
            return files.mapToLong(p -> p.toFile().length()).sum();
        }
    }

    @Test
    void sixtySegmentsOfEventsMapAtMostFourFilesAndNoDeletedOne() throws Exception {
        int perSegment = (SEGMENT - JournalSegment.HEADER_BYTES)
                / (EventCodec.encode(Events.simple("m-0-0", 0)).length + JournalSegment.RECORD_OVERHEAD);
        int maxMapped = 0;
        long maxBytes = 0;
        try (JournaledLedger ledger = JournaledLedger.open(new LedgerConfig(dir, 50, Duration.ofMillis(5)), SEGMENT)) {
            for (int s = 0; s < SEGMENTS_WORTH; s++) {
                for (int i = 0; i < perSegment; i++) {
                    ledger.record(Events.simple("m-" + s + "-" + i, i));
                }
                ledger.flush();
                Thread.sleep(20); // the background thread retires the full segment after its commit
                List<String> maps = journalMappings();
                assertThat(maps).as("segment %d", s).noneMatch(l -> l.endsWith("(deleted)"));
                maxMapped = Math.max(maxMapped, maps.size());
                maxBytes = Math.max(maxBytes, journalBytes());
            }
            assertThat(ledger.since(Instant.EPOCH)).hasSize(SEGMENTS_WORTH * perSegment);
        }
        assertThat(maxMapped).isBetween(1, 4);
        assertThat(maxBytes).isLessThanOrEqualTo(4L * SEGMENT);
    }

    /** Bytes of address space the journal's mappings span: "start-end perms ..." lines of /proc/self/maps. */
    private long mappedBytes() throws IOException {
        return journalMappings().stream().mapToLong(l -> {
            String[] range = l.substring(0, l.indexOf(' ')).split("-");
            return Long.parseUnsignedLong(range[1], 16) - Long.parseUnsignedLong(range[0], 16);
        }).sum();
    }

    @Test
    void theDefaultJournalMapsAtMostEightMiBWhenIdle() throws Exception {
        try (JournaledLedger ledger = JournaledLedger.open(new LedgerConfig(dir, 50, Duration.ofMillis(5)))) {
            ledger.record(Events.simple("d-1", 0));
            ledger.flush();
            Thread.sleep(50); // the background thread prepares the spare segment
            assertThat(journalMappings()).hasSizeBetween(1, 2);
            assertThat(mappedBytes()).isLessThanOrEqualTo(8L * 1024 * 1024);
        }
    }
}
