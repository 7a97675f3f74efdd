package dev.freeport.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * The floor of the benchmark: the least a Vert.x proxy does on this JVM, with the gateway's Vert.x, transport and
 * server/client options. A request's body is read whole and sent to the upstream on a pool of the request's own
 * event loop (one client per verticle, as the gateway's {@code UpstreamClient} keeps one per loop); the answer's
 * status, content type and bytes are relayed back as they arrive. No parsing, no routing, no ledger.
 * {@code bench/run.sh} starts it beside nginx and the gateway:
 * {@code java <the launcher's flags> -cp ... dev.freeport.bench.BareRelay --port 4093 --upstream-port 4091
 * [--client stock|connections|netty]} ({@code BENCH_RELAY_CLIENT}): Vert.x's pooled client (the default), each
 * loop's own Vert.x connections, or raw Netty channels on the loop ({@link RawHop}, the gateway's own client's way).
 * {@code GET /__stats} answers the process's allocated bytes and CPU time so far (all threads, and the event loops'),
 * for per-request figures between two reads.
 */
public final class BareRelay extends VerticleBase {
    private final int port;
    private final int upstreamPort;
    private final boolean pooled;
    private final boolean raw;
    private HttpClientAgent client;
    /** {@code --client netty}: this loop's own Netty channels to the upstream */
    private RawHop hop;
    /** {@code --client connections}: this loop's idle connections, each used by one request at a time */
    private final java.util.ArrayDeque<HttpClientConnection> idle = new java.util.ArrayDeque<>();

    private BareRelay(int port, int upstreamPort, String mode) {
        this.port = port;
        this.upstreamPort = upstreamPort;
        this.pooled = mode.equals("connections");
        this.raw = mode.equals("netty");
    }

    @Override
    public Future<?> start() {
        client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
                .setKeepAliveTimeout(60), new PoolOptions().setHttp1MaxSize(1024).setMaxWaitQueueSize(-1));
        HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(port).setTcpNoDelay(true)
                .setIdleTimeout(300).setHttp2ClearTextEnabled(false);
        if (raw) {
            hop = new RawHop((io.vertx.core.internal.ContextInternal) context, "127.0.0.1", upstreamPort);
        }
        return vertx.createHttpServer(options).requestHandler(this::relay).listen();
    }

    private void relay(HttpServerRequest req) {
        if (req.path().equals("/__stats")) {
            stats(req);
            return;
        }
        if (raw) {
            hop.relay(req);
            return;
        }
        RequestOptions to = new RequestOptions().setMethod(req.method()).setHost("127.0.0.1").setPort(upstreamPort)
                .setURI(req.uri());
        MultiMap headers = req.headers();
        String type = headers.get(HttpHeaders.CONTENT_TYPE);
        if (type != null) {
            to.putHeader(HttpHeaders.CONTENT_TYPE, type);
        }
        String auth = headers.get(HttpHeaders.AUTHORIZATION);
        if (auth != null) {
            to.putHeader(HttpHeaders.AUTHORIZATION, auth);
        }
        HttpServerResponse resp = req.response();
        if (pooled) {
            relayOnConnection(req, to, resp);
            return;
        }
        req.body()
                .compose(body -> client.request(to).compose(up -> up.send(body)))
                .onSuccess(up -> answer(up, resp))
                .onFailure(t -> resp.setStatusCode(502).end());
    }

    /**
     * {@code --client connections}: the request goes on an idle connection of this loop's own (made with
     * {@code HttpClientAgent.connect}), which returns to the idle list when its answer ended; no endpoint look-up,
     * no pool lease, no copy of the request options.
     */
    private void relayOnConnection(HttpServerRequest req, RequestOptions to, HttpServerResponse resp) {
        req.body().onComplete(read -> {
            if (read.failed()) {
                resp.setStatusCode(502).end();
                return;
            }
            HttpClientConnection conn = idle.pollLast();
            Future<HttpClientConnection> got = conn != null ? Future.succeededFuture(conn)
                    : client.connect(new HttpConnectOptions().setHost("127.0.0.1").setPort(upstreamPort));
            got.onComplete(c -> {
                if (c.failed()) {
                    resp.setStatusCode(502).end();
                    return;
                }
                HttpClientConnection connection = c.result();
                connection.request(to).compose(up -> up.send(read.result())).onComplete(sent -> {
                    if (sent.failed()) {
                        connection.close();
                        resp.setStatusCode(502).end();
                        return;
                    }
                    HttpClientResponse up = sent.result();
                    answer(up, resp).onSuccess(v -> idle.addLast(connection));
                });
            });
        });
    }

    private static Future<Void> answer(HttpClientResponse up, HttpServerResponse resp) {
        resp.setStatusCode(up.statusCode());
        String type = up.getHeader(HttpHeaders.CONTENT_TYPE);
        if (type != null) {
            resp.putHeader(HttpHeaders.CONTENT_TYPE, type);
        }
        String length = up.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            resp.putHeader(HttpHeaders.CONTENT_LENGTH, length);
        } else {
            resp.setChunked(true);
        }
        return up.pipeTo(resp);
    }

    /** {@code GET /__stats}: this process's allocated bytes, CPU nanoseconds and relayed requests so far. */
    private static void stats(HttpServerRequest req) {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long loopBytes = 0;
        long loopCpu = 0;
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("vert.x-eventloop")) {
                loopBytes += threads.getThreadAllocatedBytes(info.getThreadId());
                loopCpu += threads.getThreadCpuTime(info.getThreadId());
            }
        }
        req.response().end("bytes=" + threads.getTotalThreadAllocatedBytes() + " loop_bytes=" + loopBytes
                + " cpu_ns=" + os.getProcessCpuTime() + " loop_cpu_ns=" + loopCpu
                + "\n");
    }


    public static void main(String[] args) {
        int port = 4093;
        int upstreamPort = 4091;
        String pooled = "stock";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--upstream-port" -> upstreamPort = Integer.parseInt(args[i + 1]);
                case "--client" -> pooled = switch (args[i + 1]) {
                    case "stock", "connections", "netty" -> args[i + 1];
                    default -> throw new IllegalArgumentException("--client stock|connections|netty");
                };
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        int loops = Math.max(2, Runtime.getRuntime().availableProcessors());
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops).setPreferNativeTransport(true));
        int p = port;
        int u = upstreamPort;
        String c = pooled;
        vertx.deployVerticle(() -> new BareRelay(p, u, c), new DeploymentOptions().setInstances(loops))
                .onSuccess(id -> System.out.println("bare relay listening on " + p + " (native transport: "
                        + vertx.isNativeTransportEnabled() + ")"))
                .onFailure(t -> {
                    t.printStackTrace();
                    System.exit(1);
                });
    }
}
