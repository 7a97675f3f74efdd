package dev.freeport.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
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
 * {@code java <the launcher's flags> -cp ... dev.freeport.bench.BareRelay --port 4093 --upstream-port 4091}.
 */
public final class BareRelay extends VerticleBase {
    private final int port;
    private final int upstreamPort;
    private HttpClientAgent client;

    private BareRelay(int port, int upstreamPort) {
        this.port = port;
        this.upstreamPort = upstreamPort;
    }

    @Override
    public Future<?> start() {
        client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
                .setKeepAliveTimeout(60), new PoolOptions().setHttp1MaxSize(1024).setMaxWaitQueueSize(-1));
        HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(port).setTcpNoDelay(true)
                .setIdleTimeout(300).setHttp2ClearTextEnabled(false);
        return vertx.createHttpServer(options).requestHandler(this::relay).listen();
    }

    private void relay(HttpServerRequest req) {
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
        req.body()
                .compose(body -> client.request(to).compose(up -> up.send(body)))
                .onSuccess(up -> answer(up, resp))
                .onFailure(t -> resp.setStatusCode(502).end());
    }

    private static void answer(HttpClientResponse up, HttpServerResponse resp) {
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
        up.pipeTo(resp);
    }

    public static void main(String[] args) {
        int port = 4093;
        int upstreamPort = 4091;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--upstream-port" -> upstreamPort = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        int loops = Math.max(2, Runtime.getRuntime().availableProcessors());
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops).setPreferNativeTransport(true));
        int p = port;
        int u = upstreamPort;
        vertx.deployVerticle(() -> new BareRelay(p, u), new DeploymentOptions().setInstances(loops))
                .onSuccess(id -> System.out.println("bare relay listening on " + p + " (native transport: "
                        + vertx.isNativeTransportEnabled() + ")"))
                .onFailure(t -> {
                    t.printStackTrace();
                    System.exit(1);
                });
    }
}
