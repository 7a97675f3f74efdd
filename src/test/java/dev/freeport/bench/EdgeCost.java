package dev.freeport.bench;

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
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server edge's cost per request, alone and on one thread: a Vert.x server on one event loop answers a JSON body
 * with a gateway's dozen headers, a plain socket sends the benchmark's chat request again and again on one
 * keep-alive connection; the event loop's CPU time and allocated bytes per request are read from its
 * {@code ThreadMXBean} (figures that hold on a busy machine, unlike requests per second). Options compare server
 * settings and the JVM's: {@code --ws-compression off} (no WebSocket extension handler in the pipeline),
 * {@code --ascii} (header names and values as prepared {@code AsciiString}s); run it with and without
 * {@code --sun-misc-unsafe-memory-access=allow} to see Netty with and without Unsafe.
 * {@code java -cp ... dev.freeport.bench.EdgeCost [--requests 100000] [--ws-compression off] [--ascii]}
 */
public final class EdgeCost {
    private static final byte[] BODY = ("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"bench\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
            + "word ".repeat(60) + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":20,"
            + "\"completion_tokens\":20,\"total_tokens\":40}}").getBytes(StandardCharsets.UTF_8);

    private EdgeCost() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } finally {
            System.exit(0); // also when a round failed: Vert.x's threads would keep the JVM alive
        }
    }

    private static void run(String[] args) throws Exception {
        List<String> a = Arrays.asList(args);
        int requests = a.contains("--requests") ? Integer.parseInt(a.get(a.indexOf("--requests") + 1)) : 100_000;
        boolean wsOff = a.contains("--ws-compression") && "off".equals(a.get(a.indexOf("--ws-compression") + 1));
        boolean ascii = a.contains("--ascii");
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setPreferNativeTransport(true));
        HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(0).setTcpNoDelay(true)
                .setIdleTimeout(300).setHttp2ClearTextEnabled(false);
        if (wsOff) {
            options.setPerFrameWebSocketCompressionSupported(false).setPerMessageWebSocketCompressionSupported(false);
        }
        long[] loopThread = new long[1];
        Buffer body = Buffer.buffer(BODY);
        CharSequence[][] headers = headers(ascii);
        HttpServer server = vertx.createHttpServer(options).requestHandler(req -> {
            loopThread[0] = Thread.currentThread().threadId();
            req.body().onSuccess(b -> {
                var res = req.response();
                for (CharSequence[] h : headers) {
                    res.headers().add(h[0], h[1]);
                }
                res.end(body);
            });
        });
        int port = server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
        System.out.println("native transport: " + vertx.isNativeTransportEnabled() + "; netty unsafe: "
                + io.netty.util.internal.PlatformDependent.hasUnsafe() + "; ws compression: " + !wsOff
                + "; ascii headers: " + ascii);
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setTcpNoDelay(true);
            Client c = new Client(s);
            c.run(requests); // warm-up
            for (int round = 0; round < 3; round++) {
                var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
                long cpu0 = mx.getThreadCpuTime(loopThread[0]);
                long mem0 = mx.getThreadAllocatedBytes(loopThread[0]);
                long t0 = System.nanoTime();
                c.run(requests);
                long t1 = System.nanoTime();
                long cpu = mx.getThreadCpuTime(loopThread[0]) - cpu0;
                long mem = mx.getThreadAllocatedBytes(loopThread[0]) - mem0;
                System.out.printf("round %d: event loop %.2f µs CPU/request, %d B/request; wall %.1f µs/request%n",
                        round, cpu / 1e3 / requests, mem / requests, (t1 - t0) / 1e3 / requests);
            }
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A Freeport answer's headers (names and values as the gateway sends them). */
    private static CharSequence[][] headers(boolean ascii) {
        String[][] h = {
                {"x-freeport-request-id", "req_01JEXAMPLE0000000000000000"},
                {"x-freeport-provider", "fast"},
                {"x-freeport-model", "bench-upstream"},
                {"x-freeport-attempts", "1"},
                {"x-freeport-cost-usd", "0.000012"},
                {"x-ratelimit-limit-requests", "100000000"},
                {"x-ratelimit-remaining-requests", "99999999"},
                {"x-ratelimit-limit-tokens", "100000000000"},
                {"x-ratelimit-remaining-tokens", "99999999936"},
                {"content-type", "application/json"},
        };
        CharSequence[][] out = new CharSequence[h.length][];
        for (int i = 0; i < h.length; i++) {
            out[i] = ascii ? new CharSequence[]{HttpHeaders.createOptimized(h[i][0]), HttpHeaders.createOptimized(h[i][1])}
                    : new CharSequence[]{h[i][0], h[i][1]};
        }
        return out;
    }

    /** Sends the benchmark's request and reads the answer by its Content-Length, one at a time. */
    private static final class Client {
        private final InputStream in;
        private final OutputStream out;
        private final byte[] request;
        private final byte[] buf = new byte[64 * 1024];

        Client(Socket s) throws java.io.IOException {
            this.in = s.getInputStream();
            this.out = s.getOutputStream();
            byte[] body = ("{\"model\":\"bench\",\"stream\":false,\"messages\":[{\"role\":\"system\",\"content\":"
                    + "\"You are terse.\"},{\"role\":\"user\",\"content\":\"Give me one sentence about gateways and "
                    + "latency.\"}],\"max_tokens\":64}").getBytes(StandardCharsets.UTF_8);
            String head = "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer fp-0123456789abcdef0123456789abcdef\r\nContent-Length: " + body.length
                    + "\r\n\r\n";
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

        private void readAnswer() throws java.io.IOException {
            int have = 0;
            int headEnd = -1;
            while (headEnd < 0) {
                int r = in.read(buf, have, buf.length - have);
                if (r < 0) {
                    throw new java.io.EOFException();
                }
                have += r;
                headEnd = indexOf(buf, have);
            }
            String head = new String(buf, 0, headEnd + 2, StandardCharsets.US_ASCII).toLowerCase(java.util.Locale.ROOT);
            int at = head.indexOf("content-length: ") + 16;
            int length = Integer.parseInt(head.substring(at, head.indexOf('\r', at)).trim());
            int need = headEnd + 4 + length;
            while (have < need) {
                int r = in.read(buf, have, buf.length - have);
                if (r < 0) {
                    throw new java.io.EOFException();
                }
                have += r;
            }
        }

        private static int indexOf(byte[] b, int to) {
            for (int i = 0; i + 3 < to; i++) {
                if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
                    return i;
                }
            }
            return -1;
        }
    }
}
