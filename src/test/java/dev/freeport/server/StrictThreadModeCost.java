package dev.freeport.server;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Vert.x's HTTP/1.1 write path with and without {@code HttpServerOptions.setStrictThreadMode(true)} (writes straight
 * to the channel instead of through the connection's outbound message queue): two servers, one event loop each,
 * answering a JSON request with a 560-byte body and the gateway's dozen headers; rounds alternate between them
 * (A, B, A, B, ...) and each event loop's CPU time per request is read from its {@code ThreadMXBean}, medians
 * printed. {@code java -cp ... dev.freeport.server.StrictThreadModeCost [requests per round, 20000] [rounds, 9]}
 */
public final class StrictThreadModeCost {
    private static final byte[] BODY = "{\"model\":\"bench\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REQUEST = (("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Type: application/json\r\nContent-Length: " + BODY.length + "\r\n\r\n")
            + new String(BODY, StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII);

    private StrictThreadModeCost() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        Server queued = Server.start(false);
        Server strict = Server.start(true);
        var mx = ManagementFactory.getThreadMXBean();
        double[] a = new double[rounds];
        double[] b = new double[rounds];
        try (Socket sa = new Socket("127.0.0.1", queued.port); Socket sb = new Socket("127.0.0.1", strict.port)) {
            sa.setTcpNoDelay(true);
            sb.setTcpNoDelay(true);
            exchange(sa, n); // warm-up
            exchange(sb, n);
            for (int r = 0; r < rounds; r++) {
                a[r] = perRequest(mx, queued, sa, n);
                b[r] = perRequest(mx, strict, sb, n);
                System.out.printf("round %d: queue %.2f µs, strict %.2f µs of event-loop CPU per request%n", r, a[r],
                        b[r]);
            }
        }
        Arrays.sort(a);
        Arrays.sort(b);
        System.out.printf("median: queue %.2f µs, strict %.2f µs%n", a[rounds / 2], b[rounds / 2]);
        queued.vertx.close().await();
        strict.vertx.close().await();
    }

    private static double perRequest(java.lang.management.ThreadMXBean mx, Server s, Socket socket, int n)
            throws Exception {
        long before = mx.getThreadCpuTime(s.loop);
        exchange(socket, n);
        return (mx.getThreadCpuTime(s.loop) - before) / 1e3 / n;
    }

    private record Server(Vertx vertx, int port, long loop) {
        static Server start(boolean strict) throws Exception {
            Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
            Buffer answer = Buffer.buffer(EdgePathCost.ANSWER);
            HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                            .setTcpNoDelay(true).setStrictThreadMode(strict))
                    .requestHandler(req -> req.body().onSuccess(body -> req.response()
                            .putHeader("x-freeport-request-id", "req_19aee1c2d3f4a1b2c3d4e5f6")
                            .putHeader("x-freeport-provider", "fast").putHeader("x-freeport-model", "bench-upstream")
                            .putHeader("x-freeport-attempts", "1").putHeader("x-freeport-cost-usd", "0.000012")
                            .putHeader("x-ratelimit-limit-requests", "100000000")
                            .putHeader("x-ratelimit-remaining-requests", "99999999")
                            .putHeader("x-ratelimit-reset-requests", "1m0s")
                            .putHeader("content-type", "application/json").end(answer)));
            int port = server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                    .actualPort();
            long id = ((io.vertx.core.internal.VertxInternal) vertx).nettyEventLoopGroup().next()
                    .submit(() -> Thread.currentThread().threadId()).get();
            return new Server(vertx, port, id);
        }
    }

    /** Sends {@code n} requests one after the other, each answer read whole before the next. */
    private static void exchange(Socket s, int n) throws Exception {
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        byte[] buf = new byte[8192];
        for (int i = 0; i < n; i++) {
            out.write(REQUEST);
            int have = 0;
            do {
                int r = in.read(buf, have, buf.length - have);
                if (r < 0) {
                    throw new java.io.EOFException();
                }
                have += r;
            } while (!complete(buf, have));
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
}
