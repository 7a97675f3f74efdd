package dev.freeport.server;

import dev.freeport.config.RouterConfig;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;

import static dev.freeport.server.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request's deadline across all attempts (router.total_timeout, shortened by x-freeport-timeout), and targets
 * that answer 401/403 (a bad provider key): never tried twice in one request.
 */
class DeadlineTest {
    private static final String HELLO = """
            {"model":"smart","messages":[{"role":"user","content":"hello"}]}""";
    /** first byte 1.5 s per attempt, 4 attempts: 6 s of hanging without a deadline; the deadline is 1 s */
    private static final RouterConfig ONE_SECOND = new RouterConfig(4, Duration.ofMillis(10), Duration.ofMillis(50),
            Duration.ofSeconds(3), 5, Duration.ofSeconds(30), TestGateway.FAST, Duration.ofSeconds(1));
    private FakeUpstream primary;
    private FakeUpstream backup;
    private TestGateway gw;

    @BeforeEach
    void start() {
        primary = FakeUpstream.start();
        backup = FakeUpstream.start();
        primary.setDefault(Reply.hang());
        backup.setDefault(Reply.hang());
        gw = TestGateway.builder().openai("primary", primary.baseUrl()).openai("backup", backup.baseUrl())
                .alias("smart", "primary/model-a", "backup/model-b").alias("solo", "primary/model-a")
                .router(ONE_SECOND).start();
    }

    @AfterEach
    void stop() {
        gw.close();
        primary.close();
        backup.close();
    }

    private static String message(HttpResponse<String> r) {
        return json(r.body()).path("error").path("message").asText();
    }

    @Test
    void hangingTargetsAreCutAtTheTotalTimeoutWith504NamingIt() {
        long start = System.nanoTime();
        HttpResponse<String> r = gw.post("/v1/chat/completions", HELLO);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(r.statusCode()).isEqualTo(504);
        assertThat(millis).isBetween(900L, 1400L);
        assertThat(message(r)).contains("deadline of 1s (router.total_timeout)").contains("primary/model-a");
        assertThat(json(r.body()).path("error").path("code").asText()).isEqualTo("request_timeout");
    }

    @Test
    void theTimeoutHeaderShortensTheDeadline() {
        long start = System.nanoTime();
        HttpResponse<String> r = gw.post("/v1/chat/completions", HELLO, "x-freeport-timeout", "0.4");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(r.statusCode()).isEqualTo(504);
        assertThat(millis).isBetween(350L, 850L);
        assertThat(message(r)).contains("deadline of 400ms (x-freeport-timeout: 0.4)");
    }

    @Test
    void theTimeoutHeaderCannotLengthenTheDeadline() {
        long start = System.nanoTime();
        HttpResponse<String> r = gw.post("/v1/chat/completions", HELLO, "x-freeport-timeout", "10m");
        assertThat(r.statusCode()).isEqualTo(504);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1400L);
        assertThat(message(r)).contains("(router.total_timeout)");
    }

    @Test
    void aTimeoutHeaderThatIsNoDurationIs400NamingIt() {
        HttpResponse<String> r = gw.post("/v1/chat/completions", HELLO, "x-freeport-timeout", "soon");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r.body()).path("error").path("param").asText()).isEqualTo("x-freeport-timeout");
        assertThat(message(r)).contains("\"soon\"");
        assertThat(primary.requests()).isEmpty();
    }

    @Test
    void anUpstream401IsNeverRetriedOnTheSameTarget() {
        primary.setDefault(Reply.status(401));
        HttpResponse<String> r = gw.post("/v1/chat/completions", HELLO.replace("smart", "solo"));
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(primary.requests()).hasSize(1);
    }

    @Test
    void anUpstream403MovesToTheNextTargetOnce() {
        primary.setDefault(Reply.status(403));
        backup.setDefault(Reply.status(500));
        HttpResponse<String> r = gw.post("/v1/chat/completions", HELLO);
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(primary.requests()).hasSize(1);
        assertThat(backup.requests()).hasSize(3);
    }
}
