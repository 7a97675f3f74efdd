package dev.freeport.provider.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WholeBodyTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A server whose every answer is written by {@code answer}; its port. */
    private int serve(java.util.function.Consumer<HttpServerResponse> answer) throws Exception {
        HttpServer server = vertx.createHttpServer().requestHandler(req -> answer.accept(req.response()));
        return server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                .actualPort();
    }

    private String fetch(int port) throws Exception {
        HttpClient client = vertx.createHttpClient();
        Future<Buffer> body = client.request(HttpMethod.GET, port, "127.0.0.1", "/")
                .compose(r -> r.send()).compose(WholeBody::read);
        return body.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).toString();
    }

    @Test
    void anAnswerInOnePieceIsReadWhole() throws Exception {
        int port = serve(res -> res.end("{\"id\":\"chatcmpl-1\"}"));
        assertThat(fetch(port)).isEqualTo("{\"id\":\"chatcmpl-1\"}");
    }

    @Test
    void anAnswerInManyPiecesIsJoinedInOrder() throws Exception {
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            expected.append("piece ").append(i).append(' ').append("x".repeat(500)).append('\n');
        }
        int port = serve(res -> {
            res.setChunked(true);
            for (String line : expected.toString().split("(?<=\n)")) {
                res.write(line);
            }
            res.end();
        });
        assertThat(fetch(port)).isEqualTo(expected.toString());
    }

    @Test
    void anEmptyAnswerIsAnEmptyBuffer() throws Exception {
        int port = serve(res -> res.setStatusCode(204).end());
        assertThat(fetch(port)).isEmpty();
    }

    @Test
    void aConnectionLostMidAnswerFails() throws Exception {
        int port = serve(res -> {
            res.putHeader("content-length", "1000").write("only part");
            vertx.setTimer(50, t -> res.reset());
        });
        assertThatThrownBy(() -> fetch(port)).hasRootCauseInstanceOf(io.vertx.core.http.HttpClosedException.class);
    }
}
