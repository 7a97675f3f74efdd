package dev.freeport.provider.http;

import dev.freeport.api.Timeouts;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.UpstreamException;
import dev.freeport.testing.FakeUpstream;
import io.netty.handler.ssl.SslContextBuilder;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.internal.ContextInternal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The per-event-loop raw Netty channel pool ({@link RawPool}, {@link RawCall}), against real servers on port 0. */
class RawPoolTest {
    private static final String CHAT = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    private final Vertx serverVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    private final UpstreamClient client = new UpstreamClient(vertx, true);
    private final Context loop = vertx.getOrCreateContext();
    private final MultiMap headers = MultiMap.caseInsensitiveMultiMap().set("content-type", "application/json");
    private final AtomicInteger accepted = new AtomicInteger();

    @AfterEach
    void close() throws Exception {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        serverVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A server on port 0 that answers every request with {@code answer}, counting the connections it accepts. */
    private String server(Consumer<HttpServerRequest> answer) throws Exception {
        HttpServer server = serverVertx.createHttpServer()
                .connectionHandler(c -> accepted.incrementAndGet())
                .requestHandler(r -> r.body().onSuccess(b -> answer.accept(r)));
        return "http://127.0.0.1:" + server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS).actualPort() + "/v1";
    }

    private <T> T onLoop(Supplier<Future<T>> work) throws Exception {
        CompletableFuture<T> done = new CompletableFuture<>();
        loop.runOnContext(v -> work.get().onComplete(ar -> {
            if (ar.succeeded()) {
                done.complete(ar.result());
            } else {
                done.completeExceptionally(ar.cause());
            }
        }));
        return done.get(20, TimeUnit.SECONDS);
    }

    private static Future<String> send(Future<UpstreamCall> call) {
        return call.compose(c -> c.send(Buffer.buffer(CHAT))).compose(WholeBody::read).map(Buffer::toString);
    }

    private Future<String> call(String base, Timeouts timeouts) {
        UpstreamRequest req = new UpstreamRequest(HttpMethod.POST, "/chat/completions", headers, Buffer.buffer(CHAT));
        return send(client.call(base, req, timeouts));
    }

    private String call(String base) throws Exception {
        return onLoop(() -> call(base, Timeouts.DEFAULTS));
    }

    @Test
    void requestsOneAfterAnotherOnALoopGoOnOneChannel() throws Exception {
        try (FakeUpstream upstream = FakeUpstream.start()) {
            for (int i = 0; i < 5; i++) {
                assertThat(call(upstream.baseUrl())).contains("chat.completion");
            }
            assertThat(upstream.acceptedConnections()).isEqualTo(1);
        }
    }

    @Test
    void aChannelKeepsOneSendBufferAcrossItsRequestsAndReleasesItWhenItCloses() throws Exception {
        try (FakeUpstream upstream = FakeUpstream.start()) {
            call(upstream.baseUrl());
            io.netty.buffer.ByteBuf first = onLoop(() -> Future.succeededFuture(
                    client.rawPoolOf(upstream.baseUrl()).lastIdle().keptSendBuffer()));
            for (int i = 0; i < 3; i++) {
                call(upstream.baseUrl());
            }
            RawPool pool = onLoop(() -> Future.succeededFuture(client.rawPoolOf(upstream.baseUrl())));
            assertThat(onLoop(() -> Future.succeededFuture(pool.lastIdle().keptSendBuffer()))).isSameAs(first);
            assertThat(first.refCnt()).isOne();
            onLoop(() -> {
                pool.close();
                return Future.succeededFuture();
            });
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (first.refCnt() != 0 && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            assertThat(first.refCnt()).isZero();
        }
    }

    @Test
    void requestsLargerThanTheKeptSendBufferGoOutWholeOnTheSameChannel() throws Exception {
        HttpServer server = serverVertx.createHttpServer().connectionHandler(c -> accepted.incrementAndGet())
                .requestHandler(r -> r.body().onSuccess(b -> r.response().end(b.length() + ":" + b.hashCode())));
        String base = "http://127.0.0.1:" + server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS).actualPort() + "/v1";
        for (int size : new int[] {100, RawConn.KEPT_FIRST + 1000, RawConn.KEPT_UP_TO + 5000, 100}) {
            Buffer body = Buffer.buffer("x".repeat(size).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            UpstreamRequest req = new UpstreamRequest(HttpMethod.POST, "/chat/completions", headers, body);
            String answer = onLoop(() -> client.call(base, req, Timeouts.DEFAULTS)
                    .compose(c -> c.send(body)).compose(WholeBody::read).map(Buffer::toString));
            assertThat(answer).isEqualTo(size + ":" + body.hashCode());
        }
        assertThat(accepted.get()).isOne();
    }

    @Test
    void theRequestGoesOutWithItsPathHeadersHostAndBody() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        HttpServer server = serverVertx.createHttpServer().requestHandler(r -> r.body().onSuccess(b -> {
            seen.set(r.method() + " " + r.uri() + " host=" + r.getHeader("host") + " type="
                    + r.getHeader("content-type") + " encoding=" + r.getHeader("accept-encoding") + " body=" + b);
            r.response().end("{}");
        }));
        String base = "http://127.0.0.1:" + server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS).actualPort() + "/v1";
        call(base);
        assertThat(seen.get()).isEqualTo("POST /v1/chat/completions host=" + base.substring(7, base.length() - 3)
                + " type=application/json encoding=gzip, deflate body=" + CHAT);
    }

    @Test
    void aHeaderValueWithALineBreakIsRefusedBeforeAnythingIsSent() throws Exception {
        String base = server(r -> r.response().end("{}"));
        UpstreamRequest req = new UpstreamRequest(HttpMethod.POST, "/chat/completions",
                MultiMap.caseInsensitiveMultiMap().set("x-key", "a\r\nx-injected: 1"), Buffer.buffer(CHAT));
        assertThatThrownBy(() -> onLoop(() -> send(client.call(base, req, Timeouts.DEFAULTS))))
                .cause().isInstanceOfSatisfying(UpstreamException.class,
                        e -> assertThat(e.failure().kind()).isEqualTo(FailureKind.LOCAL));
        assertThat(accepted.get()).isZero();
    }

    @Test
    void anAnswerWithConnectionCloseIsNotReused() throws Exception {
        String base = server(r -> r.response().putHeader("connection", "close").end("{\"n\":1}"));
        for (int i = 0; i < 3; i++) {
            assertThat(call(base)).isEqualTo("{\"n\":1}");
        }
        assertThat(accepted.get()).isEqualTo(3);
        assertThat(onLoop(() -> Future.succeededFuture(client.rawPoolOf(base).open()))).isZero();
    }

    @Test
    void aChannelTheServerClosedWhileIdleIsDroppedAndTheNextRequestGetsANewOne() throws Exception {
        String base = server(r -> r.response().end("{\"n\":2}").onComplete(v ->
                serverVertx.setTimer(20, t -> r.connection().close())));
        assertThat(call(base)).isEqualTo("{\"n\":2}");
        Thread.sleep(300);
        assertThat(onLoop(() -> Future.succeededFuture(client.rawPoolOf(base).idle()))).isZero();
        assertThat(call(base)).isEqualTo("{\"n\":2}");
        assertThat(accepted.get()).isEqualTo(2);
    }

    @Test
    void aChannelThatBrokeDuringAnAnswerIsNotHandedOutAgain() throws Exception {
        AtomicInteger seen = new AtomicInteger();
        String base = server(r -> {
            if (seen.incrementAndGet() == 1) {
                r.connection().close();
            } else {
                r.response().end("{\"n\":3}");
            }
        });
        assertThatThrownBy(() -> call(base));
        assertThat(call(base)).isEqualTo("{\"n\":3}");
        assertThat(call(base)).isEqualTo("{\"n\":3}");
        assertThat(accepted.get()).isEqualTo(2);
        assertThat(onLoop(() -> Future.succeededFuture(client.rawPoolOf(base).open()))).isEqualTo(1);
    }

    @Test
    void aPausedAnswerDeliversNothingUntilResumedThenEverythingInOrder() throws Exception {
        String base = server(r -> {
            r.response().setChunked(true).write("one,");
            serverVertx.setTimer(30, t -> r.response().write("two,"));
            serverVertx.setTimer(60, t -> r.response().end("three"));
        });
        UpstreamRequest req = new UpstreamRequest(HttpMethod.POST, "/chat/completions", headers, Buffer.buffer(CHAT));
        StringBuilder got = new StringBuilder();
        CompletableFuture<String> whilePaused = new CompletableFuture<>();
        String all = onLoop(() -> client.call(base, req, Timeouts.DEFAULTS).compose(c -> c.send(req.body()))
                .compose(answer -> {
                    io.vertx.core.Promise<String> done = io.vertx.core.Promise.promise();
                    answer.pause();
                    answer.handler(b -> got.append(b));
                    answer.endHandler(v -> done.complete(got.toString()));
                    vertx.setTimer(200, t -> {
                        whilePaused.complete(got.toString());
                        answer.resume();
                    });
                    return done.future();
                }));
        assertThat(whilePaused.get(1, TimeUnit.SECONDS)).isEmpty();
        assertThat(all).isEqualTo("one,two,three");
    }

    @Test
    void aFullPoolQueuesUpToItsBoundAndRefusesBeyondIt() throws Exception {
        List<HttpServerRequest> held = new ArrayList<>();
        String base = server(held::add);
        int port = Integer.parseInt(base.replaceAll(".*:(\\d+)/v1", "$1"));
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setURI("/v1/chat/completions");
        List<Future<String>> answers = new ArrayList<>();
        RawPool pool = onLoop(() -> Future.succeededFuture(new RawPool(vertx, (ContextInternal) loop, "127.0.0.1",
                port, null, 1, 1, 60_000)));
        onLoop(() -> {
            for (int i = 0; i < 2; i++) {
                answers.add(send(pool.call(options, 5_000)));
            }
            return Future.succeededFuture();
        });
        assertThat(onLoop(() -> Future.succeededFuture(pool.waiting()))).isEqualTo(1);
        assertThatThrownBy(() -> onLoop(() -> pool.call(options, 5_000)))
                .cause().isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.failure().kind()).isEqualTo(FailureKind.LOCAL);
                    assertThat(e.failure().message()).contains("the connection pool is full");
                });
        for (int i = 0; i < 2; i++) {
            awaitHeld(held, i + 1);
            serverVertx.runOnContext(v -> held.get(held.size() - 1).response().end("{\"ok\":true}"));
        }
        for (Future<String> a : answers) {
            assertThat(a.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS))
                    .isEqualTo("{\"ok\":true}");
        }
        assertThat(accepted.get()).isEqualTo(1);
    }

    @Test
    void anIdleChannelIsHandedToTheCallerBeforeTheCallReturns() throws Exception {
        try (FakeUpstream upstream = FakeUpstream.start()) {
            call(upstream.baseUrl());
            UpstreamRequest req = new UpstreamRequest(HttpMethod.POST, "/chat/completions", headers,
                    Buffer.buffer(CHAT));
            boolean[] handed = new boolean[1];
            boolean before = onLoop(() -> {
                client.call(client.base(upstream.baseUrl()), req, Timeouts.DEFAULTS, (UpstreamCall c, Throwable t) -> {
                    handed[0] = c != null;
                    c.reset();
                });
                return Future.succeededFuture(handed[0]);
            });
            assertThat(before).isTrue();
        }
    }

    @Test
    void aWaitingRequestGetsItsChannelOnItsOwnContext() throws Exception {
        List<HttpServerRequest> held = new ArrayList<>();
        String base = server(held::add);
        int port = Integer.parseInt(base.replaceAll(".*:(\\d+)/v1", "$1"));
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setURI("/v1/chat/completions");
        RawPool pool = onLoop(() -> Future.succeededFuture(new RawPool(vertx, (ContextInternal) loop, "127.0.0.1",
                port, null, 1, 1, 60_000)));
        ContextInternal other = ((io.vertx.core.internal.VertxInternal) vertx).createEventLoopContext();
        CompletableFuture<Boolean> onOwn = new CompletableFuture<>();
        Future<String> first = onLoop(() -> Future.succeededFuture(send(pool.call(options, 5_000))));
        other.runOnContext(v -> pool.call(options, 5_000, (UpstreamCall c, Throwable t) -> {
            onOwn.complete(t == null && ContextInternal.current() == other);
            c.reset();
        }));
        awaitHeld(held, 1);
        serverVertx.runOnContext(v -> held.get(0).response().end("{\"ok\":true}"));
        assertThat(first.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS))
                .isEqualTo("{\"ok\":true}");
        assertThat(onOwn.get(10, TimeUnit.SECONDS)).isTrue();
    }

    private static void awaitHeld(List<HttpServerRequest> held, int n) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (held.size() < n && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertThat(held).hasSizeGreaterThanOrEqualTo(n);
    }

    @Test
    void aConnectThatHangsFailsAtTheConnectTimeout() throws Exception {
        // a listening socket whose accept queue is full: the kernel drops further SYNs, so a connect hangs
        try (ServerSocket full = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            List<Socket> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    Socket s = new Socket();
                    try {
                        s.connect(new InetSocketAddress(full.getInetAddress(), full.getLocalPort()), 200);
                        fillers.add(s);
                    } catch (java.io.IOException e) {
                        s.close();
                        break;
                    }
                }
                Timeouts quick = new Timeouts(Duration.ofMillis(300), Duration.ofSeconds(60), Duration.ofSeconds(60),
                        Duration.ofSeconds(60));
                long start = System.nanoTime();
                String base = "http://127.0.0.1:" + full.getLocalPort() + "/v1";
                assertThatThrownBy(() -> onLoop(() -> call(base, quick)))
                        .cause().isInstanceOfSatisfying(UpstreamException.class,
                                e -> assertThat(e.failure().kind()).isEqualTo(FailureKind.TIMEOUT));
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            } finally {
                for (Socket s : fillers) {
                    s.close();
                }
            }
        }
    }

    private int tlsServer(io.vertx.core.net.SelfSignedCertificate cert, AtomicInteger requests) throws Exception {
        HttpServer tls = serverVertx.createHttpServer(new io.vertx.core.http.HttpServerOptions().setSsl(true)
                        .setKeyCertOptions(cert.keyCertOptions()))
                .connectionHandler(c -> accepted.incrementAndGet())
                .requestHandler(r -> {
                    requests.incrementAndGet();
                    r.response().end("{\"tls\":true}");
                });
        return tls.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                .actualPort();
    }

    @Test
    void anHttpsUpstreamWithACertificateTheJdkDoesNotTrustIsRefusedBeforeAnythingIsSent() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        int port = tlsServer(io.vertx.core.net.SelfSignedCertificate.create("localhost"), requests);
        assertThatThrownBy(() -> call("https://127.0.0.1:" + port + "/v1"))
                .cause().isInstanceOfSatisfying(UpstreamException.class,
                        e -> assertThat(e.failure().kind()).isEqualTo(FailureKind.CONNECT));
        assertThat(requests.get()).isZero();
    }

    @Test
    void anHttpsUpstreamWithATrustedCertificateForAnotherNameIsRefused() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        io.vertx.core.net.SelfSignedCertificate cert = io.vertx.core.net.SelfSignedCertificate.create("elsewhere");
        int port = tlsServer(cert, requests);
        io.netty.handler.ssl.SslContext trust = trusting(cert);
        RawPool pool = onLoop(() -> Future.succeededFuture(new RawPool(vertx, (ContextInternal) loop, "127.0.0.1",
                port, trust, 4, 4, 60_000)));
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setURI("/v1/chat/completions");
        assertThatThrownBy(() -> onLoop(() -> send(pool.call(options, 5_000))))
                .cause().isInstanceOfSatisfying(UpstreamException.class,
                        e -> assertThat(e.failure().kind()).isEqualTo(FailureKind.CONNECT));
        assertThat(requests.get()).isZero();
    }

    @Test
    void anHttpsUpstreamWithATrustedCertificateForItsNameIsReachedOverTls() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        io.vertx.core.net.SelfSignedCertificate cert = io.vertx.core.net.SelfSignedCertificate.create("localhost");
        int port = tlsServer(cert, requests);
        io.netty.handler.ssl.SslContext trust = trusting(cert);
        RawPool pool = onLoop(() -> Future.succeededFuture(new RawPool(vertx, (ContextInternal) loop, "localhost",
                port, trust, 4, 4, 60_000)));
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setURI("/v1/chat/completions");
        assertThat(onLoop(() -> send(pool.call(options, 5_000)))).isEqualTo("{\"tls\":true}");
        assertThat(requests.get()).isOne();
    }

    private static io.netty.handler.ssl.SslContext trusting(io.vertx.core.net.SelfSignedCertificate cert)
            throws Exception {
        return SslContextBuilder.forClient().sslProvider(io.netty.handler.ssl.SslProvider.JDK)
                .trustManager(new java.io.File(cert.certificatePath())).build();
    }
}
