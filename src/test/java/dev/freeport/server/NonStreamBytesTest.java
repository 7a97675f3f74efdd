package dev.freeport.server;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A non-streamed OpenAI-format exchange through the gateway as bytes both ways: the caller's body reaches the
 * upstream as the caller wrote it (spacing, number spelling, key order) but for the model and the stream fields, and
 * the upstream's answer reaches the caller as the upstream wrote it but for the model, small or large.
 */
class NonStreamBytesTest {
    private volatile String answer;
    private volatile String received;
    private Vertx vertx;
    private HttpServer upstream;
    private TestGateway gw;

    private static String answer(String model, String content) {
        return "{\"id\": \"c1\",  \"object\": \"chat.completion\", \"created\": 1, \"model\": \"" + model + "\", "
                + "\"choices\": [{\"index\": 0, \"message\": {\"role\": \"assistant\", \"content\": \"" + content
                + "\"}, \"finish_reason\": \"stop\"}], \"usage\": {\"prompt_tokens\": 7, \"completion_tokens\": 3}}";
    }

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        upstream = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
            received = b.toString();
            req.response().putHeader("content-type", "application/json").end(answer);
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        gw = TestGateway.builder().openai("up", "http://127.0.0.1:" + upstream.actualPort() + "/v1")
                .alias("smart", "up/up-model").start();
    }

    @AfterEach
    void stop() throws Exception {
        gw.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void theCallersBodyReachesTheUpstreamAsItsBytesButForTheModelAndTheStreamField() {
        answer = answer("up-model", "Hello.");
        HttpResponse<String> r = gw.post("/v1/chat/completions", "{ \"model\": \"smart\", \"stream\": false,\n"
                + "  \"temperature\": 0.50, \"messages\": [ {\"role\": \"user\", \"content\": \"hi \\u00e9\"} ] }");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        // the cut member takes its separator with it; the next member follows a plain comma
        assertThat(received).isEqualTo("{ \"model\": \"up-model\","
                + "\"temperature\": 0.50, \"messages\": [ {\"role\": \"user\", \"content\": \"hi \\u00e9\"} ] }");
    }

    @Test
    void aSmallAnswerArrivesAsTheUpstreamWroteItButForTheModel() {
        answer = answer("up-model-2024", "Hello.");
        HttpResponse<String> r = gw.post("/v1/chat/completions",
                "{\"model\":\"smart\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(r.body()).isEqualTo(answer("smart", "Hello."));
        assertThat(gw.onlyEvent().inputTokens()).isEqualTo(7);
    }

    @Test
    void aLargeAnswerArrivesAsTheUpstreamWroteItButForTheModel() {
        String text = "word ".repeat(20_000);
        answer = answer("up-model-2024", text);
        HttpResponse<String> r = gw.post("/v1/chat/completions",
                "{\"model\":\"smart\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(r.body()).isEqualTo(answer("smart", text));
        assertThat(r.headers().firstValue("content-length")).hasValue(String.valueOf(r.body().length()));
    }
}
