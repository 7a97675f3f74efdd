package dev.freeport.testing;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

/** One HTTP server instance of a {@link FakeUpstream}, bound to its own event loop. */
final class ServerVerticle extends VerticleBase {
    private final FakeUpstream upstream;
    private final String host;
    private final int port;
    private volatile HttpServer server;

    ServerVerticle(FakeUpstream upstream, String host, int port) {
        this.upstream = upstream;
        this.host = host;
        this.port = port;
    }

    @Override
    public Future<?> start() {
        HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port).setTcpNoDelay(true)
                .setCompressionSupported(false).setIdleTimeout(0);
        return vertx.createHttpServer(options)
                .connectionHandler(upstream::onConnection)
                .requestHandler(upstream::onRequest)
                .listen()
                .onSuccess(s -> server = s);
    }

    int actualPort() {
        return server.actualPort();
    }
}
