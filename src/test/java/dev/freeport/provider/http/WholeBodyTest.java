package dev.freeport.provider.http;

import dev.freeport.api.Timeouts;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each case runs on both clients: Vert.x's ({@link VertxCall}) and the raw Netty one ({@link RawCall}). */
class WholeBodyTest {
    private final Vertx vertx = Vertx.vertx();
    private final UpstreamClient stock = new UpstreamClient(vertx, false);
    private final UpstreamClient raw = new UpstreamClient(vertx, true);

    @AfterEach
    void close() throws Exception {
        stock.close();
        raw.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A server whose every answer is written by {@code answer}; its port. */
    private int serve(java.util.function.Consumer<HttpServerResponse> answer) throws Exception {
        HttpServer server = vertx.createHttpServer().requestHandler(req -> answer.accept(req.response()));
        return server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                .actualPort();
    }

    /** The answer's body read whole through {@code client}, on an event loop. */
    private String fetch(UpstreamClient client, int port) throws Exception {
        return read(client, port).toString();
    }

    /** As {@link #fetch}, the buffer itself. */
    private Buffer read(UpstreamClient client, int port) throws Exception {
        java.util.concurrent.CompletableFuture<Buffer> done = new java.util.concurrent.CompletableFuture<>();
        UpstreamRequest req = new UpstreamRequest(HttpMethod.GET, "/", MultiMap.caseInsensitiveMultiMap(), null);
        vertx.getOrCreateContext().runOnContext(v -> client.call("http://127.0.0.1:" + port, req, Timeouts.DEFAULTS)
                .compose(c -> c.send(null)).compose(WholeBody::read).onComplete(ar -> {
                    if (ar.succeeded()) {
                        done.complete(ar.result());
                    } else {
                        done.completeExceptionally(ar.cause());
                    }
                }));
        return done.get(10, TimeUnit.SECONDS);
    }

    /**
     * The raw client's answer is gathered into a buffer nothing else holds, with room to spare after the announced
     * length: an answer's model name can be changed in it in place. Vert.x's own heap buffer is not marked so.
     */
    @ParameterizedTest(name = "raw client: {0}")
    @ValueSource(booleans = {false, true})
    void theRawClientsAnswerIsItsOwnWithRoomForALongerName(boolean rawClient) throws Exception {
        int port = serve(res -> res.end("{\"id\":\"chatcmpl-1\"}"));
        Buffer body = read(client(rawClient), port);
        assertThat(dev.freeport.json.OwnBytes.owns(body)).isEqualTo(rawClient);
        if (rawClient) {
            assertThat(dev.freeport.json.JsonBytes.of(body).array()).hasSize(body.length() + WholeBody.SLACK);
        }
    }

    private UpstreamClient client(boolean rawClient) {
        return rawClient ? raw : stock;
    }

    @ParameterizedTest(name = "raw client: {0}")
    @ValueSource(booleans = {false, true})
    void anAnswerInOnePieceIsReadWhole(boolean rawClient) throws Exception {
        int port = serve(res -> res.end("{\"id\":\"chatcmpl-1\"}"));
        assertThat(fetch(client(rawClient), port)).isEqualTo("{\"id\":\"chatcmpl-1\"}");
    }

    @ParameterizedTest(name = "raw client: {0}")
    @ValueSource(booleans = {false, true})
    void anAnswerInManyPiecesIsJoinedInOrder(boolean rawClient) throws Exception {
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
        assertThat(fetch(client(rawClient), port)).isEqualTo(expected.toString());
    }

    @ParameterizedTest(name = "raw client: {0}")
    @ValueSource(booleans = {false, true})
    void anEmptyAnswerIsAnEmptyBuffer(boolean rawClient) throws Exception {
        int port = serve(res -> res.setStatusCode(204).end());
        assertThat(fetch(client(rawClient), port)).isEmpty();
    }

    @ParameterizedTest(name = "raw client: {0}")
    @ValueSource(booleans = {false, true})
    void aGzipAnswerIsReadDecompressed(boolean rawClient) throws Exception {
        String text = "{\"id\":\"chatcmpl-gz\",\"text\":\"" + "gateway ".repeat(200) + "\"}";
        java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(zipped)) {
            gz.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        int port = serve(res -> res.putHeader("content-encoding", "gzip").end(Buffer.buffer(zipped.toByteArray())));
        assertThat(fetch(client(rawClient), port)).isEqualTo(text);
    }

    @ParameterizedTest(name = "raw client: {0}")
    @ValueSource(booleans = {false, true})
    void aConnectionLostMidAnswerFails(boolean rawClient) throws Exception {
        int port = serve(res -> {
            res.putHeader("content-length", "1000").write("only part");
            vertx.setTimer(50, t -> res.reset());
        });
        assertThatThrownBy(() -> fetch(client(rawClient), port)).hasRootCauseInstanceOf(rawClient
                ? java.nio.channels.ClosedChannelException.class : io.vertx.core.http.HttpClosedException.class);
    }
}
