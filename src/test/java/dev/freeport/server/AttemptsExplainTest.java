package dev.freeport.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.route.RouteDecision;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static dev.freeport.server.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Every attempt of a request, with its error and time, is in its recorded decision and in /admin/requests/{id}. */
class AttemptsExplainTest {
    private static final String HELLO = """
            {"model":"smart","messages":[{"role":"user","content":"hello"}]}""";
    private FakeUpstream primary;
    private FakeUpstream backup;
    private TestGateway gw;

    @BeforeEach
    void start() {
        primary = FakeUpstream.start();
        backup = FakeUpstream.start();
        primary.setDefault(Reply.status(503));
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

    @Test
    void aFallbackRecordsTheFailedAttemptWithItsErrorAndTheServedOne() {
        HttpResponse<String> r = gw.post("/v1/chat/completions", HELLO);
        assertThat(r.statusCode()).isEqualTo(200);
        UsageEvent e = gw.onlyEvent();
        RouteDecision d = RouteDecision.fromJson(e.facts().decision());
        assertThat(d.attempts()).hasSize(2);
        assertThat(d.attempts().get(0).target()).isEqualTo("primary/model-a");
        assertThat(d.attempts().get(0).error()).startsWith("503 server_error");
        assertThat(d.attempts().get(1).target()).isEqualTo("backup/model-b");
        assertThat(d.attempts().get(1).error()).isNull();
        assertThat(d.attempts().get(1).millis()).isGreaterThanOrEqualTo(0);

        String id = r.headers().firstValue("x-freeport-request-id").orElseThrow();
        JsonNode tried = json(gw.get("/admin/requests/" + id).body()).path("decision").path("attempts");
        assertThat(tried.size()).isEqualTo(2);
        assertThat(tried.get(0).path("error").asText()).contains("503");
    }
}
