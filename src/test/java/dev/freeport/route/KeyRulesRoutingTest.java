package dev.freeport.route;

import dev.freeport.config.SandboxModelConfig;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Rules set on keys and teams through the admin API steer the key's requests (vendor openai, then self). */
class KeyRulesRoutingTest {
    static final String ADMIN = "adm";
    FakeUpstream openai;
    TestGateway gw;

    @BeforeEach
    void start() {
        openai = FakeUpstream.start();
        openai.setDefault(Reply.ok("from openai"));
        gw = TestGateway.builder().openai("oa", openai.baseUrl())
                .sandbox("sb", Map.of("fast", new SandboxModelConfig(0, 100000, 16, 0, 0, 0, 8, 1)))
                .alias("m", "oa/gpt-4o-mini", "sb/fast").adminKey(ADMIN).keys().start();
    }

    @AfterEach
    void stop() {
        gw.close();
        openai.close();
    }

    String key(String json) {
        HttpResponse<String> r = gw.call("POST", "/admin/keys", json, "authorization", "Bearer " + ADMIN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return TestGateway.json(r.body()).path("secret").asText();
    }

    HttpResponse<String> ask(String secret) {
        return gw.post("/v1/chat/completions", RoutingStrategiesTest.ASK,
                "authorization", "Bearer " + secret);
    }

    @Test
    void aKeyThatDeniesAVendorIsServedByTheNextTarget() {
        String plain = key("{}");
        String noOpenai = key("{\"deny_vendors\":[\"openai\"]}");
        assertThat(ask(plain).headers().firstValue("x-freeport-provider")).hasValue("oa");
        assertThat(ask(noOpenai).headers().firstValue("x-freeport-provider")).hasValue("sb");
        assertThat(openai.requests()).hasSize(1);
    }

    @Test
    void aTeamRuleAppliesToItsKeys() {
        HttpResponse<String> t = gw.call("POST", "/admin/teams", "{\"name\":\"eu-only\",\"allow_trust\":"
                + "[\"self-hosted\"]}", "authorization", "Bearer " + ADMIN);
        assertThat(t.statusCode()).as(t.body()).isEqualTo(201);
        String secret = key("{\"team\":\"eu-only\"}");
        HttpResponse<String> r = ask(secret);
        assertThat(r.headers().firstValue("x-freeport-provider")).hasValue("sb");
        assertThat(openai.requests()).isEmpty();
    }

    @Test
    void aKeyWhoseRulesLeaveNoTargetGetsA403() {
        String secret = key("{\"allow_vendors\":[\"mistral\"]}");
        HttpResponse<String> r = ask(secret);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(TestGateway.json(r.body()).path("error").path("code").asText()).isEqualTo("vendor_not_allowed");
        assertThat(openai.requests()).isEmpty();
    }

    @Test
    void aKeysDefaultDataClassThatIsNotConfiguredFailsClosed() {
        String secret = key("{\"data_class\":\"confidential\"}");
        HttpResponse<String> r = ask(secret);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("confidential");
        assertThat(openai.requests()).isEmpty();
    }
}
