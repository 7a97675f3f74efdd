package dev.freeport.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.config.RequestLogConfig;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** server.request_log: one line per request, failures by default, never the prompt. */
class RequestLogTest {
    private static final String PROMPT = "my-private-prompt-text";
    private static final String HELLO = """
            {"model":"smart","messages":[{"role":"user","content":"%s"}]}""".formatted(PROMPT);
    @TempDir
    Path dir;
    private FakeUpstream primary;
    private FakeUpstream backup;
    private TestGateway gw;
    private Path log;

    @BeforeEach
    void upstreams() {
        primary = FakeUpstream.start();
        backup = FakeUpstream.start();
        log = dir.resolve("logs/requests.log");
    }

    @AfterEach
    void stop() {
        gw.close();
        primary.close();
        backup.close();
    }

    private void start(RequestLogConfig.Requests which, RequestLogConfig.Format format) {
        gw = TestGateway.builder().openai("primary", primary.baseUrl()).openai("backup", backup.baseUrl())
                .alias("smart", "primary/model-a", "backup/model-b")
                .requestLog(new RequestLogConfig(which, format, log)).start();
    }

    private List<String> lines(int n) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < until) {
            if (Files.exists(log) && Files.readAllLines(log).size() >= n) {
                break;
            }
            Thread.sleep(20);
        }
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Test
    void byDefaultAFailedRequestIsLoggedWithEveryAttemptAndAServedOneIsNot() throws Exception {
        start(RequestLogConfig.Requests.FAILURES, RequestLogConfig.Format.TEXT);
        primary.setDefault(Reply.ok("fine"));
        assertThat(gw.post("/v1/chat/completions", HELLO).statusCode()).isEqualTo(200);
        primary.setDefault(Reply.status(503));
        backup.setDefault(Reply.status(500));
        var failed = gw.post("/v1/chat/completions", HELLO);
        assertThat(failed.statusCode()).isEqualTo(502);
        String id = failed.headers().firstValue("x-freeport-request-id").orElseThrow();

        List<String> lines = lines(1);
        Thread.sleep(200);
        assertThat(Files.readAllLines(log)).hasSize(1);
        String line = lines.get(0);
        assertThat(line).contains(id).contains("caller=anonymous").contains("front=openai").contains("alias=smart")
                .contains("status=502").contains("primary/model-a: 503").contains("backup/model-b: 500")
                .contains("error=upstream_error").contains("latency_ms=").doesNotContain(PROMPT)
                .doesNotContain("sk-test");
    }

    @Test
    void allRequestsAsJsonCarryTargetsTokensAndCost() throws Exception {
        start(RequestLogConfig.Requests.ALL, RequestLogConfig.Format.JSON);
        primary.setDefault(Reply.ok("fine"));
        assertThat(gw.post("/v1/chat/completions", HELLO).statusCode()).isEqualTo(200);
        JsonNode n = TestGateway.json(lines(1).get(0));
        assertThat(n.path("status").asInt()).isEqualTo(200);
        assertThat(n.path("outcome").asText()).isEqualTo("ok");
        assertThat(n.path("target").asText()).isEqualTo("primary/model-a");
        assertThat(n.path("attempts").size()).isEqualTo(1);
        assertThat(n.path("input_tokens").asLong()).isPositive();
        assertThat(n.has("cost_usd")).isTrue();
        assertThat(n.toString()).doesNotContain(PROMPT);
    }

    @Test
    void aFallbackIsAFailureWorthLogging() throws IOException, Exception {
        start(RequestLogConfig.Requests.FAILURES, RequestLogConfig.Format.TEXT);
        primary.setDefault(Reply.status(500));
        backup.setDefault(Reply.ok("fine"));
        assertThat(gw.post("/v1/chat/completions", HELLO).statusCode()).isEqualTo(200);
        assertThat(lines(1)).singleElement().asString().contains("status=200").contains("target=backup/model-b")
                .contains("primary/model-a: 500");
    }
}
