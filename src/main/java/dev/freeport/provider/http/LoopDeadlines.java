package dev.freeport.provider.http;

import io.netty.util.concurrent.FastThreadLocal;
import io.vertx.core.Vertx;

/**
 * The deadlines of one event loop's exchanges on one Vert.x timer. The entries are linked in deadline order (a new
 * one goes in from the tail, where it almost always belongs: the same timeouts, started later), and the one timer
 * is armed for the earliest. Cancelling an entry unlinks it: no timer to cancel, and the timer left armed for it
 * finds nothing due, ends nothing and arms itself for the new earliest. Per exchange that is a few field writes
 * instead of a Vert.x timer (its handler, its id in Vert.x's map, Netty's scheduled task in the loop's queue, and
 * the same again to cancel it). Used only on its event loop's thread; {@link #current} is null elsewhere.
 */
final class LoopDeadlines {
    private static final FastThreadLocal<LoopDeadlines> PER_LOOP = new FastThreadLocal<>();

    private final Vertx vertx;
    private Entry head;
    private Entry tail;
    /** the armed timer's id and the deadline it fires at, or -1 when none is armed */
    private long timer = -1;
    private long armedFor;

    private LoopDeadlines(Vertx vertx) {
        this.vertx = vertx;
    }

    /** This event loop's deadlines (made on first use), or null off an event loop thread. */
    static LoopDeadlines current(Vertx vertx) {
        if (!io.vertx.core.Context.isOnEventLoopThread()) {
            return null;
        }
        LoopDeadlines d = PER_LOOP.get();
        if (d == null) {
            d = new LoopDeadlines(vertx);
            PER_LOOP.set(d);
        }
        return d;
    }

    /** One deadline: linked while it is pending. */
    abstract static class Entry {
        private long due;
        private Entry prev;
        private Entry next;
        private boolean linked;

        /** The deadline passed (called once, on the loop, unlinked). */
        abstract void expired();

        boolean pending() {
            return linked;
        }
    }

    /** Links {@code e} (not pending) to expire at {@link System#nanoTime()} {@code dueNanos}. */
    void add(Entry e, long dueNanos) {
        e.due = dueNanos;
        e.linked = true;
        Entry after = tail;
        while (after != null && after.due - dueNanos > 0) {
            after = after.prev;
        }
        e.prev = after;
        e.next = after == null ? head : after.next;
        if (e.next != null) {
            e.next.prev = e;
        } else {
            tail = e;
        }
        if (after != null) {
            after.next = e;
        } else {
            head = e;
            arm(dueNanos);
        }
    }

    /** Unlinks {@code e}; nothing when it is not pending. */
    void remove(Entry e) {
        if (!e.linked) {
            return;
        }
        e.linked = false;
        if (e.prev != null) {
            e.prev.next = e.next;
        } else {
            head = e.next;
        }
        if (e.next != null) {
            e.next.prev = e.prev;
        } else {
            tail = e.prev;
        }
        e.prev = null;
        e.next = null;
    }

    /** Arms the timer for {@code dueNanos} unless it is already armed for that time or earlier. */
    private void arm(long dueNanos) {
        if (timer >= 0) {
            if (armedFor - dueNanos <= 0) {
                return;
            }
            vertx.cancelTimer(timer);
        }
        long millis = Math.max(1, (dueNanos - System.nanoTime() + 999_999) / 1_000_000);
        armedFor = dueNanos;
        timer = vertx.setTimer(millis, id -> fire());
    }

    /** Ends every entry that is due, then arms the timer for the earliest one left. */
    private void fire() {
        timer = -1;
        long now = System.nanoTime();
        while (head != null && head.due - now <= 0) {
            Entry e = head;
            remove(e);
            e.expired();
        }
        if (head != null) {
            arm(head.due);
        }
    }
}
