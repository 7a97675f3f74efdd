package dev.freeport.ledger;

import dev.freeport.config.LedgerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;

/** Retired journal segments are reused; nothing of a previous life is ever replayed. */
class JournalRecyclingTest {

    private static final int SIZE = 4096;

    @TempDir
    Path dir;

    private static List<UsageEvent> append(JournalSegment s, String prefix, int n) {
        List<UsageEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            UsageEvent e = Events.simple(prefix + i, i);
            assertThat(s.tryAppend(EventCodec.encode(e))).isTrue();
            out.add(e);
        }
        return out;
    }

    private static String[] names(Path dir) throws Exception {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    @Test
    void reusedSegmentReplaysOnlyTheRecordsOfItsNewLife() throws Exception {
        JournalSegment first = JournalSegment.create(dir, 1, SIZE);
        append(first, "old", 10);
        first.seal();
        JournalSegment second = first.retire(false).reuse(dir, 2);
        List<UsageEvent> fresh = append(second, "new", 3);

        assertThat(names(dir)).containsExactly("seg-0000000000000002.jnl");
        assertThat(JournalSegment.scan(second.path)).isEqualTo(new JournalSegment.Scan(2, fresh, 0, true));
    }

    @Test
    void recordsOfAPreviousLifeLeftUnzeroedByAPowerLossAreNotReplayed() throws Exception {
        JournalSegment first = JournalSegment.create(dir, 1, SIZE);
        append(first, "old", 10);
        // the rename and the new header reached the disk, the zeroed pages did not
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(first.path));
        bytes.putLong(8, 2);
        Path renamed = JournalSegment.fileName(dir, 2);
        Files.write(renamed, bytes.array());
        Files.delete(first.path);

        assertThat(JournalSegment.scan(renamed)).isEqualTo(new JournalSegment.Scan(2, List.of(), 0, true));
    }

    @Test
    void segmentWhoseHeaderNamesAnotherNumberIsNotReplayed() throws Exception {
        JournalSegment first = JournalSegment.create(dir, 1, SIZE);
        append(first, "old", 10);
        // a power loss kept the rename of a reused file but not its new header
        Path renamed = JournalSegment.fileName(dir, 2);
        Files.move(first.path, renamed);

        assertThat(JournalSegment.scan(renamed).validHeader()).isFalse();
        assertThat(JournalSegment.scan(renamed).events()).isEmpty();
    }

    @Test
    void freeFilesLeftByAKilledProcessAreDeletedAndNotReplayed() throws Exception {
        Path journal = Files.createDirectories(dir.resolve("journal"));
        JournalSegment s = JournalSegment.create(journal, 1, SIZE);
        append(s, "retired", 5);
        s.seal();
        s.retire(false); // killed after the retirement, before the reuse

        try (JournaledLedger ledger = JournaledLedger.open(new LedgerConfig(dir, 10, Duration.ofHours(1)))) {
            assertThat(ledger.replayStats().events()).isZero();
            assertThat(ledger.since(Instant.EPOCH)).isEmpty();
            assertThat(names(journal)).noneMatch(n -> n.startsWith("free-"));
        }
    }

    @Test
    void poolKeepsTwoFreeFilesAtFullSizeAndShrinksTheRestToNothing() throws Exception {
        Journal j = new Journal(dir, 1, SIZE, () -> { });
        UsageEvent e = Events.simple("p", 0);
        byte[] b = EventCodec.encode(e);
        while (j.lastSeq() < 200) { // about ten segments: the database was away, the journal kept everything
            j.append(b, e);
        }
        Journal.Batch taken = new Journal.Batch();
        j.take(taken, Integer.MAX_VALUE);
        taken.committed();
        List<JournalSegment> done = j.takeFinished();
        assertThat(done).hasSizeGreaterThan(4);

        j.retire(done);

        try (var files = Files.list(dir)) {
            List<Long> freeSizes = files.filter(p -> p.getFileName().toString().startsWith("free-"))
                    .map(p -> p.toFile().length()).sorted().toList();
            assertThat(freeSizes).hasSize(done.size());
            assertThat(freeSizes.subList(0, done.size() - Journal.WARM)).containsOnly(0L);
            assertThat(freeSizes.subList(done.size() - Journal.WARM, done.size())).containsOnly((long) SIZE);
        }
    }

    @Test
    void shrunkFreeFileRegrowsWhenReused() throws Exception {
        JournalSegment first = JournalSegment.create(dir, 1, SIZE);
        append(first, "old", 10);
        first.seal();
        JournalSegment.Free shrunk = first.retire(true);
        assertThat(shrunk.path().toFile().length()).isZero();

        JournalSegment second = shrunk.reuse(dir, 2);
        List<UsageEvent> fresh = append(second, "new", 12);

        assertThat(second.path.toFile().length()).isEqualTo(SIZE);
        assertThat(JournalSegment.scan(second.path).events()).isEqualTo(fresh);
    }

    @Test
    void formatOneSegmentOfAnOlderVersionIsStillReplayed() throws Exception {
        // [magic][format 1][number] then [length][crc32][payload]: what versions before the segment tag wrote
        UsageEvent e = Events.simple("v1", 0);
        byte[] payload = EventCodec.encode(e);
        CRC32 crc = new CRC32();
        crc.update(payload);
        ByteBuffer b = ByteBuffer.allocate(SIZE);
        b.putInt(JournalSegment.MAGIC).putInt(1).putLong(5);
        b.putInt(payload.length).putInt((int) crc.getValue()).put(payload);
        Path file = JournalSegment.fileName(dir, 5);
        Files.write(file, b.array());

        assertThat(JournalSegment.scan(file)).isEqualTo(new JournalSegment.Scan(5, List.of(e), 0, true));
    }
}
