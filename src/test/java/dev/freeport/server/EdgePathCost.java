package dev.freeport.server;

import dev.freeport.config.EdgeConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
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
 * The gateway's own server edge per request, alone and on one thread: a Vert.x server on one event loop with the
 * {@link Edge} installed (its decoder and encoder) and the gateway's options, each request read through
 * {@link HttpCaller} (key, body) and answered with a gateway's ten headers and a 560-byte JSON body; a plain socket
 * sends the benchmark's chat request again and again on one keep-alive connection. The event loop's CPU time and
 * allocated bytes per request come from its {@code ThreadMXBean}: figures that hold on a busy machine.
 * {@code java -cp ... dev.freeport.server.EdgePathCost [--requests 50000] [--rounds 3]}
 */
public final class EdgePathCost {
    static final byte[] ANSWER = ("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,"
            + "\"model\":\"bench\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
            + "word ".repeat(80) + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":20,"
            + "\"completion_tokens\":20,\"total_tokens\":40}}").getBytes(StandardCharsets.UTF_8);

    /** what the server saw last, so that the JIT cannot drop the reads */
    static volatile int sink;
    /** answer as a stream: a head, seven server-sent events of a chat chunk each, the end */
    static boolean STREAM;
    static final Buffer FRAME = Buffer.buffer(("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1,\"model\":\"bench\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"word \"},"
            + "\"finish_reason\":null}]}\n\n").getBytes(StandardCharsets.UTF_8));
    static final Buffer DONE = Buffer.buffer("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));

    private EdgePathCost() {
    }

    public static void main(String[] args) throws Exception {
        var a = Arrays.asList(args);
        int requests = a.contains("--requests") ? Integer.parseInt(a.get(a.indexOf("--requests") + 1)) : 50_000;
        int rounds = a.contains("--rounds") ? Integer.parseInt(a.get(a.indexOf("--rounds") + 1)) : 3;
        STREAM = a.contains("--stream");
        try (Server server = Server.start(); Client c = new Client(server.port)) {
            c.run(requests); // warm-up
            for (int round = 0; round < rounds; round++) {
                long[] r = server.measure(() -> c.run(requests));
                System.out.printf("round %d: event loop %.2f µs CPU/request, %d B/request%n", round,
                        r[0] / 1e3 / requests, r[1] / requests);
            }
        } finally {
            System.exit(0);
        }
    }

    /** The server: one event loop, the gateway's options and edge, an answer like the gateway's. */
    static final class Server implements AutoCloseable {
        final Vertx vertx;
        final int port;
        volatile long loopThread;

        private Server(Vertx vertx, int port) {
            this.vertx = vertx;
            this.port = port;
        }

        static Server start() throws Exception {
            Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setPreferNativeTransport(true));
            HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(0).setTcpNoDelay(true)
                    .setMaxInitialLineLength(16 * 1024).setMaxHeaderSize(64 * 1024).setIdleTimeout(300)
                    .setHttp2ClearTextEnabled(false);
            Edge edge = new Edge(EdgeConfig.DEFAULTS, () -> EdgeConfig.DEFAULTS);
            Buffer body = Buffer.buffer(ANSWER);
            Server[] self = new Server[1];
            HttpServer server = vertx.createHttpServer(options);
            server.requestHandler(req -> {
                self[0].loopThread = Thread.currentThread().threadId();
                EdgeConnection conn = EdgeConnection.of(req);
                req.response().endHandler(conn.answered);
                HttpCaller caller = new HttpCaller(req, edge);
                caller.onGone(() -> { });
                AUTH.authenticate(caller.presentedKey()).onSuccess(p -> sink = p.keyId().length());
                caller.body(1 << 20).onSuccess(b -> {
                    sink += b.length();
                    var h = caller.answerHeaders();
                    h.add(NAMES[0], "req_19aee1c2d3f4a1b2c3d4e5f6");
                    h.add(NAMES[1], "fast");
                    h.add(NAMES[2], "bench-upstream");
                    h.add(NAMES[3], ONE);
                    h.add(NAMES[4], "0.000012");
                    h.add(NAMES[5], "100000000");
                    h.add(NAMES[6], "99999999");
                    h.add(NAMES[7], "100000000000");
                    h.add(NAMES[8], "99999999936");
                    if (STREAM) {
                        h.add(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8");
                        var stream = caller.stream(h);
                        for (int i = 0; i < 7; i++) {
                            stream.write(FRAME);
                        }
                        stream.end(DONE);
                        return;
                    }
                    h.add(HttpHeaders.CONTENT_TYPE, JSON);
                    caller.reply(200, h, body);
                });
            });
            CompletableFutureHolder holder = new CompletableFutureHolder();
            vertx.deployVerticle(new io.vertx.core.VerticleBase() {
                @Override
                public io.vertx.core.Future<?> start() {
                    edge.install(vertx, server, options);
                    return server.listen().onSuccess(s -> holder.port = s.actualPort());
                }
            }).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            self[0] = new Server(vertx, holder.port);
            return self[0];
        }

        /** The event loop's CPU nanoseconds and allocated bytes while {@code work} runs. */
        long[] measure(ThrowingRunnable work) throws Exception {
            var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long cpu0 = mx.getThreadCpuTime(loopThread);
            long mem0 = mx.getThreadAllocatedBytes(loopThread);
            work.run();
            return new long[]{mx.getThreadCpuTime(loopThread) - cpu0, mx.getThreadAllocatedBytes(loopThread) - mem0};
        }

        @Override
        public void close() throws Exception {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static final class CompletableFutureHolder {
        volatile int port;
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static final CharSequence[] NAMES = {
            HttpHeaders.createOptimized("x-freeport-request-id"), HttpHeaders.createOptimized("x-freeport-provider"),
            HttpHeaders.createOptimized("x-freeport-model"), HttpHeaders.createOptimized("x-freeport-attempts"),
            HttpHeaders.createOptimized("x-freeport-cost-usd"), HttpHeaders.createOptimized("x-ratelimit-limit-requests"),
            HttpHeaders.createOptimized("x-ratelimit-remaining-requests"),
            HttpHeaders.createOptimized("x-ratelimit-limit-tokens"),
            HttpHeaders.createOptimized("x-ratelimit-remaining-tokens")};
    /** the secret the client presents, a virtual key of its own (checked after the master key, as the gateway does) */
    static final String SECRET = "fp-0123456789abcdefghijABCDEFGHIJ0123456789abc";
    static final dev.freeport.caller.Authenticator AUTH = authenticator();

    private static dev.freeport.caller.Authenticator authenticator() {
        var key = new dev.freeport.access.VirtualKey("key_bench", "bench", dev.freeport.access.Secrets.prefix(SECRET),
                dev.freeport.access.Secrets.hash(SECRET), null, java.util.List.of(), java.util.Set.of(), null, null,
                null, null, null, null, java.time.Instant.EPOCH, java.time.Instant.EPOCH, 1);
        var store = (dev.freeport.access.KeyStore) java.lang.reflect.Proxy.newProxyInstance(
                EdgePathCost.class.getClassLoader(), new Class<?>[]{dev.freeport.access.KeyStore.class},
                (proxy, method, args) -> method.getName().equals("changesSince")
                        ? new dev.freeport.access.KeyStore.Changes(java.util.List.of(key), java.util.List.of(), 1)
                        : null);
        var snapshot = new dev.freeport.access.KeySnapshot(store);
        snapshot.refresh();
        return new dev.freeport.access.VirtualKeyAuthenticator(new dev.freeport.caller.MasterKeyAuthenticator("bench"),
                snapshot, java.time.Clock.systemUTC());
    }

    private static final CharSequence ONE = HttpHeaders.createOptimized("1");
    private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");

    /** Sends the benchmark's request (wrk's chat.lua) and reads each answer by its Content-Length. */
    static final class Client implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final byte[] request;
        private final byte[] buf = new byte[64 * 1024];

        Client(int port) throws java.io.IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            in = socket.getInputStream();
            out = socket.getOutputStream();
            byte[] body = ("{\"model\":\"bench\",\"stream\":false,\"messages\":[{\"role\":\"system\",\"content\":"
                    + "\"You are terse.\"},{\"role\":\"user\",\"content\":\"Give me one sentence about gateways and "
                    + "latency.\"}],\"max_tokens\":64}").getBytes(StandardCharsets.UTF_8);
            String head = "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:4350\r\nContent-Length: "
                    + body.length + "\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer " + SECRET + "\r\n\r\n";
            byte[] h = head.getBytes(StandardCharsets.US_ASCII);
            request = Arrays.copyOf(h, h.length + body.length);
            System.arraycopy(body, 0, request, h.length, body.length);
        }

        void run(int n) throws java.io.IOException {
            for (int i = 0; i < n; i++) {
                out.write(request);
                readAnswer();
            }
        }

        /** One answer, read whole; returns its head as text. */
        String readAnswer() throws java.io.IOException {
            int have = 0;
            int headEnd = -1;
            while (headEnd < 0) {
                int r = in.read(buf, have, buf.length - have);
                if (r < 0) {
                    throw new java.io.EOFException();
                }
                have += r;
                for (int i = Math.max(0, have - r - 3); i + 3 < have; i++) {
                    if (buf[i] == '\r' && buf[i + 1] == '\n' && buf[i + 2] == '\r' && buf[i + 3] == '\n') {
                        headEnd = i + 4;
                        break;
                    }
                }
            }
            String head = new String(buf, 0, headEnd, StandardCharsets.US_ASCII);
            if (STREAM) { // chunked: up to the last chunk
                while (!(have >= 5 && buf[have - 5] == '0' && buf[have - 4] == '\r' && buf[have - 3] == '\n'
                        && buf[have - 2] == '\r' && buf[have - 1] == '\n')) {
                    int r = in.read(buf, have, buf.length - have);
                    if (r < 0) {
                        throw new java.io.EOFException();
                    }
                    have += r;
                }
                return head;
            }
            int at = head.toLowerCase(java.util.Locale.ROOT).indexOf("content-length:") + 15;
            int length = Integer.parseInt(head.substring(at, head.indexOf('\r', at)).trim());
            while (have < headEnd + length) {
                int r = in.read(buf, have, buf.length - have);
                if (r < 0) {
                    throw new java.io.EOFException();
                }
                have += r;
            }
            return head;
        }

        @Override
        public void close() throws java.io.IOException {
            socket.close();
        }
    }
}
