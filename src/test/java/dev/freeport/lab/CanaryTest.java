package dev.freeport.lab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.adminlog.AdminLogModule;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.freeport.lab.ShadowTrafficTest.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Canaries through a real gateway: fake upstreams on real sockets for the incumbent ("inc", US) behind the alias
 * {@code coder} and the candidate ("cand", a CN vendor) behind the alias {@code cheap}; the canary written through
 * the admin API, the admin log kept.
 */
class CanaryTest {
    static final String ASK = ShadowTrafficTest.ASK;

    FakeUpstream inc;
    FakeUpstream cand;
    TestGateway gw;

    @BeforeEach
    void upstreams() {
        inc = FakeUpstream.start();
        cand = FakeUpstream.start();
        inc.setDefault(Reply.ok("incumbent answer").usage(20, 10));
        cand.setDefault(Reply.ok("candidate answer").usage(20, 10));
    }

    @AfterEach
    void close() {
        if (gw != null) {
            gw.close();
        }
        inc.close();
        cand.close();
    }

    void start() {
        gw = start(ShadowTrafficTest.config(inc, cand, "null"));
    }

    static TestGateway start(String yaml) {
        return TestGateway.fromYamlWithConfig(yaml, (vx, cfg) -> {
            AdminLogModule log = AdminLogModule.open(vx, cfg);
            return List.of(log, LabModule.open(vx, cfg, log));
        });
    }

    static JsonNode admin(TestGateway gw, int status, String path, String body) {
        HttpResponse<String> r = body == null ? gw.get(path) : gw.post(path, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return TestGateway.json(r.body());
    }

    JsonNode canary(String body) {
        return admin(gw, 200, "/admin/migrate/canary", body);
    }

    JsonNode status() {
        return admin(gw, 200, "/admin/migrate/canary/coder", null);
    }

    /** Sends {@code n} requests to coder, each answered 200; returns how many the candidate got. */
    int send(int n, String... headers) {
        int before = cand.requests().size();
        for (int i = 0; i < n; i++) {
            HttpResponse<String> r = gw.post("/v1/chat/completions", ASK, headers);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
        return cand.requests().size() - before;
    }

    @Test
    void aCanaryWhoseErrorRateCrossesTheThresholdRollsBackByItselfAndSaysWhy() {
        AtomicInteger n = new AtomicInteger();
        cand.respondWith(q -> n.incrementAndGet() % 3 == 0 ? Reply.status(500) : Reply.ok("candidate answer")
                .usage(20, 10)); // a third of the candidate's answers fail
        start();
        canary("{\"alias\":\"coder\",\"to\":\"cheap\",\"share\":\"50%\",\"max_error_rate_delta\":0.1,"
                + "\"min_requests\":15,\"window\":\"10m\"}");

        for (int i = 0; i < 400 && status().path("status").asText().equals("running"); i++) {
            send(1); // every caller is answered: a failed canary attempt falls back to the incumbent
        }

        eventually(() -> status().path("status").asText().equals("rolled_back"));
        JsonNode s = status();
        assertThat(s.path("by").asText()).isEqualTo("canary watcher (automatic)");
        assertThat(s.path("reason").asText()).startsWith("automatic rollback: error rate")
                .contains("on cheap").contains("max_error_rate_delta 10.0");
        assertThat(send(20)).as("nothing goes to the candidate after the rollback").isZero();
        eventually(() -> admin(gw, 200, "/admin/log", null).path("data").findValuesAsText("who")
                .contains("canary watcher (automatic)"));
    }

    @Test
    void aCanaryWhoseAnswersFailTheDeterministicChecksRollsBackByItself() {
        cand.setDefault(Reply.ok("").usage(20, 0)); // empty answers: answered, but they fail the check "empty"
        start();
        canary("{\"alias\":\"coder\",\"to\":\"cheap\",\"share\":\"50%\",\"min_requests\":10}");

        for (int i = 0; i < 200 && status().path("status").asText().equals("running"); i++) {
            send(1);
        }

        eventually(() -> status().path("status").asText().equals("rolled_back"));
        assertThat(status().path("reason").asText()).startsWith("automatic rollback: check-failure rate");
    }

    @Test
    void aCanaryWhoseStreamsAreCutRollsBackByItself() {
        cand.setDefault(Reply.resetAfterChunks(2));
        start();
        canary("{\"alias\":\"coder\",\"to\":\"cheap\",\"share\":\"50%\",\"min_requests\":10}");

        for (int i = 0; i < 200 && status().path("status").asText().equals("running"); i++) {
            gw.post("/v1/chat/completions", ASK.replace("\"max_tokens\"", "\"stream\":true,\"max_tokens\""));
        }

        eventually(() -> status().path("status").asText().equals("rolled_back"));
        assertThat(status().path("reason").asText()).startsWith("automatic rollback: cut-stream rate");
    }

    @Test
    void aCanaryAsGoodAsTheIncumbentKeepsRunning() {
        start();
        canary("{\"alias\":\"coder\",\"to\":\"cheap\",\"share\":\"50%\",\"min_requests\":10}");

        send(60);

        JsonNode s = status();
        assertThat(s.path("status").asText()).isEqualTo("running");
        assertThat(s.at("/window_here/canary/requests").asLong()).isGreaterThanOrEqualTo(10);
        assertThat(s.at("/window_here/canary/errors").asLong()).isZero();
        assertThat(s.at("/window_here/incumbent/requests").asLong() + s.at("/window_here/canary/requests").asLong())
                .isEqualTo(60);
    }

    @Test
    void theCanarysShareOfTheAliasIsHonouredWithinTolerance() {
        start();
        canary("{\"alias\":\"coder\",\"to\":\"cheap\",\"share\":\"25%\"}");

        int toCandidate = send(400);

        System.out.println("25 % canary: " + toCandidate + " of 400 requests to the candidate");
        // binomial(400, 0.25): sd 2.2 points; 7 points is more than 3 sd
        assertThat(toCandidate / 400.0).isBetween(0.18, 0.32);
        assertThat(inc.requests()).hasSize(400 - toCandidate);
    }

    @Test
    void promoteStepsTheShareUpAndAtAHundredPercentSaysTheConfigChangeToMake() {
        start();
        canary("{\"alias\":\"coder\",\"to\":\"cheap\",\"share\":\"5%\"}");

        JsonNode p = admin(gw, 200, "/admin/migrate/canary/coder/promote", "");
        assertThat(p.path("share_percent").asInt()).isEqualTo(25);
        assertThat(admin(gw, 200, "/admin/migrate/canary/coder/promote", "").path("share_percent").asInt())
                .isEqualTo(50);
        JsonNode full = admin(gw, 200, "/admin/migrate/canary/coder/promote", "{\"share\":\"100%\"}");

        assertThat(full.path("share_percent").asInt()).isEqualTo(100);
        assertThat(full.path("permanent").asText()).contains("targets of cheap (cand/small)")
                .contains("freeport migrate canary --alias coder --end");
        assertThat(send(20)).isEqualTo(20);
        assertThat(admin(gw, 400, "/admin/migrate/canary/coder/promote", "{\"share\":\"50%\"}")
                .at("/error/param").asText()).isEqualTo("share");
    }

    @Test
    void rollbackByHandSendsTheAliasBackToItsOwnTargetsAndIsInTheAdminLog() {
        start();
        canary("{\"alias\":\"coder\",\"to\":\"cheap\",\"share\":\"100%\"}");
        assertThat(send(5)).isEqualTo(5);
        assertThat(gw.awaitEvents(5).getFirst().facts().decision()).as("freeport explain shows it")
                .contains("canary cheap (100 % of coder)");

        JsonNode r = admin(gw, 200, "/admin/migrate/canary/coder/rollback", "{\"reason\":\"answers too terse\"}");

        assertThat(r.path("status").asText()).isEqualTo("rolled_back");
        assertThat(r.path("reason").asText()).isEqualTo("answers too terse");
        assertThat(send(10)).isZero();
        eventually(() -> admin(gw, 200, "/admin/log", null).path("data").findValuesAsText("path")
                .contains("/admin/migrate/canary/coder/rollback"));
        assertThat(admin(gw, 409, "/admin/migrate/canary/coder/rollback", "").at("/error/code").asText())
                .isEqualTo("canary_conflict");
    }

    @Test
    void aDataClassThatForbidsTheCandidateNeverReachesTheCanary() {
        start();
        canary("{\"alias\":\"coder\",\"to\":\"cheap\",\"share\":\"100%\"}");

        assertThat(send(10, "x-freeport-data-class", "internal")).as("internal denies CN").isZero();
        assertThat(inc.requests()).hasSize(10);
        assertThat(send(3)).isEqualTo(3);
    }

    @Test
    void aCanaryStartedWithoutThresholdsTakesThoseOfTheAliasesCanarySection() {
        gw = start(ShadowTrafficTest.config(inc, cand, "null").replace("    shadow: null",
                "    canary: { max_error_rate_delta: 0.2, min_requests: 7, window: 5m }"));

        JsonNode c = canary("{\"alias\":\"coder\",\"to\":\"cheap\",\"share\":\"5%\",\"min_requests\":9}");

        assertThat(c.path("max_error_rate_delta").asDouble()).isEqualTo(0.2);
        assertThat(c.path("min_requests").asInt()).as("the request's own wins").isEqualTo(9);
        assertThat(c.path("window").asText()).isEqualTo("5m");
    }

    @Test
    void anAliasAddedByAConfigReloadCanHaveACanaryWithoutARestart() throws Exception {
        java.util.concurrent.atomic.AtomicReference<TestGateway> running = new java.util.concurrent.atomic.AtomicReference<>();
        gw = TestGateway.fromYamlWithConfig(ShadowTrafficTest.config(inc, cand, "null"), (vx, cfg) -> List.of(
                LabModule.open(vx, cfg, null, () -> running.get() == null ? cfg
                        : running.get().gateway().runtime().config())));
        running.set(gw);
        String body = "{\"alias\":\"fresh\",\"to\":\"cheap\",\"share\":\"100%\"}";
        admin(gw, 404, "/admin/migrate/canary", body);

        java.nio.file.Path file = gw.dataDir().resolve("freeport.yaml");
        java.nio.file.Files.writeString(file, java.nio.file.Files.readString(file)
                + "  - name: fresh\n    targets: [ { provider: inc, model: fresh } ]\n");
        gw.gateway().reload().toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);

        admin(gw, 200, "/admin/migrate/canary", body);
        HttpResponse<String> r = gw.post("/v1/chat/completions", ASK.replace("\"coder\"", "\"fresh\""));
        assertThat(r.headers().firstValue("x-freeport-provider")).contains("cand");
    }

    @Test
    void badCanaryRequestsGetClearErrors() {
        start();
        assertThat(admin(gw, 404, "/admin/migrate/canary", "{\"alias\":\"nope\",\"to\":\"cheap\",\"share\":5}")
                .at("/error/code").asText()).isEqualTo("unknown_alias");
        assertThat(admin(gw, 400, "/admin/migrate/canary", "{\"alias\":\"coder\",\"to\":\"cheap\",\"share\":\"0%\"}")
                .at("/error/param").asText()).isEqualTo("share");
        assertThat(admin(gw, 400, "/admin/migrate/canary", "{\"alias\":\"coder\",\"to\":\"coder\",\"share\":5}")
                .at("/error/param").asText()).isEqualTo("to");
        assertThat(admin(gw, 400, "/admin/migrate/canary", "[1]").path("error").isObject()).isTrue();
        canary("{\"alias\":\"coder\",\"to\":\"cheap\",\"share\":5}");
        assertThat(admin(gw, 409, "/admin/migrate/canary", "{\"alias\":\"coder\",\"to\":\"cheap\",\"share\":5}")
                .at("/error/code").asText()).isEqualTo("canary_conflict");
        assertThat(admin(gw, 404, "/admin/migrate/canary/other", null).at("/error/code").asText())
                .isEqualTo("canary_not_found");
    }
}
