package dev.freeport.provider.http;

import dev.freeport.api.Timeouts;
import dev.freeport.json.JsonBytes;
import dev.freeport.json.JsonMembers;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A caller's edited body sent as a {@link dev.freeport.json.WrittenBody}: the raw client writes it after the request
 * head, Vert.x's client sends its buffer; either way the server receives the same bytes, with their length, as often
 * as the request is sent. Against a real server on port 0 that keeps each body's bytes and Content-Length.
 */
class WrittenBodySendTest {
    private static final byte[] QUOTED = "\"upstream-model\"".getBytes(StandardCharsets.US_ASCII);
    private static final String SMALL = "{\"model\":\"bench\", \"stream\":false,\"messages\":[{\"role\":\"user\","
            + "\"content\":\"Give me one sentence about gateways and latency.\"}],\"max_tokens\":64}";

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    private final Vertx serverVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    private final Context loop = vertx.getOrCreateContext();
    private final List<String> received = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        serverVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A server on port 0 that keeps each request's Content-Length and body, and answers 200. */
    private String server() throws Exception {
        HttpServer server = serverVertx.createHttpServer().requestHandler(r -> r.body().onSuccess(b -> {
            received.add(r.getHeader("content-length") + " " + b.toString(StandardCharsets.UTF_8));
            r.response().end("{}");
        }));
        return "http://127.0.0.1:" + server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS).actualPort() + "/v1";
    }

    /** {@code body} with its model replaced and its stream flag cut, as the OpenAI codec edits it. */
    private static UpstreamRequest edited(String body) {
        JsonMembers m = JsonMembers.scan(JsonBytes.of(body.getBytes(StandardCharsets.UTF_8)));
        JsonMembers.Edit edit = m.edit().value(m.find("model"), QUOTED);
        if (m.find("stream") >= 0) {
            edit.cut(m.find("stream"));
        }
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().set("content-type", "application/json");
        return new UpstreamRequest(HttpMethod.POST, "/chat/completions", headers, null, edit);
    }

    private static String expected(UpstreamRequest req) {
        Buffer body = req.body();
        return body.length() + " " + body.toString(StandardCharsets.UTF_8);
    }

    private void sendOn(UpstreamClient client, String base, UpstreamRequest req) throws Exception {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        loop.runOnContext(v -> client.call(base, req, Timeouts.DEFAULTS)
                .compose(c -> c.sendRequest(req))
                .compose(a -> WholeBody.read(a).map(b -> a.statusCode()))
                .onComplete(ar -> {
                    if (ar.succeeded()) {
                        done.complete(ar.result());
                    } else {
                        done.completeExceptionally(ar.cause());
                    }
                }));
        assertThat(done.get(20, TimeUnit.SECONDS)).isEqualTo(200);
    }

    @Test
    void theRawClientSendsAWrittenBodyAsTheBytesAndLengthOfItsBuffer() throws Exception {
        String base = server();
        UpstreamClient client = new UpstreamClient(vertx, true);
        try {
            UpstreamRequest small = edited(SMALL);
            UpstreamRequest large = edited(SMALL.replace("latency.", "latency. " + "é ".repeat(3_000)));
            sendOn(client, base, small);
            sendOn(client, base, large);
            assertThat(received).containsExactly(expected(small), expected(large));
            assertThat(received.getFirst()).doesNotContain("\"stream\"").contains("\"upstream-model\"");
        } finally {
            client.close();
        }
    }

    @Test
    void theSameRequestSentAgainAsARetrySendsTheSameBytes() throws Exception {
        String base = server();
        UpstreamClient client = new UpstreamClient(vertx, true);
        try {
            UpstreamRequest req = edited(SMALL);
            for (int i = 0; i < 3; i++) {
                sendOn(client, base, req);
            }
            assertThat(received).hasSize(3).containsOnly(expected(req));
        } finally {
            client.close();
        }
    }

    @Test
    void vertxsClientSendsAWrittenBodyAsTheSameBytes() throws Exception {
        String base = server();
        UpstreamClient client = new UpstreamClient(vertx, false);
        try {
            UpstreamRequest req = edited(SMALL);
            sendOn(client, base, req);
            assertThat(received).containsExactly(expected(req));
        } finally {
            client.close();
        }
    }
}
