package dev.freeport.route;

import dev.freeport.caller.Limits;
import dev.freeport.caller.Principal;
import dev.freeport.module.Module;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import io.vertx.core.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Data classes, caller rules and concentration caps decide which upstreams a request may reach. */
class PolicyRoutingTest {
    static final String ASK = RoutingStrategiesTest.ASK;

    FakeUpstream cn;
    FakeUpstream us;
    FakeUpstream local;
    TestGateway gw;

    @BeforeEach
    void upstreams() {
        cn = FakeUpstream.start();
        us = FakeUpstream.start();
        local = FakeUpstream.start();
    }

    @AfterEach
    void close() {
        if (gw != null) {
            gw.close();
        }
        cn.close();
        us.close();
        local.close();
    }

    String config(String models) {
        return "providers:\n"
                + "  cnapi: { type: openai, base_url: " + cn.baseUrl() + ", vendor: deepseek, jurisdiction: CN,"
                + " region: CN, trust: public }\n"
                + "  usapi: { type: openai, base_url: " + us.baseUrl() + ", vendor: openai, jurisdiction: US,"
                + " region: US }\n"
                + "  gpu: { type: openai, base_url: " + local.baseUrl() + ", vendor: self, region: DE,"
                + " trust: self-hosted }\n"
                + """
                routing:
                  data_classes:
                    confidential: { allow_trust: [ self-hosted ] }
                    internal: { deny_jurisdictions: [ CN ] }
                """ + models;
    }

    static final String ALL_THREE = """
            models:
              - name: m
                targets: [ cnapi/v3, usapi/gpt, gpu/qwen ]
            """;

    HttpResponse<String> ask(String... headers) {
        return gw.post("/v1/chat/completions", ASK, headers);
    }

    @Test
    void confidentialRequestNeverReachesAForbiddenTargetEvenDuringFallback() {
        gw = TestGateway.fromYaml(config(ALL_THREE), v -> List.of());
        cn.setDefault(Reply.status(500));
        us.setDefault(Reply.status(500));
        local.enqueue(Reply.status(503)); // the allowed target fails once: the retry stays on it

        HttpResponse<String> r = ask("x-freeport-data-class", "confidential");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-freeport-provider")).hasValue("gpu");
        assertThat(r.headers().firstValue("x-freeport-data-class")).hasValue("confidential");
        assertThat(cn.requests()).isEmpty();
        assertThat(us.requests()).isEmpty();
        assertThat(local.requests()).hasSize(2);
    }

    @Test
    void withoutADataClassTheSameRequestDoesFallBackThroughThePublicTargets() {
        gw = TestGateway.fromYaml(config(ALL_THREE), v -> List.of());
        cn.setDefault(Reply.status(500));
        us.setDefault(Reply.status(500));
        assertThat(ask().statusCode()).isEqualTo(200);
        assertThat(cn.requests()).isNotEmpty();
        assertThat(us.requests()).isNotEmpty();
    }

    @Test
    void confidentialRequestFailsClosedWhenItsOnlyAllowedTargetIsDown() {
        gw = TestGateway.fromYaml(config(ALL_THREE), v -> List.of());
        local.setDefault(Reply.status(500));
        HttpResponse<String> r = ask("x-freeport-data-class", "confidential");
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(cn.requests()).isEmpty();
        assertThat(us.requests()).isEmpty();
    }

    @Test
    void dataClassWithNoAllowedTargetIsA403AndNothingIsSent() {
        gw = TestGateway.fromYaml(config("""
                models:
                  - name: m
                    targets: [ cnapi/v3, usapi/gpt ]
                """), v -> List.of());
        HttpResponse<String> r = ask("x-freeport-data-class", "confidential");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(TestGateway.json(r.body()).path("error").path("code").asText()).isEqualTo("data_class_forbidden");
        assertThat(r.body()).contains("cnapi/v3").contains("trust level public");
        assertThat(cn.requests()).isEmpty();
        assertThat(us.requests()).isEmpty();
        RouteDecision d = RouteDecision.fromJson(gw.onlyEvent().facts().decision());
        assertThat(d.candidates()).allSatisfy(c -> assertThat(c.excluded()).startsWith("data class confidential"));
        assertThat(d.chosen()).isNull();
    }

    @Test
    void anthropicCallerGetsTheRefusalInAnthropicsShape() {
        gw = TestGateway.fromYaml(config("""
                models:
                  - name: m
                    targets: [ cnapi/v3 ]
                """), v -> List.of());
        HttpResponse<String> r = gw.post("/v1/messages", "{\"model\":\"m\",\"max_tokens\":10,\"messages\":"
                + "[{\"role\":\"user\",\"content\":\"hi\"}]}", "x-freeport-data-class", "confidential");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(TestGateway.json(r.body()).path("type").asText()).isEqualTo("error");
        assertThat(TestGateway.json(r.body()).path("error").path("type").asText()).isEqualTo("permission_error");
    }

    @Test
    void embeddingsFollowTheDataClassToo() {
        gw = TestGateway.fromYaml(config("""
                models:
                  - name: e
                    targets: [ cnapi/embed, gpu/embed ]
                """), v -> List.of());
        HttpResponse<String> r = gw.post("/v1/embeddings", "{\"model\":\"e\",\"input\":\"secret plans\"}",
                "x-freeport-data-class", "confidential");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-freeport-provider")).hasValue("gpu");
        assertThat(cn.requests()).isEmpty();
    }

    @Test
    void unknownDataClassIsA400() {
        gw = TestGateway.fromYaml(config(ALL_THREE), v -> List.of());
        HttpResponse<String> r = ask("x-freeport-data-class", "secret");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("secret").contains("confidential, internal");
        assertThat(cn.requests()).isEmpty();
    }

    @Test
    void defaultDataClassAppliesWhenTheRequestNamesNone() {
        gw = TestGateway.fromYaml(config(ALL_THREE).replace("routing:\n", "routing:\n  default_data_class: internal\n"),
                v -> List.of());
        HttpResponse<String> r = ask();
        assertThat(r.headers().firstValue("x-freeport-provider")).hasValue("usapi");
        assertThat(cn.requests()).isEmpty();
    }

    @Test
    void keysVendorRulesExcludeTargetsAndAHeaderCannotLoosenTheKeysDataClass() {
        VendorRules noChina = new VendorRules(Set.of(), Set.of(), Set.of(), Set.of("CN"), Set.of());
        Principal p = new Principal("k1", "fp-k1", "research", List.of(), Set.of(), Limits.NONE, null, Limits.NONE,
                null, noChina, VendorRules.NONE, "confidential");
        gw = TestGateway.fromYaml(config(ALL_THREE), v -> List.of(Module.authenticating(
                cfg -> presented -> Future.succeededFuture(p))));
        HttpResponse<String> r = ask("x-freeport-data-class", "internal");
        assertThat(r.headers().firstValue("x-freeport-provider")).hasValue("gpu");
        assertThat(r.headers().firstValue("x-freeport-data-class")).hasValue("internal+confidential");
        RouteDecision d = RouteDecision.fromJson(gw.onlyEvent().facts().decision());
        assertThat(d.candidates()).filteredOn(c -> c.target().equals("cnapi/v3")).singleElement()
                .satisfies(c -> assertThat(c.excluded()).startsWith("key: jurisdiction CN / CN is denied"));
    }

    @Test
    void concentrationCapMovesTrafficToOtherVendorsPastTheCap() {
        gw = TestGateway.fromYaml(config("""
                models:
                  - name: m
                    targets: [ cnapi/v3, usapi/gpt ]
                """).replace("routing:\n", """
                routing:
                  concentration_caps:
                    - { vendor: deepseek, max_share: 0.5, measure: tokens, window: 1h, min_requests: 4 }
                """), v -> List.of());
        for (int i = 0; i < 12; i++) {
            assertThat(ask().statusCode()).isEqualTo(200);
        }
        // 4 go to deepseek before the cap has enough data; then it alternates around 50 %
        assertThat(cn.requests().size()).isBetween(5, 7);
        assertThat(us.requests().size()).isBetween(5, 7);
        assertThat(gw.awaitEvents(12)).anySatisfy(e -> assertThat(e.facts().decision())
                .contains("concentration cap: vendor deepseek at"));
    }

    @Test
    void capIsIgnoredWhenEveryEligibleVendorIsPastIt() {
        gw = TestGateway.fromYaml(config("""
                models:
                  - name: m
                    targets: [ cnapi/v3 ]
                """).replace("routing:\n", """
                routing:
                  concentration_caps:
                    - { vendor: "*", max_share: 0.5, measure: tokens, min_requests: 1 }
                """), v -> List.of());
        for (int i = 0; i < 3; i++) {
            assertThat(ask().statusCode()).isEqualTo(200);
        }
        assertThat(gw.awaitEvents(3)).filteredOn(e -> e.facts().decision().contains("caps not applied")).hasSize(2);
    }

}
