package dev.freeport.ledger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JournalTest {

    @TempDir
    Path dir;

    private static List<UsageEvent> readAll(Path dir) throws Exception {
        List<UsageEvent> out = new ArrayList<>();
        for (Path p : JournalSegment.list(dir)) {
            out.addAll(JournalSegment.scan(p).events());
        }
        return out;
    }

    @Test
    void rotationWithoutPreparedSpareCreatesSegmentOnTheCallerAndLosesNothing() throws Exception {
        Journal j = new Journal(dir, 1, 4096, () -> { });
        List<UsageEvent> written = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            UsageEvent e = Events.simple("j" + i, i);
            written.add(e);
            j.append(EventCodec.encode(e), e);
        }
        assertThat(j.syncAllocations()).isPositive();
        assertThat(JournalSegment.list(dir)).hasSizeGreaterThan(3);
        assertThat(readAll(dir)).containsExactlyElementsOf(written);
    }

    @Test
    void rotationTakesThePreparedSpare() throws Exception {
        int[] rotations = {0};
        Journal j = new Journal(dir, 1, 4096, () -> rotations[0]++);
        j.ensureSpare();
        UsageEvent e = Events.simple("x", 0);
        byte[] b = EventCodec.encode(e);
        int perSegment = (4096 - JournalSegment.HEADER_BYTES) / (b.length + JournalSegment.RECORD_OVERHEAD);
        for (int i = 0; i <= perSegment; i++) {
            j.append(b, e);
        }
        assertThat(rotations[0]).isEqualTo(1);
        assertThat(j.syncAllocations()).isZero();
        Journal.Batch taken = new Journal.Batch();
        j.take(taken, 10_000);
        assertThat(taken.size()).isEqualTo(perSegment + 1);
        assertThat(taken.lastSeq()).isEqualTo(perSegment + 1);
    }

    @Test
    void sealedSegmentIsFinishedOnlyWhenEveryRecordIsCommitted() throws Exception {
        Journal j = new Journal(dir, 1, 4096, () -> { });
        UsageEvent e = Events.simple("y", 0);
        byte[] b = EventCodec.encode(e);
        while (j.lastSeq() < 40) {
            j.append(b, e);
        }
        Journal.Batch taken = new Journal.Batch();
        j.take(taken, 1000);
        JournalSegment first = taken.segment(0);
        assertThat(first.isSealed()).isTrue();
        for (int i = 1; i < taken.size(); i++) {
            if (taken.segment(i) == first) {
                first.committed.incrementAndGet();
            }
        }
        assertThat(j.takeFinished()).isEmpty();
        first.committed.incrementAndGet();
        assertThat(j.takeFinished()).containsExactly(first);
    }
}
