package dev.freeport.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static dev.freeport.server.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Retry and fallback before the first byte, against fake upstreams on real sockets. */
class FailoverTest {
    private static final String HELLO = """
            {"model":"smart","messages":[{"role":"user","content":"hello"}]}""";
    private FakeUpstream primary;
    private FakeUpstream backup;
    private TestGateway gw;

    @BeforeEach
    void start() {
        primary = FakeUpstream.start();
        backup = FakeUpstream.start();
        primary.setDefault(Reply.ok("from primary"));
        backup.setDefault(Reply.ok("from backup"));
        gw = TestGateway.builder().openai("primary", primary.baseUrl()).openai("backup", backup.baseUrl())
                .alias("smart", "primary/model-a", "backup/model-b").start();
    }

    @AfterEach
    void stop() {
        gw.close();
        primary.close();
        backup.close();
    }

    private static String content(HttpResponse<String> r) {
        return json(r.body()).path("choices").path(0).path("message").path("content").asText();
    }

    @Test
    void servesFromTheFirstTargetWhenItIsHealthy() {
        HttpResponse<String> r = gw.post("/v1/chat/completions", HELLO);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(content(r)).isEqualTo("from primary");
        assertThat(r.headers().firstValue("x-freeport-provider")).hasValue("primary");
        assertThat(r.headers().firstValue("x-freeport-model")).hasValue("model-a");
        assertThat(r.headers().firstValue("x-freeport-attempts")).hasValue("1");
        assertThat(primary.requests().get(0).model()).isEqualTo("model-a");
        assertThat(backup.requests()).isEmpty();
    }

    @Test
    void fallsBackOn500() {
        primary.enqueue(Reply.status(500));
        HttpResponse<String> r = gw.post("/v1/chat/completions", HELLO);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(content(r)).isEqualTo("from backup");
        assertThat(r.headers().firstValue("x-freeport-attempts")).hasValue("2");
        UsageEvent e = gw.onlyEvent();
        assertThat(e.attempts()).isEqualTo(2);
        assertThat(e.provider()).isEqualTo("backup");
        assertThat(e.status()).isEqualTo(UsageEvent.Status.OK);
    }

    @Test
    void fallsBackOn429() {
        primary.enqueue(Reply.status(429).retryAfter(30));
        assertThat(content(gw.post("/v1/chat/completions", HELLO))).isEqualTo("from backup");
    }

    @Test
    void fallsBackWhenTheConnectionIsResetBeforeTheHead() {
        primary.enqueue(Reply.resetBeforeHead());
        assertThat(content(gw.post("/v1/chat/completions", HELLO))).isEqualTo("from backup");
    }

    @Test
    void fallsBackWhenTheFirstTargetHangsPastTheFirstByteTimeout() {
        primary.enqueue(Reply.hang());
        long start = System.nanoTime();
        HttpResponse<String> r = gw.post("/v1/chat/completions", HELLO);
        assertThat(content(r)).isEqualTo("from backup");
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(1400);
    }

    @Test
    void fallsBackOnAMalformedAnswer() {
        primary.enqueue(Reply.malformedJson());
        assertThat(content(gw.post("/v1/chat/completions", HELLO))).isEqualTo("from backup");
    }

    @Test
    void passesTheCallersOwn400OnWithoutFallingBack() {
        primary.enqueue(Reply.status(400).body("""
                {"error":{"message":"messages too long for this model","type":"invalid_request_error",
                 "param":"messages","code":"context_length_exceeded"}}"""));
        HttpResponse<String> r = gw.post("/v1/chat/completions", HELLO);
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode err = json(r.body()).path("error");
        assertThat(err.path("message").asText()).contains("messages too long");
        assertThat(err.path("code").asText()).isEqualTo("context_length_exceeded");
        assertThat(backup.requests()).isEmpty();
    }

    @Test
    void retriesTheSameTargetAfterItsRetryAfterWhenItIsTheOnlyOne() {
        gw.close();
        gw = TestGateway.builder().openai("primary", primary.baseUrl()).alias("solo", "primary/m").start();
        primary.enqueue(Reply.status(429).retryAfter(1));
        long start = System.nanoTime();
        HttpResponse<String> r = gw.post("/v1/chat/completions", HELLO.replace("smart", "solo"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(950);
        assertThat(primary.requests()).hasSize(2);
    }

    @Test
    void everyTargetFailingGives502NamingEachTargetAndWhy() {
        primary.setDefault(Reply.status(500));
        backup.setDefault(Reply.resetBeforeHead());
        HttpResponse<String> r = gw.post("/v1/chat/completions", HELLO);
        assertThat(r.statusCode()).isEqualTo(502);
        String message = json(r.body()).path("error").path("message").asText();
        assertThat(message).contains("primary/model-a").contains("500").contains("backup/model-b")
                .contains("connect");
        UsageEvent e = gw.onlyEvent();
        assertThat(e.status()).isEqualTo(UsageEvent.Status.FAILED);
        assertThat(e.httpStatus()).isEqualTo(502);
        assertThat(e.attempts()).isEqualTo(4);
    }

    @Test
    void everyTargetRateLimitedGives429WithRetryAfter() {
        primary.setDefault(Reply.status(429).retryAfter(60));
        backup.setDefault(Reply.status(429).retryAfter(60));
        HttpResponse<String> r = gw.post("/v1/chat/completions", HELLO);
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("retry-after")).hasValue("60");
        assertThat(json(r.body()).path("error").path("type").asText()).isEqualTo("rate_limit_error");
    }

    @Test
    void everyTargetTimingOutGives504() {
        primary.setDefault(Reply.hang());
        backup.setDefault(Reply.hang());
        gw.close();
        gw = TestGateway.builder().openai("primary", primary.baseUrl()).openai("backup", backup.baseUrl())
                .alias("smart", "primary/model-a", "backup/model-b")
                .router(new dev.freeport.config.RouterConfig(2, java.time.Duration.ofMillis(10),
                        java.time.Duration.ofMillis(50), java.time.Duration.ofSeconds(3), 5,
                        java.time.Duration.ofSeconds(30), TestGateway.FAST)).start();
        HttpResponse<String> r = gw.post("/v1/chat/completions", HELLO);
        assertThat(r.statusCode()).isEqualTo(504);
        assertThat(json(r.body()).path("error").path("message").asText()).contains("no answer within");
    }

    @Test
    void openCircuitSkipsTheTargetUntilItsProbe() {
        primary.setDefault(Reply.status(503));
        for (int i = 0; i < 5; i++) {
            assertThat(content(gw.post("/v1/chat/completions", HELLO))).isEqualTo("from backup");
        }
        int primaryCalls = primary.requests().size();
        assertThat(primaryCalls).isEqualTo(5);
        HttpResponse<String> r = gw.post("/v1/chat/completions", HELLO);
        assertThat(content(r)).isEqualTo("from backup");
        assertThat(r.headers().firstValue("x-freeport-attempts")).hasValue("1");
        assertThat(primary.requests()).hasSize(primaryCalls);
    }
}
