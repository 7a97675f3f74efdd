package dev.freeport.observe;

import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static dev.freeport.observe.ObservedGateway.sample;
import static org.assertj.core.api.Assertions.assertThat;

/** GET /metrics: Prometheus text, behind the admin key, counting requests by their labels. */
class MetricsTest {
    FakeUpstream a;
    FakeUpstream b;
    ObservedGateway gw;

    @BeforeEach
    void upstreams() {
        a = FakeUpstream.start();
        b = FakeUpstream.start();
    }

    @AfterEach
    void stop() {
        if (gw != null) {
            gw.close();
        }
        a.close();
        b.close();
    }

    String yaml(String extra) {
        return """
                providers:
                  pa: { type: openai, base_url: %s, api_key: k }
                  pb: { type: openai, base_url: %s, api_key: k }
                models:
                  - name: m
                    targets: [ { provider: pa, model: gpt-a }, { provider: pb, model: gpt-b } ]
                prices:
                  pa/gpt-a: { input: 1, output: 2 }
                  pb/gpt-b: { input: 1, output: 2 }
                router: { backoff: { initial: 1ms, max: 2ms } }
                """.formatted(a.baseUrl(), b.baseUrl()) + extra;
    }

    @Test
    void metricsNeedTheAdminKey() {
        gw = ObservedGateway.start(yaml(""));
        HttpResponse<String> none = gw.get("/metrics");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).doesNotContain(ObservedGateway.ADMIN);
        assertThat(gw.get("/metrics", "authorization", "Bearer wrong").statusCode()).isEqualTo(401);
        HttpResponse<String> ok = gw.get("/metrics", "authorization", "Bearer " + ObservedGateway.ADMIN);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("content-type").orElse("")).startsWith("text/plain; version=0.0.4");
    }

    @Test
    void openMetricsAnswerWithoutAKey() {
        gw = ObservedGateway.start(yaml("metrics: { open: true }\n"));
        assertThat(gw.get("/metrics").statusCode()).isEqualTo(200);
    }

    @Test
    void metricsCanBeTurnedOff() {
        gw = ObservedGateway.start(yaml("metrics: { enabled: false }\n"));
        assertThat(gw.get("/metrics", "authorization", "Bearer " + ObservedGateway.ADMIN).statusCode())
                .isEqualTo(404);
    }

    @Test
    void otherMethodsGet405() {
        gw = ObservedGateway.start(yaml("metrics: { open: true }\n"));
        assertThat(gw.call("POST", "/metrics").statusCode()).isEqualTo(405);
    }

    @Test
    void anAnsweredRequestIsCountedWithItsTokensCostAndDuration() {
        gw = ObservedGateway.start(yaml(""));
        assertThat(gw.chat("m", false).statusCode()).isEqualTo(200);
        String m = gw.metrics();
        Map<String, String> labels = Map.of("alias", "m", "provider", "pa", "model", "gpt-a", "front", "openai",
                "status", "ok", "error_kind", "none", "http_status", "200", "endpoint", "chat");
        assertThat(sample(m, "freeport_requests_total", labels)).isEqualTo(1.0);
        assertThat(sample(m, "gen_ai_client_operation_duration_seconds_count",
                Map.of("gen_ai_operation_name", "chat", "gen_ai_request_model", "m",
                        "gen_ai_response_model", "gpt-a"))).isEqualTo(1.0);
        assertThat(sample(m, "gen_ai_client_token_usage_count", Map.of("gen_ai_token_type", "input")))
                .isEqualTo(1.0);
        assertThat(sample(m, "gen_ai_client_token_usage_sum", Map.of("gen_ai_token_type", "output")))
                .isGreaterThan(0);
        assertThat(sample(m, "freeport_tokens_total", Map.of("alias", "m", "type", "input"))).isGreaterThan(0);
        assertThat(sample(m, "freeport_cost_usd_total", Map.of("alias", "m", "provider", "pa"))).isGreaterThan(0);
        assertThat(sample(m, "freeport_caller_requests_total", Map.of("key", "anonymous", "status", "ok")))
                .isEqualTo(1.0);
    }

    @Test
    void theCallersApiIsTheFrontLabel() {
        gw = ObservedGateway.start(yaml(""));
        assertThat(gw.post("/v1/messages", "{\"model\":\"m\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}]}", "anthropic-version", "2023-06-01").statusCode()).isEqualTo(200);
        assertThat(sample(gw.metrics(), "freeport_requests_total", Map.of("alias", "m", "front", "anthropic",
                "status", "ok"))).isEqualTo(1.0);
    }

    @Test
    void requestFieldsAFrontDroppedAreCountedByName() {
        gw = ObservedGateway.start(yaml(""));
        assertThat(gw.post("/v1/messages", "{\"model\":\"m\",\"max_tokens\":50,\"zz_metrics_probe\":1,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "anthropic-version", "2023-06-01")
                .statusCode()).isEqualTo(200);
        assertThat(sample(gw.metrics(), "freeport_dropped_fields_total", Map.of("api", "anthropic",
                "field", "zz_metrics_probe"))).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void aStreamedAnswerHasATimeToFirstToken() {
        gw = ObservedGateway.start(yaml(""));
        assertThat(gw.chat("m", true).statusCode()).isEqualTo(200);
        assertThat(sample(gw.metrics(), "gen_ai_server_time_to_first_token_seconds_count",
                Map.of("gen_ai_request_model", "m"))).isEqualTo(1.0);
    }

    @Test
    void attemptsRetriesAndBreakersAreCounted() {
        a.setDefault(Reply.status(503));
        gw = ObservedGateway.start(yaml(""));
        assertThat(gw.chat("m", false).statusCode()).isEqualTo(200);
        String m = gw.metrics();
        assertThat(sample(m, "freeport_upstream_attempts_total",
                Map.of("provider", "pa", "model", "gpt-a", "outcome", "server_error"))).isEqualTo(1.0);
        assertThat(sample(m, "freeport_upstream_attempts_total",
                Map.of("provider", "pb", "model", "gpt-b", "outcome", "ok"))).isEqualTo(1.0);
        assertThat(sample(m, "freeport_upstream_retries_total", Map.of("alias", "m"))).isEqualTo(1.0);
        assertThat(sample(m, "freeport_circuit_state", Map.of("provider", "pa", "model", "gpt-a"))).isEqualTo(0.0);
        assertThat(sample(m, "freeport_requests_total", Map.of("provider", "pb", "status", "ok"))).isEqualTo(1.0);
    }

    @Test
    void anOpenCircuitReadsTwo() {
        a.setDefault(Reply.status(503));
        gw = ObservedGateway.start(yaml("router: { backoff: { initial: 1ms, max: 2ms }, "
                + "circuit_breaker: { failures: 1, open_for: 1m } }\n").replace(
                "router: { backoff: { initial: 1ms, max: 2ms } }\n", ""));
        assertThat(gw.chat("m", false).statusCode()).isEqualTo(200);
        assertThat(sample(gw.metrics(), "freeport_circuit_state", Map.of("provider", "pa", "model", "gpt-a")))
                .isEqualTo(2.0);
    }

    @Test
    void failuresAreCountedByErrorKindAndStatus() {
        a.setDefault(Reply.status(503));
        b.setDefault(Reply.status(503));
        gw = ObservedGateway.start(yaml(""));
        HttpResponse<String> r = gw.chat("m", false);
        assertThat(r.statusCode()).isGreaterThanOrEqualTo(500);
        assertThat(sample(gw.metrics(), "freeport_requests_total", Map.of("alias", "m", "status", "failed",
                "http_status", Integer.toString(r.statusCode())))).isEqualTo(1.0);
    }

    @Test
    void aModelNameNobodyServesIsNeverALabel() {
        gw = ObservedGateway.start(yaml(""));
        assertThat(gw.chat("my-private-project-x9", false).statusCode()).isEqualTo(404);
        String m = gw.metrics();
        assertThat(m).doesNotContain("my-private-project-x9");
        assertThat(sample(m, "freeport_requests_total", Map.of("alias", "unknown", "error_kind", "not_found")))
                .isEqualTo(1.0);
    }

    @Test
    void theLedgerLagIsReported() {
        gw = ObservedGateway.start(yaml(""));
        assertThat(gw.chat("m", false).statusCode()).isEqualTo(200);
        String m = gw.metrics(); // after a flush: the database holds every event
        assertThat(sample(m, "freeport_ledger_lag_seconds", Map.of())).isEqualTo(0.0);
        assertThat(sample(m, "freeport_ledger_pending_events", Map.of())).isEqualTo(0.0);
    }
}
