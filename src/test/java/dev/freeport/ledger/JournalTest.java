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
    void eventsQueuedPastTheQueuesFirstSizeAreTakenInAppendOrderWithTheirSegments() throws Exception {
        Journal j = new Journal(dir, 1, 4 * 1024 * 1024, () -> { }); // one segment holds them all
        UsageEvent[] events = new UsageEvent[Journal.QUEUED * 2 + 100]; // the database away: the queue grows twice
        for (int i = 0; i < events.length; i++) {
            events[i] = Events.simple("q" + i, i);
        }
        byte[] b = EventCodec.encode(events[0]);
        for (int i = 0; i < 1000; i++) {
            j.append(b, events[i]);
        }
        Journal.Batch taken = new Journal.Batch();
        j.take(taken, 700); // the oldest 700 taken: the next appends wrap around the array's end
        assertThat(taken.event(0)).isSameAs(events[0]);
        assertThat(taken.lastSeq()).isEqualTo(700);
        JournalSegment segment = taken.segment(0);
        taken.committed();
        for (int i = 1000; i < events.length; i++) {
            j.append(b, events[i]);
        }
        List<UsageEvent> rest = new ArrayList<>();
        long last = 700;
        while (true) {
            j.take(taken, 500);
            if (taken.size() == 0) {
                break;
            }
            assertThat(taken.lastSeq()).isEqualTo(last + taken.size());
            last = taken.lastSeq();
            for (int i = 0; i < taken.size(); i++) {
                rest.add(taken.event(i));
            }
            taken.committed();
        }
        assertThat(last).isEqualTo(events.length);
        assertThat(segment.committed.get()).isEqualTo(events.length);
        assertThat(rest).containsExactly(java.util.Arrays.copyOfRange(events, 700, events.length));
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
