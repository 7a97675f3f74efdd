package dev.freeport.ledger;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The ledger's background thread ("freeport-ledger"): moves journaled events into the database in transactions of up
 * to {@code batchSize}, retires journal segments whose events are all committed, prepares the next segment, and runs
 * {@link Retention} between moves. It sleeps up to {@code flushInterval} between passes; {@link JournaledLedger}
 * wakes it every {@code batchSize} events, on a segment rotation and on {@link #flushThrough}.
 *
 * <p><b>Full transactions.</b> A pass moves whatever is waiting in its first transaction, then more only while a
 * whole batch is waiting (or a flush or close asks for everything): the events that arrived while it committed stay
 * in the journal and go first in the next pass's transaction. At a steady load that makes one transaction of
 * {@code batchSize} rows per wake-up instead of a full one followed by a short tail (tens of rows, then a few, then
 * one), each tail transaction paying the statements' and the commit's fixed work, among them writing the partly filled
 * table and index pages to the WAL again (BENCHMARKS.md, "Seventh pass, ledger7"). No event waits longer for it than
 * the next wake-up (at most {@code flushInterval}), and none is less durable: it is in the journal.
 */
final class LedgerMover implements Runnable {

    private static final Logger LOG = Logger.getLogger(LedgerMover.class.getName());

    private final Journal journal;
    private final LedgerStore writer;
    private final Retention retention;
    private final int batchSize;
    private final long flushIntervalNanos;
    private final Object progress = new Object();
    /** The mover's batch; kept as it is for the next try while {@code retrying} (the database was away). */
    private final Journal.Batch batch = new Journal.Batch();
    private boolean retrying;
    /** Mover thread only: the journal's last sequence number and the time at a pass's start, until committed. */
    private long markSeq = -1;
    private long markNanos;

    private volatile Thread thread;
    private volatile long committedSeq;
    /** The highest sequence number a {@link #flushThrough} waits for: moved even in a partial transaction. */
    private volatile long wantedSeq;
    /** System.nanoTime() of the latest moment such that the database holds every event journaled before it. */
    private volatile long caughtUpNanos = System.nanoTime();
    private volatile boolean stopping;
    private volatile Exception lastError;
    private long transactions;

    LedgerMover(Journal journal, LedgerStore writer, Retention retention, int batchSize, long flushIntervalNanos) {
        this.journal = journal;
        this.writer = writer;
        this.retention = retention;
        this.batchSize = batchSize;
        this.flushIntervalNanos = flushIntervalNanos;
    }

    /** Starts the background thread (once). */
    void start(Thread t) {
        this.thread = t;
        t.start();
    }

    void wake() {
        LockSupport.unpark(thread);
    }

    long committedSeq() {
        return committedSeq;
    }

    long caughtUpNanos() {
        return caughtUpNanos;
    }

    Exception lastError() {
        return lastError;
    }

    /** Insert transactions committed so far (benchmarks; read racily). */
    long transactions() {
        return transactions;
    }

    /** Waits until every event up to {@code target} is in the database. */
    void flushThrough(long target) {
        if (committedSeq >= target) {
            return;
        }
        if (Thread.currentThread() == thread) {
            throw new IllegalStateException("flush from the ledger thread");
        }
        synchronized (progress) {
            if (wantedSeq < target) {
                wantedSeq = target;
            }
        }
        wake();
        synchronized (progress) {
            while (committedSeq < target) {
                if (!thread.isAlive()) {
                    throw new IllegalStateException("ledger thread stopped", lastError);
                }
                try {
                    progress.wait(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while flushing the ledger", e);
                }
                wake();
            }
        }
    }

    /** Moves what is left, then ends the thread's loop and waits for it. */
    void stop() {
        stopping = true;
        wake();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        while (true) {
            boolean last = stopping;
            moveBatches(last);
            retireFinished();
            boolean more = retention != null && !last && retention.step();
            synchronized (progress) {
                progress.notifyAll();
            }
            try {
                if (last) {
                    journal.discardSpares();
                    return;
                }
                journal.ensureSpare(); // after retiring: the spare reuses the segment just retired
            } catch (IOException e) {
                fail(e);
                if (last) {
                    return;
                }
            }
            if (!more) {
                LockSupport.parkNanos(this, flushIntervalNanos);
            }
        }
    }

    private void moveBatches(boolean all) {
        if (markSeq < 0) {
            markSeq = journal.lastSeq();
            markNanos = System.nanoTime();
        }
        boolean first = true;
        while (true) {
            if (!retrying) {
                if (!first && !all && journal.lastSeq() - committedSeq < batchSize && committedSeq >= wantedSeq) {
                    return; // a partial batch waits for the next pass (see the class comment)
                }
                journal.take(batch, batchSize);
            }
            first = false;
            if (batch.size() == 0) {
                caughtUpNanos = System.nanoTime();
                markSeq = -1;
                return;
            }
            try {
                writer.insert(batch.events());
            } catch (SQLException e) {
                retrying = true; // the same events next time
                fail(e);
                return;
            }
            transactions++;
            retrying = false;
            long last = batch.lastSeq();
            batch.committed();
            committedSeq = last;
            if (markSeq >= 0 && last >= markSeq) {
                caughtUpNanos = markNanos;
                markSeq = -1;
            }
            synchronized (progress) {
                progress.notifyAll();
            }
            if (journal.needsSpare()) { // a rotation since: a mover still busy with a backlog prepares the next now
                retireFinished();
                prepareSpare();
            }
        }
    }

    private void prepareSpare() {
        try {
            journal.ensureSpare();
        } catch (IOException e) {
            fail(e);
        }
    }

    private void retireFinished() {
        List<JournalSegment> done = journal.takeFinished();
        if (done.isEmpty()) {
            return;
        }
        List<LedgerStore.SegmentDone> marks = new ArrayList<>();
        for (JournalSegment s : done) {
            marks.add(new LedgerStore.SegmentDone(s.number, s.records()));
        }
        try {
            writer.markSegmentsDone(marks);
            journal.retire(done);
        } catch (SQLException | IOException e) {
            fail(e); // the files stay; the next open() replays them harmlessly
        }
    }

    private void fail(Exception e) {
        lastError = e;
        LOG.log(Level.WARNING, "ledger background step failed, will retry", e);
    }
}
