package dev.freeport.server;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.transport.Transport;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Which network transport the gateway's Vert.x runs on (FREEPORT_TRANSPORT / freeport.transport). */
class TransportsTest {

    @Test
    void nioAskedForByNameIsChosenEvenWhereANativeTransportCouldRun() {
        assertThat(Transports.choose("nio")).isSameAs(Transport.NIO);
        assertThat(Transports.choose(" NIO ")).isSameAs(Transport.NIO);
    }

    @Test
    void autoChoosesIoUringWhereItRuns() {
        assertThat(Transports.choose("auto", runs("io_uring", "epoll"))).isEqualTo(new Transports.Choice("io_uring",
                null));
        assertThat(Transports.choose(null, runs("io_uring", "epoll")).name()).isEqualTo("io_uring");
        assertThat(Transports.choose(" ", runs("io_uring", "epoll")).name()).isEqualTo("io_uring");
    }

    @Test
    void autoChoosesEpollWhereIoUringIsRefused() {
        assertThat(Transports.choose("auto", runs("epoll"))).isEqualTo(new Transports.Choice("epoll", null));
    }

    @Test
    void autoFallsBackToNioWhereNoNativeTransportRuns() {
        assertThat(Transports.choose("auto", runs()).name()).isEqualTo("nio");
        assertThat(Transports.choose("auto", runs("kqueue")).name()).isEqualTo("kqueue");
    }

    @Test
    void ioUringAskedForByNameIsChosenWhereItRuns() {
        assertThat(Transports.choose("io_uring", runs("io_uring", "epoll"))).isEqualTo(new Transports.Choice(
                "io_uring", null));
        assertThat(Transports.choose("IO-URING", runs("io_uring", "epoll")).name()).isEqualTo("io_uring");
    }

    @Test
    void ioUringAskedForWhereItIsRefusedFallsBackToEpollWithAWarningNamingWhy() {
        Transports.Choice choice = Transports.choose("io_uring", name -> name.equals("epoll") ? null
                : "failed to create io_uring ring fd Operation not permitted");
        assertThat(choice.name()).isEqualTo("epoll");
        assertThat(choice.warning()).isEqualTo("transport 'io_uring' cannot run here (failed to create io_uring ring fd"
                + " Operation not permitted); chose epoll automatically");
    }

    @Test
    void onThisLinuxMachineIoUringRunsWhenAskedForAndByDefault() {
        assumeTrue(Transport.IO_URING != null && Transport.IO_URING.available(), "io_uring runs here");
        assertThat(Transports.choose("io_uring")).isSameAs(Transport.IO_URING);
        assertThat(Transports.choose("auto")).isSameAs(Transport.IO_URING);
    }

    @Test
    void anUnknownNameFallsBackToTheAutomaticChoice() {
        assertThat(Transports.choose("carrier-pigeon")).isSameAs(Transports.choose("auto"));
    }

    @Test
    void aTransportThatCannotRunHereFallsBackToTheAutomaticChoice() {
        // kqueue is macOS's: on Linux its classes are absent (Vert.x leaves it out) or it is not available
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"), "Linux");
        assertThat(Transports.choose("kqueue")).isSameAs(Transports.choose("auto"));
    }

    @Test
    void aTransportWhoseEventLoopsCannotStartIsLeftForTheNextOne() throws Exception {
        java.util.List<String> tried = new java.util.ArrayList<>();
        Vertx vertx = Transports.vertx("io_uring", name -> name.equals("kqueue") ? "absent" : null, t -> {
            tried.add(t.name());
            if (t != Transport.NIO) {
                throw new IllegalStateException("failed to create io_uring ring: Cannot allocate memory");
            }
            return Vertx.builder().with(new VertxOptions().setEventLoopPoolSize(1)).withTransport(t).build();
        });
        try {
            assertThat(tried).containsExactly("io_uring", "epoll", "nio");
            assertThat(roundTrip(vertx)).isEqualTo("answered");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aVertxBuiltForNioServesHttpOnNio() throws Exception {
        Vertx vertx = Transports.vertx(new VertxOptions().setEventLoopPoolSize(1), "nio");
        try {
            assertThat(vertx.isNativeTransportEnabled()).isFalse();
            assertThat(roundTrip(vertx)).isEqualTo("answered");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aVertxBuiltForIoUringServesHttpOnIoUring() throws Exception {
        assumeTrue(Transport.IO_URING != null && Transport.IO_URING.available(), "io_uring runs here");
        Vertx vertx = Transports.vertx(new VertxOptions().setEventLoopPoolSize(1), "io_uring");
        try {
            assertThat(((io.vertx.core.internal.VertxInternal) vertx).transport())
                    .isSameAs(Transport.IO_URING.implementation());
            assertThat(roundTrip(vertx)).isEqualTo("answered");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** Availability where exactly the transports {@code running} can run. */
    private static java.util.function.Function<String, String> runs(String... running) {
        var set = java.util.Set.of(running);
        return name -> set.contains(name) ? null : "refused";
    }

    /**
     * A request from the Vert.x's own client to its own server, both on its transport; the answer's body. When no
     * answer comes, the failure says what each side saw, in order: whether the server accepted the connection and
     * read the request, and which side's connection closed (or failed) first.
     */
    private static String roundTrip(Vertx vertx) throws Exception {
        long start = System.nanoTime();
        java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.function.Consumer<String> saw = what -> seen.add(
                (System.nanoTime() - start) / 1_000_000 + " ms: " + what);
        var server = vertx.createHttpServer()
                .connectionHandler(c -> {
                    saw.accept("the server accepted a connection from " + c.remoteAddress());
                    c.exceptionHandler(e -> saw.accept("the server's connection failed: " + e));
                    c.closeHandler(v -> saw.accept("the server's connection closed"));
                })
                .requestHandler(r -> {
                    saw.accept("the server read " + r.method() + " " + r.uri());
                    r.response().end("answered").onComplete(ar -> saw.accept(ar.succeeded()
                            ? "the server's answer was written" : "the server's answer failed: " + ar.cause()));
                })
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        try {
            return vertx.createHttpClient()
                    .request(HttpMethod.GET, server.actualPort(), "127.0.0.1", "/")
                    .compose(req -> {
                        saw.accept("the client connected from " + req.connection().localAddress());
                        req.connection().closeHandler(v -> saw.accept("the client's connection closed"));
                        return req.send().compose(res -> res.body());
                    })
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).toString();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
            throw new AssertionError("no answer over " + ((io.vertx.core.internal.VertxInternal) vertx).transport()
                    .getClass().getSimpleName() + ": " + cause + "; what each side saw, in order: " + seen, cause);
        }
    }
}
