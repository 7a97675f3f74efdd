package dev.freeport.server;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the flow's side of one request costs the event loop in {@link HttpCaller}: watching for the caller going
 * away, reading the body and answering, on a Vert.x server with one event loop and a keep-alive socket client;
 * bytes allocated on the event loop per request, from its {@code ThreadMXBean}.
 */
class HttpCallerCostTest {
    private static final byte[] BODY = "{\"model\":\"bench\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REQUEST = concat(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Type: application/json\r\nContent-Length: " + BODY.length + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII), BODY);
    private static final Runnable NOTHING = () -> { };

    private static Vertx vertx;
    private static int port;
    /** the same request read and answered by Vert.x alone (its {@code body()}), on the same event loop */
    private static int plainPort;
    private static volatile long loopThread;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        Buffer answer = Buffer.buffer("{\"ok\":true}");
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(req -> {
                    loopThread = Thread.currentThread().threadId();
                    HttpCaller caller = new HttpCaller(req, null);
                    caller.onGone(NOTHING);
                    caller.body(1 << 20).onSuccess(b -> caller.reply(200, caller.answerHeaders(), answer));
                });
        port = server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
        HttpServer plain = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(req -> req.body().onSuccess(b -> req.response().end(answer)));
        plainPort = plain.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void readingABodyAndWatchingForTheCallerMakeNoLambdaPerRequest() throws Exception {
        try (Socket viaCaller = new Socket("127.0.0.1", port); Socket plain = new Socket("127.0.0.1", plainPort)) {
            int n = 20_000;
            perRequest(viaCaller, n); // warm up
            perRequest(plain, n);
            long caller = perRequest(viaCaller, n);
            long vertxAlone = perRequest(plain, n);
            // what HttpCaller adds to Vert.x's own read and answer (its body(): a promise and its handlers), in
            // the same JVM (a whole suite's JIT allocates some 500 B more per request than a run alone, both ways):
            // measured alone, 2,521 - 2,243 = +278 B with a lambda per callback (the close handler, the body's end
            // and failure, the edge's report, the release on completion and the listener array it needed), 2,279 -
            // 2,263 = +16 B with the close handler a field and the read's callbacks one object
            assertThat(caller - vertxAlone).as("event-loop bytes per request over Vert.x's own body read (%d B, "
                    + "alone %d B)", caller, vertxAlone).isLessThanOrEqualTo(120);
        }
    }

    /** Event-loop bytes allocated per request over {@code n} requests on this connection. */
    private static long perRequest(Socket s, int n) throws Exception {
        s.setTcpNoDelay(true);
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        exchange(s, 1);
        long before = mx.getThreadAllocatedBytes(loopThread);
        exchange(s, n);
        return (mx.getThreadAllocatedBytes(loopThread) - before) / n;
    }

    /** Sends {@code n} requests one after the other, each answer read whole before the next. */
    private static void exchange(Socket s, int n) throws Exception {
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        byte[] buf = new byte[8192];
        for (int i = 0; i < n; i++) {
            out.write(REQUEST);
            int have = 0;
            while (true) {
                int r = in.read(buf, have, buf.length - have);
                if (r < 0) {
                    throw new java.io.EOFException();
                }
                have += r;
                if (complete(buf, have)) {
                    break;
                }
            }
        }
    }

    /** Whether the bytes hold a whole answer: a head and the Content-Length's bytes after it. */
    private static boolean complete(byte[] b, int have) {
        for (int i = 0; i + 3 < have; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
                String head = new String(b, 0, i, StandardCharsets.US_ASCII).toLowerCase(java.util.Locale.ROOT);
                int at = head.indexOf("content-length:") + 15;
                int end = head.indexOf('\r', at);
                int length = Integer.parseInt(head.substring(at, end < 0 ? head.length() : end).trim());
                return have >= i + 4 + length;
            }
        }
        return false;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
