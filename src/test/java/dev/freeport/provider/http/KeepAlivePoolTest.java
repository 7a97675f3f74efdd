package dev.freeport.provider.http;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keep-alive rules both upstream pools share, on a pool whose connections are plain objects: what it connects,
 * hands out, closes and fails is recorded (the pools over real sockets: {@link RawPoolTest}, {@link LoopPoolTest}).
 * Everything runs on one Vert.x context, as the pools do on their event loop.
 */
class KeepAlivePoolTest {
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    private final Context loop = vertx.getOrCreateContext();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A connection: a name and the pool's slot. */
    record Conn(String name, KeepAlivePool.Slot slot) implements KeepAlivePool.Pooled {
        Conn(String name) {
            this(name, new KeepAlivePool.Slot());
        }
    }

    /** A request: a name and how long it may wait. */
    record Ask(String name, long connectMillis) {
    }

    /** Records what the pool does; a connect completes only when the test says so. */
    static final class Recording extends KeepAlivePool<Conn, Ask> {
        final List<Ask> connecting = new ArrayList<>();
        final List<String> handed = new ArrayList<>();
        final List<String> closedTransports = new ArrayList<>();
        final List<String> failed = new ArrayList<>();

        Recording(Vertx vertx, int maxConnections, int maxWaiters, long keepAliveMillis) {
            super(vertx, maxConnections, maxWaiters, keepAliveMillis);
        }

        @Override
        void connect(Ask ask) {
            connecting.add(ask);
        }

        @Override
        void hand(Conn c, Ask ask, boolean fresh) {
            handed.add(ask.name() + "@" + c.name() + (fresh ? " fresh" : ""));
        }

        @Override
        void closeTransport(Conn c) {
            closedTransports.add(c.name());
        }

        @Override
        void fail(Ask ask, Throwable cause) {
            failed.add(ask.name() + ": " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }

        @Override
        long connectMillis(Ask ask) {
            return ask.connectMillis();
        }

        /** A request {@code ask} (no wait limit) that gets a new connection {@code conn} of its own. */
        Conn connectedFor(String ask, String conn) {
            ask(ask);
            Conn c = new Conn(conn);
            connected(c, connecting.get(connecting.size() - 1), false);
            return c;
        }

        /** A request {@code ask} with no wait limit. */
        void ask(String ask) {
            ask(new Ask(ask, 0));
        }

        /** {@code ask} from an idle connection, or through {@link #acquire}. */
        void ask(Ask ask) {
            Conn c = idleConn();
            if (c != null) {
                hand(c, ask, false);
            } else {
                acquire(ask);
            }
        }
    }

    private <T> T onLoop(Supplier<T> work) throws Exception {
        CompletableFuture<T> done = new CompletableFuture<>();
        loop.runOnContext(v -> {
            try {
                done.complete(work.get());
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        return done.get(10, TimeUnit.SECONDS);
    }

    private void run(Runnable work) throws Exception {
        onLoop(() -> {
            work.run();
            return null;
        });
    }

    private Recording pool(int maxConnections, int maxWaiters, long keepAliveMillis) throws Exception {
        return onLoop(() -> new Recording(vertx, maxConnections, maxWaiters, keepAliveMillis));
    }

    /** A pool of {@code maxConnections} whose one connection "a", made for "r1", came back idle. */
    private Recording withIdleConnection(int maxConnections, long keepAliveMillis) throws Exception {
        Recording pool = pool(maxConnections, 4, keepAliveMillis);
        run(() -> pool.release(pool.connectedFor("r1", "a")));
        return pool;
    }

    @Test
    void aConnectionThatCameBackIsHandedOutAgainMostRecentlyUsedFirst() throws Exception {
        Recording pool = pool(4, 4, 60_000);
        run(() -> {
            Conn a = pool.connectedFor("r1", "a");
            Conn b = pool.connectedFor("r2", "b");
            pool.release(a);
            pool.release(b);
            pool.ask("r3");
        });
        assertThat(pool.handed).containsExactly("r1@a fresh", "r2@b fresh", "r3@b");
        assertThat(pool.open()).isEqualTo(2);
        assertThat(pool.idle()).isEqualTo(1);
    }

    @Test
    void atItsBoundARequestWaitsAndGetsTheFirstConnectionThatComesBack() throws Exception {
        Recording pool = pool(1, 4, 60_000);
        Conn[] a = new Conn[1];
        run(() -> {
            a[0] = pool.connectedFor("r1", "a");
            pool.ask("r2");
            pool.ask("r3");
        });
        assertThat(pool.connecting).hasSize(1);
        assertThat(pool.waiting()).isEqualTo(2);
        run(() -> pool.release(a[0]));
        assertThat(pool.handed).containsExactly("r1@a fresh", "r2@a");
        assertThat(pool.waiting()).isEqualTo(1);
    }

    @Test
    void beyondItsWaitQueueARequestFailsAtOnceAsAFullPool() throws Exception {
        Recording pool = pool(1, 1, 60_000);
        run(() -> {
            pool.ask("r1");
            pool.ask("r2");
            pool.ask("r3");
        });
        assertThat(pool.failed).containsExactly("r3: " + ConnectionPoolTooBusyException.class.getSimpleName()
                + ": connection pool reached its wait queue's size 1");
        assertThat(pool.waiting()).isEqualTo(1);
    }

    @Test
    void aWaitingRequestFailsAtItsConnectTimeoutAndLeavesTheQueue() throws Exception {
        Recording pool = pool(1, 4, 60_000);
        run(() -> {
            pool.ask("r1");
            pool.ask(new Ask("r2", 50));
        });
        Thread.sleep(300);
        assertThat(onLoop(() -> List.copyOf(pool.failed))).containsExactly(
                "r2: " + TimeoutException.class.getSimpleName() + ": no connection within the connect timeout: timed out");
        assertThat(onLoop(pool::waiting)).isZero();
    }

    @Test
    void aRetiredConnectionMakesRoomForTheFirstWaitersNewConnection() throws Exception {
        Recording pool = pool(1, 4, 60_000);
        run(() -> {
            Conn a = pool.connectedFor("r1", "a");
            pool.ask("r2");
            pool.retire(a);
        });
        assertThat(pool.closedTransports).containsExactly("a");
        assertThat(pool.connecting).extracting(Ask::name).containsExactly("r1", "r2");
        assertThat(pool.open()).isEqualTo(1);
        assertThat(pool.waiting()).isZero();
    }

    @Test
    void aConnectionThatClosedIsNeitherHandedOutNorClosedAgain() throws Exception {
        Recording pool = withIdleConnection(4, 60_000);
        run(() -> {
            Conn a = pool.lastIdle();
            pool.closed(a);
            pool.closed(a);
            pool.ask("r2");
        });
        assertThat(pool.handed).containsExactly("r1@a fresh");
        assertThat(pool.closedTransports).isEmpty();
        assertThat(pool.connecting).extracting(Ask::name).containsExactly("r1", "r2");
        assertThat(pool.open()).isEqualTo(1);
    }

    @Test
    void anIdleConnectionPastTheKeepAliveTimeIsClosedInsteadOfHandedOut() throws Exception {
        Recording pool = withIdleConnection(4, 50);
        Thread.sleep(120);
        run(() -> pool.ask("r2"));
        assertThat(pool.closedTransports).containsExactly("a");
        assertThat(pool.handed).containsExactly("r1@a fresh");
        assertThat(pool.connecting).extracting(Ask::name).containsExactly("r1", "r2");
    }

    @Test
    void theSweepClosesIdleConnectionsPastTheKeepAliveTime() throws Exception {
        Recording pool = withIdleConnection(4, 50);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5); // the sweep runs every second at least
        while (onLoop(pool::idle) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(onLoop(() -> List.copyOf(pool.closedTransports))).containsExactly("a");
        assertThat(onLoop(pool::open)).isZero();
    }

    @Test
    void aFailedConnectFailsItsRequestAndTheFirstWaiterGetsANewConnect() throws Exception {
        Recording pool = pool(1, 4, 60_000);
        run(() -> {
            pool.ask("r1");
            pool.ask("r2");
            pool.connectFailed(null, pool.connecting.get(0), new IllegalStateException("refused"));
        });
        assertThat(pool.failed).containsExactly("r1: IllegalStateException: refused");
        assertThat(pool.connecting).extracting(Ask::name).containsExactly("r1", "r2");
        assertThat(pool.open()).isEqualTo(1);
    }

    @Test
    void aConnectionMadeForARequestThatGaveUpServesTheNextOne() throws Exception {
        Recording pool = pool(4, 4, 60_000);
        run(() -> {
            pool.ask("r1");
            pool.connected(new Conn("a"), pool.connecting.get(0), true);
            pool.ask("r2");
        });
        assertThat(pool.handed).containsExactly("r2@a");
        assertThat(pool.failed).isEmpty();
    }

    @Test
    void closingFailsTheWaitersClosesTheIdleConnectionsAndRetiresOnesThatComeBack() throws Exception {
        Recording pool = pool(2, 4, 60_000);
        run(() -> {
            Conn a = pool.connectedFor("r1", "a");
            Conn b = pool.connectedFor("r2", "b");
            pool.ask("r3");
            pool.release(a);
            pool.close();
            pool.release(b);
            pool.ask("r4");
        });
        assertThat(pool.handed).containsExactly("r1@a fresh", "r2@b fresh", "r3@a");
        assertThat(pool.failed).containsExactly("r4: IllegalStateException: the upstream client is closed");
        assertThat(pool.closedTransports).containsExactly("b");
        assertThat(pool.open()).isEqualTo(1); // a is still carrying r3
        assertThat(pool.isClosed()).isTrue();
    }

    @Test
    void closingFailsTheRequestsStillWaiting() throws Exception {
        Recording pool = pool(1, 4, 60_000);
        run(() -> {
            pool.ask("r1");
            pool.ask("r2");
            pool.close();
        });
        assertThat(pool.failed).containsExactly("r2: IllegalStateException: the upstream client is closed");
        assertThat(pool.waiting()).isZero();
    }
}
