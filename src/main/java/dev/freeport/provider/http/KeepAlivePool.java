package dev.freeport.provider.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.ConnectionPoolTooBusyException;

import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeoutException;

/**
 * The rules one event loop's keep-alive connections to one upstream follow, whichever client makes them
 * ({@link RawPool} on raw Netty channels, {@link LoopPool} on Vert.x's client connections): a request takes the most
 * recently used idle connection; at most {@code maxConnections} are open or opening, then up to {@code maxWaiters}
 * requests wait, each at most its connect timeout, and beyond that they fail as a full pool; a connection that
 * comes back goes to the first waiter, or to the idle ones; one that closes, or is retired, makes room for a waiter's
 * new connection; idle connections past the keep-alive time are closed (when found, and by a periodic sweep). A
 * subclass says how a connection is made, handed a request, and closed. Confined to its event loop: every method
 * runs on that loop's thread.
 *
 * @param <C> a connection
 * @param <A> a request waiting for one (not sent yet)
 */
abstract class KeepAlivePool<C extends KeepAlivePool.Pooled, A> {
    /** What the pool keeps of a connection. */
    static final class Slot {
        /** the connection closed, or was retired: it is never handed out again */
        boolean dead;
        /** when it last became idle ({@link System#nanoTime}) */
        long idleSince;
    }

    /** A connection the pool keeps. */
    interface Pooled {
        Slot slot();
    }

    /** A request waiting for a connection: the pool was at its bound. */
    private static final class Waiter<A> {
        final A ask;
        long timer = -1;

        Waiter(A ask) {
            this.ask = ask;
        }
    }

    final Vertx vertx;
    private final int maxConnections;
    private final int maxWaiters;
    private final long keepAliveNanos;
    private final ArrayDeque<C> idle = new ArrayDeque<>();
    private final ArrayDeque<Waiter<A>> waiters = new ArrayDeque<>();
    private final long sweeper;
    private int open;
    private boolean closed;

    KeepAlivePool(Vertx vertx, int maxConnections, int maxWaiters, long keepAliveMillis) {
        this.vertx = vertx;
        this.maxConnections = maxConnections;
        this.maxWaiters = maxWaiters;
        this.keepAliveNanos = keepAliveMillis * 1_000_000L;
        this.sweeper = vertx.setPeriodic(Math.max(1000, keepAliveMillis / 2), id -> closeExpired());
    }

    /**
     * Makes a connection for {@code ask} (already counted open); the outcome goes to {@link #connected} or
     * {@link #connectFailed}.
     */
    abstract void connect(A ask);

    /**
     * {@code ask} goes out on {@code c}: an idle connection, one that just came back, or ({@code fresh}) one just
     * made for it.
     */
    abstract void hand(C c, A ask, boolean fresh);

    /** Closes {@code c}'s transport (the pool already counts it gone). */
    abstract void closeTransport(C c);

    /** Fails {@code ask} with {@code cause}, as the client's request would fail. */
    abstract void fail(A ask, Throwable cause);

    /** How long {@code ask} may wait for a connection, in ms (0: no limit). */
    abstract long connectMillis(A ask);

    /** Whether an idle connection is known closed though the pool was not told yet (then it is not handed out). */
    boolean closedUnseen(C c) {
        return false;
    }

    /** The most recently used idle connection that is still good, or null; expired and closed ones are retired. */
    final C idleConn() {
        if (closed) {
            return null;
        }
        long now = System.nanoTime();
        C c;
        while ((c = idle.pollLast()) != null) {
            if (c.slot().dead) {
                continue;
            }
            if (now - c.slot().idleSince > keepAliveNanos || closedUnseen(c)) {
                retire(c);
                continue;
            }
            return c;
        }
        return null;
    }

    /** No idle connection was there: a new one for {@code ask}, or a wait for one, or a full pool. */
    final void acquire(A ask) {
        if (closed) {
            fail(ask, new IllegalStateException("the upstream client is closed"));
            return;
        }
        if (open < maxConnections) {
            open++;
            connect(ask);
        } else if (waiters.size() >= maxWaiters) {
            fail(ask, new ConnectionPoolTooBusyException("connection pool reached its wait queue's size "
                    + maxWaiters));
        } else {
            Waiter<A> w = new Waiter<>(ask);
            long connectMillis = connectMillis(ask);
            if (connectMillis > 0) {
                w.timer = vertx.setTimer(connectMillis, id -> {
                    if (waiters.remove(w)) {
                        fail(w.ask, new TimeoutException("no connection within the connect timeout: timed out"));
                    }
                });
            }
            waiters.add(w);
        }
    }

    /**
     * A connect for {@code ask} failed with {@code failure}; {@code c} is the connection the client had begun (it is
     * closed), or null.
     */
    final void connectFailed(C c, A ask, Throwable failure) {
        if (c == null) {
            open--;
        } else if (!c.slot().dead) {
            c.slot().dead = true;
            open--;
            closeTransport(c);
        }
        fail(ask, failure);
        connectForWaiter();
    }

    /**
     * A connect for {@code ask} made {@code c}: it serves the request, or others if the request gave up meanwhile
     * ({@code settled}).
     */
    final void connected(C c, A ask, boolean settled) {
        if (c.slot().dead) { // closed during a TLS handshake
            fail(ask, new ClosedChannelException());
        } else if (closed) {
            retire(c);
            fail(ask, new IllegalStateException("the upstream client is closed"));
        } else if (settled) { // timed out meanwhile: the connection serves others
            release(c);
        } else {
            hand(c, ask, true);
        }
    }

    /**
     * A connection that could not even be begun (no channel: out of file descriptors), already counted open, is
     * counted gone; no waiter is tried in its place (it would fail the same way, one stack frame deeper each time).
     */
    final void notMade() {
        open--;
    }

    /** {@code c}'s request is done with it and it may carry another: to the first waiter, or idle. */
    final void release(C c) {
        if (c.slot().dead) {
            return;
        }
        if (closed) {
            retire(c);
            return;
        }
        Waiter<A> w = waiters.poll();
        if (w != null) {
            cancelTimer(w);
            hand(c, w.ask, false);
            return;
        }
        c.slot().idleSince = System.nanoTime();
        idle.addLast(c);
    }

    /** Closes a connection the pool will not hand out again. */
    void retire(C c) {
        if (!c.slot().dead) {
            c.slot().dead = true;
            open--;
            idle.remove(c);
            closeTransport(c);
            connectForWaiter();
        }
    }

    /** {@code c} closed (the transport says so). */
    final void closed(C c) {
        if (!c.slot().dead) {
            c.slot().dead = true;
            open--;
            idle.remove(c);
            connectForWaiter();
        }
    }

    /** A connection left: the first waiter (if any) gets a new one. */
    private void connectForWaiter() {
        if (closed || open >= maxConnections) {
            return;
        }
        Waiter<A> w = waiters.poll();
        if (w != null) {
            cancelTimer(w);
            open++;
            connect(w.ask);
        }
    }

    /** Idle connections past the keep-alive time, oldest first. */
    private void closeExpired() {
        long now = System.nanoTime();
        C c;
        while ((c = idle.peekFirst()) != null && now - c.slot().idleSince > keepAliveNanos) {
            retire(c);
        }
    }

    private void cancelTimer(Waiter<A> w) {
        if (w.timer >= 0) {
            vertx.cancelTimer(w.timer);
        }
    }

    final boolean isClosed() {
        return closed;
    }

    final int open() {
        return open;
    }

    final int idle() {
        return idle.size();
    }

    /** The most recently used idle connection, or null (tests). */
    final C lastIdle() {
        return idle.peekLast();
    }

    final int waiting() {
        return waiters.size();
    }

    /** Closes every idle connection and fails the waiters; connections in use close when their request ends. */
    final void close() {
        closed = true;
        vertx.cancelTimer(sweeper);
        Waiter<A> w;
        while ((w = waiters.poll()) != null) {
            cancelTimer(w);
            fail(w.ask, new IllegalStateException("the upstream client is closed"));
        }
        C c;
        while ((c = idle.pollLast()) != null) {
            retire(c);
        }
    }
}
