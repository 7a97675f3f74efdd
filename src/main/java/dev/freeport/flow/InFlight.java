package dev.freeport.flow;

import dev.freeport.error.GatewayError;
import dev.freeport.provider.Cancellation;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The chat and embeddings requests in flight, so a stopping gateway can cancel those its grace period outlasts.
 * Each event loop keeps its own list, linked through the entries (adding and removing a request is a few field
 * writes on its own thread: no node of a shared concurrent set, no contended CAS); requests off the event loops
 * share one list under its lock.
 */
final class InFlight {
    /** One request: its cancellation, linked in the list of the loop it lives on (used on that loop only). */
    static final class Entry {
        private final Cancellation cancellation;
        private final Loop loop;
        private Entry prev;
        private Entry next;

        private Entry(Cancellation cancellation, Loop loop) {
            this.cancellation = cancellation;
            this.loop = loop;
        }
    }

    /** One event loop's requests (or, with a null context, those off the event loops, under its lock). */
    private static final class Loop {
        private final Context context;
        private final Thread thread;
        private Entry head;
        /** written by the loop's thread only; read by any (size) */
        private volatile int size;

        private Loop(Context context, Thread thread) {
            this.context = context;
            this.thread = thread;
        }

        void add(Entry e) {
            e.next = head;
            if (head != null) {
                head.prev = e;
            }
            head = e;
            size = size + 1;
        }

        void remove(Entry e) {
            if (e.prev == null && head != e) {
                return; // removed already
            }
            if (e.prev != null) {
                e.prev.next = e.next;
            } else {
                head = e.next;
            }
            if (e.next != null) {
                e.next.prev = e.prev;
            }
            e.prev = null;
            e.next = null;
            size = size - 1;
        }

        /** Cancels each request of the list; a cancellation may remove its entry, so the list is copied first. */
        void cancelAll(GatewayError reason) {
            List<Entry> all = new ArrayList<>(size);
            for (Entry e = head; e != null; e = e.next) {
                all.add(e);
            }
            all.forEach(e -> e.cancellation.cancel(reason));
        }
    }

    private final ConcurrentHashMap<Thread, Loop> loops = new ConcurrentHashMap<>();
    private final Loop offLoop = new Loop(null, null);

    Entry add(Cancellation cancellation) {
        Loop loop = loop();
        Entry e = new Entry(cancellation, loop);
        if (loop == offLoop) {
            synchronized (offLoop) {
                offLoop.add(e);
            }
        } else {
            loop.add(e);
        }
        return e;
    }

    /** On the entry's own loop (a request whose last step completed on another thread hops back to it). */
    void remove(Entry e) {
        Loop loop = e.loop;
        if (loop == offLoop) {
            synchronized (offLoop) {
                offLoop.remove(e);
            }
        } else if (Thread.currentThread() == loop.thread) {
            loop.remove(e);
        } else {
            loop.context.runOnContext(v -> loop.remove(e));
        }
    }

    int size() {
        int n = offLoop.size;
        for (Loop l : loops.values()) {
            n += l.size;
        }
        return n;
    }

    /** Cancels every request still in flight, each on its own event loop, with {@code reason} for its caller. */
    void cancelAll(GatewayError reason) {
        for (Loop l : loops.values()) {
            l.context.runOnContext(v -> l.cancelAll(reason));
        }
        List<Entry> off;
        synchronized (offLoop) {
            off = new ArrayList<>(offLoop.size);
            for (Entry e = offLoop.head; e != null; e = e.next) {
                off.add(e);
            }
        }
        off.forEach(e -> e.cancellation.cancel(reason));
    }

    /** The calling event loop's list (made on its first request), or the shared one off the event loops. */
    private Loop loop() {
        if (!Context.isOnEventLoopThread()) {
            return offLoop;
        }
        Thread t = Thread.currentThread();
        Loop l = loops.get(t);
        if (l == null) {
            Context context = Vertx.currentContext();
            if (context == null) {
                return offLoop;
            }
            l = loops.computeIfAbsent(t, k -> new Loop(context, k));
        }
        return l;
    }
}
