package dev.freeport.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The append side of the ledger: a chain of memory-mapped segments, one active. {@link #append} holds a lock only
 * to reserve space, copy the (already serialized) bytes and queue the event for the mover; no syscall happens there
 * in the normal case.
 *
 * <p>Rotation: when the active segment is full, the next one is taken from a spare that the background thread
 * prepared ahead of time (created, sized, mapped, pages touched). If no spare is ready (the mover fell far behind or
 * could not create files), append creates the segment itself, synchronously: a rare blocking file creation on the
 * calling thread, chosen over losing or only buffering the event in memory. {@link #syncAllocations()} counts it.
 *
 * <p>Segments are recycled (see {@link JournalSegment} for why): a retired segment goes to a pool of free files that
 * keep their mapping, and the next spare is taken from there before a new file is created. At most {@link #WARM}
 * free files keep their full size; the others are shrunk to zero bytes (no disk, no resident pages, only address space)
 * until reused, and beyond {@link #MAX_FREE} they are deleted (their empty mapping then lingers until a GC). In a
 * steady run the journal maps two or three files for good: the active one, the spare and at times one sealed segment
 * waiting for its commit; after the database was unreachable, as many as the backlog needed, all but two of them
 * empty.
 */
final class Journal {

    /**
     * Events taken from the journal for one move into the database, in append order, with the segment each one is
     * in: the mover's one reusable buffer (its arrays grow to the largest batch taken).
     */
    static final class Batch {
        private UsageEvent[] events = new UsageEvent[0];
        private JournalSegment[] segments = new JournalSegment[0];
        private int size;
        private long lastSeq;

        int size() {
            return size;
        }

        /** The sequence number of the batch's last event. */
        long lastSeq() {
            return lastSeq;
        }

        UsageEvent event(int i) {
            return events[i];
        }

        JournalSegment segment(int i) {
            return segments[i];
        }

        /** The batch's events (a view, valid until the next take). */
        List<UsageEvent> events() {
            return Arrays.asList(events).subList(0, size);
        }

        /** Counts the events as committed in their segments (one add per run of one segment) and empties the batch. */
        void committed() {
            int i = 0;
            while (i < size) {
                JournalSegment s = segments[i];
                int run = i;
                while (run < size && segments[run] == s) {
                    run++;
                }
                s.committed.addAndGet(run - i);
                i = run;
            }
            Arrays.fill(events, 0, size, null);
            Arrays.fill(segments, 0, size, null);
            size = 0;
        }

        private void ensure(int n) {
            if (events.length < n) {
                events = new UsageEvent[n];
                segments = new JournalSegment[n];
            }
        }
    }

    /** Free files kept at full size, ready to reuse without regrowing. */
    static final int WARM = 2;
    /** Free files kept at all (shrunk beyond {@link #WARM}); more are deleted. */
    static final int MAX_FREE = 64;
    /** Entries of the queue of events not yet taken by the mover, before it grows (a power of two). */
    static final int QUEUED = 4096;

    private final Path dir;
    private final int segmentBytes;
    private final Object lock = new Object();
    private final AtomicLong nextSegmentNumber;
    private final AtomicReference<JournalSegment> spare = new AtomicReference<>();
    private final ConcurrentLinkedDeque<JournalSegment.Free> free = new ConcurrentLinkedDeque<>();
    private final ConcurrentLinkedQueue<JournalSegment> segments = new ConcurrentLinkedQueue<>();
    private final AtomicLong syncAllocations = new AtomicLong();
    private final Runnable onRotate;

    /** Guarded by lock. */
    private JournalSegment active;
    private long seq;
    /**
     * Guarded by lock: the events appended and not yet taken by the mover, oldest at {@code first}, and the segment
     * each one is in: a circular buffer that doubles when full (the database is away) and goes back to
     * {@link #QUEUED} entries once drained. An append stores two references, no queue node per event.
     */
    private UsageEvent[] queued = new UsageEvent[QUEUED];
    private JournalSegment[] queuedIn = new JournalSegment[QUEUED];
    private int first;
    private int queuedCount;
    private volatile long lastSeq;
    private volatile boolean closed;

    Journal(Path dir, long firstSegmentNumber, int segmentBytes, Runnable onRotate) throws IOException {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        this.onRotate = onRotate;
        this.nextSegmentNumber = new AtomicLong(firstSegmentNumber);
        Files.createDirectories(dir);
        JournalSegment.deleteFree(dir);
        this.active = JournalSegment.create(dir, nextSegmentNumber.getAndIncrement(), segmentBytes);
        segments.add(active);
    }

    /**
     * Appends one serialized event; returns its sequence number. Thread-safe.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    long append(byte[] payload, UsageEvent event) {
        return append(payload, payload.length, JournalSegment.crc32(payload, payload.length), event);
    }

    /**
     * Appends the serialized event in {@code bytes[0, length)} whose CRC-32 is {@code crc} (computed by the caller,
     * outside the lock); returns its sequence number. Thread-safe.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    long append(byte[] bytes, int length, int crc, UsageEvent event) {
        if (length + JournalSegment.RECORD_OVERHEAD > segmentBytes - JournalSegment.HEADER_BYTES) {
            throw new IllegalArgumentException("event too large for a journal segment: " + length);
        }
        boolean rotated = false;
        long s;
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("ledger is closed");
            }
            if (!active.tryAppend(bytes, length, crc)) {
                active.seal();
                active = nextSegment();
                segments.add(active);
                rotated = true;
                if (!active.tryAppend(bytes, length, crc)) {
                    throw new IllegalStateException("fresh journal segment refused a record");
                }
            }
            if (queuedCount == queued.length) {
                grow();
            }
            int at = (first + queuedCount) & (queued.length - 1);
            queued[at] = event;
            queuedIn[at] = active;
            queuedCount++;
            s = ++seq;
            lastSeq = s;
        }
        if (rotated) {
            onRotate.run();
        }
        return s;
    }

    private JournalSegment nextSegment() {
        JournalSegment next = spare.getAndSet(null);
        if (next != null) {
            return next;
        }
        syncAllocations.incrementAndGet();
        try {
            return take();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create journal segment", e);
        }
    }

    /** A free file given a new life, else a new file. */
    private JournalSegment take() throws IOException {
        long number = nextSegmentNumber.getAndIncrement();
        JournalSegment.Free f = free.pollFirst();
        return f != null ? f.reuse(dir, number) : JournalSegment.create(dir, number, segmentBytes);
    }

    /** Background thread: makes sure a spare segment is ready for the next rotation. */
    void ensureSpare() throws IOException {
        if (spare.get() == null && !closed) {
            JournalSegment s = take();
            if (!spare.compareAndSet(null, s)) {
                s.discard();
            }
        }
    }

    /**
     * Background thread, once the database holds the segments' events durably: moves them to the free pool (warm
     * first, so reuse prefers files that need no regrowing), shrinking or deleting what the pool does not keep.
     */
    void retire(List<JournalSegment> done) throws IOException {
        for (JournalSegment s : done) {
            long warm = free.stream().filter(f -> !f.shrunk()).count();
            JournalSegment.Free f = s.retire(warm >= WARM);
            if (free.size() >= MAX_FREE) {
                f.discard();
            } else if (f.shrunk()) {
                free.addLast(f);
            } else {
                free.addFirst(f);
            }
        }
    }

    /** The sequence number of the last appended event (0 if none). */
    long lastSeq() {
        return lastSeq;
    }

    /** Guarded by lock: twice the room, the queued events first. */
    private void grow() {
        UsageEvent[] events = new UsageEvent[queued.length * 2];
        JournalSegment[] in = new JournalSegment[queued.length * 2];
        for (int i = 0; i < queuedCount; i++) {
            int at = (first + i) & (queued.length - 1);
            events[i] = queued[at];
            in[i] = queuedIn[at];
        }
        queued = events;
        queuedIn = in;
        first = 0;
    }

    /** Moves up to {@code max} appended events, oldest first, into {@code into} (emptied first). */
    void take(Batch into, int max) {
        synchronized (lock) {
            int n = Math.min(max, queuedCount);
            into.ensure(n);
            int mask = queued.length - 1;
            for (int i = 0; i < n; i++) {
                int at = (first + i) & mask;
                into.events[i] = queued[at];
                into.segments[i] = queuedIn[at];
                queued[at] = null;
                queuedIn[at] = null;
            }
            first = (first + n) & mask;
            queuedCount -= n;
            into.size = n;
            into.lastSeq = seq - queuedCount;
            if (queuedCount == 0 && queued.length > QUEUED) { // a backlog drained: give its room back
                queued = new UsageEvent[QUEUED];
                queuedIn = new JournalSegment[QUEUED];
                first = 0;
            }
        }
    }

    /** Whether the next rotation would find no prepared segment. */
    boolean needsSpare() {
        return spare.get() == null && !closed;
    }

    /** Sealed segments whose every record is committed; removes them from the journal's list. */
    List<JournalSegment> takeFinished() {
        List<JournalSegment> done = new ArrayList<>();
        for (JournalSegment s : segments) {
            if (s.isSealed() && s.committed.get() == s.records()) {
                done.add(s);
            }
        }
        segments.removeAll(done);
        return done;
    }

    /** Stops appends and seals the active segment. */
    void close() {
        synchronized (lock) {
            closed = true;
            active.seal();
        }
    }

    /**
     * Deletes the prepared spare and the free files (background thread, after {@link #close()} and the last
     * retirement), truncating each first so that its lingering mapping holds nothing.
     */
    void discardSpares() throws IOException {
        JournalSegment s = spare.getAndSet(null);
        if (s != null) {
            s.discard();
        }
        JournalSegment.Free f;
        while ((f = free.pollFirst()) != null) {
            f.discard();
        }
    }

    long syncAllocations() {
        return syncAllocations.get();
    }
}
