package dev.freeport.server;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.freeport.server.TestGateway.sseData;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An OpenAI-format stream reaches an OpenAI-format caller as the upstream wrote it, byte for byte (its own key
 * order and spacing) but for the model, which names what the caller sent, while Freeport still reads its usage;
 * only the usage chunk it asked for is dropped.
 */
class ByteRelayTest {
    private static final String C1 = "{\"id\":\"c1\",  \"object\":\"chat.completion.chunk\", \"created\":1,"
            + "\"model\":\"up\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"hé \\u00e9\"},"
            + "\"finish_reason\":null}], \"system_fingerprint\" : \"fp_1\"}";
    private static final String C2 = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"up\","
            + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}";
    private static final String USAGE = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
            + "\"model\":\"up\",\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":3,"
            + "\"total_tokens\":10}}";

    /** what the upstream answers; a test may change it before its request */
    private volatile String sse = "data: " + C1 + "\n\ndata: " + C2 + "\n\ndata: " + USAGE + "\n\ndata: [DONE]\n\n";
    private Vertx vertx;
    private HttpServer upstream;
    private TestGateway gw;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        upstream = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> req.response()
                .putHeader("content-type", "text/event-stream")
                .end(sse)))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        gw = TestGateway.builder().openai("up", "http://127.0.0.1:" + upstream.actualPort() + "/v1")
                .alias("smart", "up/up").start();
    }

    @AfterEach
    void stop() throws Exception {
        gw.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void chunksArriveAsTheUpstreamWroteThemAndTheUsageChunkIsDroppedUnlessAskedFor() {
        HttpResponse<String> r = gw.post("/v1/chat/completions",
                "{\"model\":\"smart\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(sseData(r.body())).isEqualTo(List.of(named(C1), named(C2), "[DONE]"));
        assertThat(gw.onlyEvent().inputTokens()).isEqualTo(7);
        assertThat(gw.onlyEvent().outputTokens()).isEqualTo(3);
    }

    @Test
    void theUsageChunkArrivesAsWrittenWhenTheCallerAskedForUsage() {
        HttpResponse<String> r = gw.post("/v1/chat/completions", "{\"model\":\"smart\",\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(sseData(r.body())).isEqualTo(List.of(named(C1), named(C2), named(USAGE), "[DONE]"));
    }

    @Test
    void theNullUsageOpenAiPutsOnEveryChunkIsCutOutOfTheBytesWhenTheCallerDidNotAskForUsage() {
        String withNull = "{\"id\":\"c1\", \"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}],"
                + " \"usage\":null,\"model\":\"up\"}";
        sse = "data: " + withNull + "\n\ndata: " + USAGE + "\n\ndata: [DONE]\n\n";
        HttpResponse<String> r = gw.post("/v1/chat/completions",
                "{\"model\":\"smart\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(sseData(r.body())).isEqualTo(List.of("{\"id\":\"c1\", \"choices\":[{\"index\":0,"
                + "\"delta\":{\"content\":\"x\"}}],\"model\":\"smart\"}", "[DONE]"));
    }

    @Test
    void aNullUsageAfterTheModelIsCutFromTheRenamedBytes() {
        String withNull = "{\"id\":\"c1\",\"model\":\"up\", \"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}],"
                + "\"usage\":null}";
        sse = "data: " + withNull + "\n\ndata: [DONE]\n\n";
        HttpResponse<String> r = gw.post("/v1/chat/completions",
                "{\"model\":\"smart\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(sseData(r.body())).isEqualTo(List.of("{\"id\":\"c1\",\"model\":\"smart\", \"choices\":[{\"index\":0,"
                + "\"delta\":{\"content\":\"x\"}}]}", "[DONE]"));
    }

    /** The upstream's bytes with the caller's model name in place of the upstream's. */
    private static String named(String chunk) {
        return chunk.replace("\"model\":\"up\"", "\"model\":\"smart\"");
    }
}
