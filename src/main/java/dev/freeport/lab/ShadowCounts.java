package dev.freeport.lab;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What happened to one alias's shadow traffic since start: requests sampled, dropped because the queue was full,
 * skipped because the shadow budget was spent, shadow requests sent, failed, and refused by the rules (not sent).
 */
final class ShadowCounts {
    final AtomicLong sampled = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
    final AtomicLong overBudget = new AtomicLong();
    final AtomicLong sent = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final AtomicLong notKept = new AtomicLong();

    /** A snapshot for the admin API. */
    Snapshot snapshot(int running, int waiting, long spentNanos) {
        return new Snapshot(sampled.get(), dropped.get(), overBudget.get(), sent.get(), failed.get(), refused.get(),
                notKept.get(), running, waiting, spentNanos);
    }

    /** The counts at one moment, with the lane's requests running and waiting and this period's spend. */
    record Snapshot(long sampled, long dropped, long overBudget, long sent, long failed, long refused, long notKept,
                    int running, int waiting, long spentNanos) {
    }
}
