package dev.freeport.server;

import dev.freeport.config.ConfigException;
import dev.freeport.config.ConfigLoader;
import dev.freeport.route.RouteDecision;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.freeport.server.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Alias-to-alias fallbacks (LiteLLM's fallbacks, context_window_fallbacks, content_policy_fallbacks). */
class AliasFallbacksTest {
    private static final String HELLO = """
            {"model":"smart","max_tokens":100,"messages":[{"role":"user","content":"hello"}]}""";
    private FakeUpstream main;
    private FakeUpstream other;
    private TestGateway gw;

    @BeforeEach
    void upstreams() {
        main = FakeUpstream.start();
        other = FakeUpstream.start();
        other.setDefault(Reply.ok("from the fallback alias"));
    }

    @AfterEach
    void stop() {
        if (gw != null) {
            gw.close();
        }
        main.close();
        other.close();
    }

    private void start(String smartExtra, String smartTarget) {
        gw = TestGateway.fromYaml("""
                providers:
                  main: { type: openai, base_url: "%s", api_key: k }
                  other: { type: openai, base_url: "%s", api_key: k }
                router: { max_attempts: 4, backoff: { initial: 10ms, max: 20ms } }
                models:
                  - name: smart
                    targets: [ %s ]
                    %s
                  - { name: cheap, targets: [ other/cheap-model ] }
                  - { name: big, targets: [ other/big-model ] }
                """.formatted(main.baseUrl(), other.baseUrl(), smartTarget, smartExtra), vx -> List.of());
    }

    private static String content(HttpResponse<String> r) {
        return json(r.body()).path("choices").path(0).path("message").path("content").asText();
    }

    @Test
    void whenTheAliasesOwnTargetsFailItsFallbackAliasServes() {
        start("fallbacks: [ cheap ]", "main/m1");
        main.setDefault(Reply.status(500));
        HttpResponse<String> r = gw.post("/v1/chat/completions", HELLO);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(content(r)).isEqualTo("from the fallback alias");
        assertThat(other.requests().get(0).model()).isEqualTo("cheap-model");
        RouteDecision d = RouteDecision.fromJson(gw.onlyEvent().facts().decision());
        assertThat(d.note()).contains("then fallback alias cheap");
        assertThat(d.chosen()).isEqualTo("other/cheap-model");
    }

    @Test
    void anUpstreamsContextLengthRefusalGoesToTheContextWindowFallback() {
        start("context_window_fallbacks: [ big ]", "main/m1");
        main.setDefault(Reply.status(400).body("""
                {"error":{"message":"This model's maximum context length is 8192 tokens.",
                 "type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}"""));
        HttpResponse<String> r = gw.post("/v1/chat/completions", HELLO);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(other.requests().get(0).model()).isEqualTo("big-model");
    }

    @Test
    void aRequestNoOwnTargetCanHoldIsPlannedOnTheContextWindowFallback() {
        start("context_window_fallbacks: [ big ]", "{ provider: main, model: m1, capabilities: { context_window: 16 } }");
        HttpResponse<String> r = gw.post("/v1/chat/completions", HELLO);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(main.requests()).isEmpty();
        assertThat(other.requests().get(0).model()).isEqualTo("big-model");
    }

    @Test
    void aContentPolicyRefusalGoesToTheContentPolicyFallback() {
        start("content_policy_fallbacks: [ cheap ]", "main/m1");
        main.setDefault(Reply.status(400).body("""
                {"error":{"message":"Your request was rejected as a result of our safety system.",
                 "type":"invalid_request_error","param":null,"code":"content_policy_violation"}}"""));
        HttpResponse<String> r = gw.post("/v1/chat/completions", HELLO);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(other.requests().get(0).model()).isEqualTo("cheap-model");
    }

    @Test
    void anOrdinary400IsStillTheCallersAndGoesNowhereElse() {
        start("fallbacks: [ cheap ]\n    context_window_fallbacks: [ big ]", "main/m1");
        main.setDefault(Reply.status(400).body("""
                {"error":{"message":"temperature must be at most 2","type":"invalid_request_error",
                 "param":"temperature","code":"invalid_value"}}"""));
        assertThat(gw.post("/v1/chat/completions", HELLO).statusCode()).isEqualTo(400);
        assertThat(other.requests()).isEmpty();
    }

    @Test
    void aFallbackNamingNoAliasIsAConfigProblemWithASuggestion() {
        assertThatThrownBy(() -> ConfigLoader.parse("""
                providers: { p: { type: sandbox, models: { m: {} } } }
                models:
                  - { name: smart, targets: [ p/m ], fallbacks: [ chaep ] }
                  - { name: cheap, targets: [ p/m ] }
                  - { name: loop, targets: [ p/m ], content_policy_fallbacks: loop }
                """, "f.yaml", Map.of(), Path.of("/tmp")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("models[0].fallbacks: unknown alias \"chaep\"").hasMessageContaining("cheap")
                .hasMessageContaining("cannot fall back to itself");
    }
}
