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

    private Recording pool(int maxConnections, int maxWaiters, long keepAliveMillis) throws Exception {
        return onLoop(() -> new Recording(vertx, maxConnections, maxWaiters, keepAliveMillis));
    }

    @Test
    void aConnectionThatCameBackIsHandedOutAgainMostRecentlyUsedFirst() throws Exception {
        Recording pool = pool(4, 4, 60_000);
        Conn a = new Conn("a");
        Conn b = new Conn("b");
        onLoop(() -> {
            pool.ask(new Ask("r1", 0));
            pool.ask(new Ask("r2", 0));
            pool.connected(a, pool.connecting.get(0), false);
            pool.connected(b, pool.connecting.get(1), false);
            pool.release(a);
            pool.release(b);
            pool.ask(new Ask("r3", 0));
            return null;
        });
        assertThat(pool.handed).containsExactly("r1@a fresh", "r2@b fresh", "r3@b");
        assertThat(pool.open()).isEqualTo(2);
        assertThat(pool.idle()).isEqualTo(1);
    }

    @Test
    void atItsBoundARequestWaitsAndGetsTheFirstConnectionThatComesBack() throws Exception {
        Recording pool = pool(1, 4, 60_000);
        Conn a = new Conn("a");
        onLoop(() -> {
            pool.ask(new Ask("r1", 0));
            pool.connected(a, pool.connecting.get(0), false);
            pool.ask(new Ask("r2", 0));
            pool.ask(new Ask("r3", 0));
            return null;
        });
        assertThat(pool.connecting).hasSize(1);
        assertThat(pool.waiting()).isEqualTo(2);
        onLoop(() -> {
            pool.release(a);
            return null;
        });
        assertThat(pool.handed).containsExactly("r1@a fresh", "r2@a");
        assertThat(pool.waiting()).isEqualTo(1);
    }

    @Test
    void beyondItsWaitQueueARequestFailsAtOnceAsAFullPool() throws Exception {
        Recording pool = pool(1, 1, 60_000);
        onLoop(() -> {
            pool.ask(new Ask("r1", 0));
            pool.ask(new Ask("r2", 0));
            pool.ask(new Ask("r3", 0));
            return null;
        });
        assertThat(pool.failed).containsExactly("r3: " + ConnectionPoolTooBusyException.class.getSimpleName()
                + ": connection pool reached its wait queue's size 1");
        assertThat(pool.waiting()).isEqualTo(1);
    }

    @Test
    void aWaitingRequestFailsAtItsConnectTimeoutAndLeavesTheQueue() throws Exception {
        Recording pool = pool(1, 4, 60_000);
        onLoop(() -> {
            pool.ask(new Ask("r1", 0));
            pool.ask(new Ask("r2", 50));
            return null;
        });
        Thread.sleep(300);
        assertThat(onLoop(() -> List.copyOf(pool.failed))).containsExactly(
                "r2: " + TimeoutException.class.getSimpleName() + ": no connection within the connect timeout: timed out");
        assertThat(onLoop(pool::waiting)).isZero();
    }

    @Test
    void aRetiredConnectionMakesRoomForTheFirstWaitersNewConnection() throws Exception {
        Recording pool = pool(1, 4, 60_000);
        Conn a = new Conn("a");
        onLoop(() -> {
            pool.ask(new Ask("r1", 0));
            pool.connected(a, pool.connecting.get(0), false);
            pool.ask(new Ask("r2", 0));
            pool.retire(a);
            return null;
        });
        assertThat(pool.closedTransports).containsExactly("a");
        assertThat(pool.connecting).extracting(Ask::name).containsExactly("r1", "r2");
        assertThat(pool.open()).isEqualTo(1);
        assertThat(pool.waiting()).isZero();
    }

    @Test
    void aConnectionThatClosedIsNeitherHandedOutNorClosedAgain() throws Exception {
        Recording pool = pool(4, 4, 60_000);
        Conn a = new Conn("a");
        onLoop(() -> {
            pool.ask(new Ask("r1", 0));
            pool.connected(a, pool.connecting.get(0), false);
            pool.release(a);
            pool.closed(a);
            pool.closed(a);
            pool.ask(new Ask("r2", 0));
            return null;
        });
        assertThat(pool.handed).containsExactly("r1@a fresh");
        assertThat(pool.closedTransports).isEmpty();
        assertThat(pool.connecting).extracting(Ask::name).containsExactly("r1", "r2");
        assertThat(pool.open()).isEqualTo(1);
    }

    @Test
    void anIdleConnectionPastTheKeepAliveTimeIsClosedInsteadOfHandedOut() throws Exception {
        Recording pool = pool(4, 4, 50);
        Conn a = new Conn("a");
        onLoop(() -> {
            pool.ask(new Ask("r1", 0));
            pool.connected(a, pool.connecting.get(0), false);
            pool.release(a);
            return null;
        });
        Thread.sleep(120);
        onLoop(() -> {
            pool.ask(new Ask("r2", 0));
            return null;
        });
        assertThat(pool.closedTransports).containsExactly("a");
        assertThat(pool.handed).containsExactly("r1@a fresh");
        assertThat(pool.connecting).extracting(Ask::name).containsExactly("r1", "r2");
    }

    @Test
    void theSweepClosesIdleConnectionsPastTheKeepAliveTime() throws Exception {
        Recording pool = pool(4, 4, 50);
        Conn a = new Conn("a");
        onLoop(() -> {
            pool.ask(new Ask("r1", 0));
            pool.connected(a, pool.connecting.get(0), false);
            pool.release(a);
            return null;
        });
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
        onLoop(() -> {
            pool.ask(new Ask("r1", 0));
            pool.ask(new Ask("r2", 0));
            pool.connectFailed(null, pool.connecting.get(0), new IllegalStateException("refused"));
            return null;
        });
        assertThat(pool.failed).containsExactly("r1: IllegalStateException: refused");
        assertThat(pool.connecting).extracting(Ask::name).containsExactly("r1", "r2");
        assertThat(pool.open()).isEqualTo(1);
    }

    @Test
    void aConnectionMadeForARequestThatGaveUpServesTheNextOne() throws Exception {
        Recording pool = pool(4, 4, 60_000);
        Conn a = new Conn("a");
        onLoop(() -> {
            pool.ask(new Ask("r1", 0));
            pool.connected(a, pool.connecting.get(0), true);
            pool.ask(new Ask("r2", 0));
            return null;
        });
        assertThat(pool.handed).containsExactly("r2@a");
        assertThat(pool.failed).isEmpty();
    }

    @Test
    void closingFailsTheWaitersClosesTheIdleConnectionsAndRetiresOnesThatComeBack() throws Exception {
        Recording pool = pool(2, 4, 60_000);
        Conn a = new Conn("a");
        Conn b = new Conn("b");
        onLoop(() -> {
            pool.ask(new Ask("r1", 0));
            pool.ask(new Ask("r2", 0));
            pool.connected(a, pool.connecting.get(0), false);
            pool.connected(b, pool.connecting.get(1), false);
            pool.ask(new Ask("r3", 0));
            pool.release(a);
            pool.close();
            pool.release(b);
            pool.ask(new Ask("r4", 0));
            return null;
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
        onLoop(() -> {
            pool.ask(new Ask("r1", 0));
            pool.ask(new Ask("r2", 0));
            pool.close();
            return null;
        });
        assertThat(pool.failed).containsExactly("r2: IllegalStateException: the upstream client is closed");
        assertThat(pool.waiting()).isZero();
    }
}
