package dev.freeport.server;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.impl.ConnectionBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What an accepted connection's Netty pipeline holds with the gateway's server options. */
class ServerPipelineTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void anAnswerPassesNoWebSocketExtensionHandler() throws Exception {
        assertThat(pipelineOf(Gateway.noWebSocketExtensions(new HttpServerOptions()))).doesNotContain(
                "webSocketExtensionHandler").contains("httpEncoder");
    }

    @Test
    void vertxsDefaultOptionsWouldPutOneOnEveryConnection() throws Exception {
        // the check above can fail: Vert.x's defaults add the handler that the gateway's options leave out
        assertThat(pipelineOf(new HttpServerOptions())).contains("webSocketExtensionHandler");
    }

    private List<String> pipelineOf(HttpServerOptions options) throws Exception {
        List<String> names = new CopyOnWriteArrayList<>();
        HttpServer server = vertx.createHttpServer(options.setHost("127.0.0.1").setPort(0))
                .connectionHandler(c -> names.addAll(((ConnectionBase) c).channel().pipeline().names()))
                .requestHandler(r -> r.response().end("ok"));
        server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        HttpClientAgent client = vertx.createHttpClient();
        String body = client.request(HttpMethod.GET, server.actualPort(), "127.0.0.1", "/")
                .compose(req -> req.send().compose(res -> res.body()))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).toString();
        assertThat(body).isEqualTo("ok");
        return names;
    }
}
