package dev.freeport.flow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.guardrails.Action;
import dev.freeport.guardrails.detect.Kind;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.route.RouteDecision;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.RecordedRequest;
import dev.freeport.testing.Reply;
import dev.freeport.testing.ToolCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guardrails step through a running gateway (OpenAI front): fake upstreams record what they received, so each
 * test asserts what left the gateway as well as what the caller got back.
 */
class GuardrailsFlowTest {
    static final String AWS_KEY = "AKIAZ7QW2ERT5YUI3OPL";
    static final String GITHUB = "ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d";
    static final String EMAIL = "jane.doe@acme-corp.io";
    static final String RULES = """
            guardrails:
              rules:
                - trust: [public]
                  block: [aws_access_key_id, private_key]
                  mask: [secrets]
                  pseudonymise: [personal]
            """;

    FakeUpstream pub;
    FakeUpstream pub2;
    FakeUpstream gpu;
    TestGateway gw;

    @BeforeEach
    void upstreams() {
        pub = FakeUpstream.start();
        pub2 = FakeUpstream.start();
        gpu = FakeUpstream.start();
    }

    @AfterEach
    void close() {
        if (gw != null) {
            gw.close();
        }
        pub.close();
        pub2.close();
        gpu.close();
    }

    String config(String rules) {
        return """
                providers:
                  pub: { type: openai, base_url: %s, vendor: deepseek, trust: public }
                  pub2: { type: openai, base_url: %s, vendor: qwen, trust: public }
                  gpu: { type: openai, preset: vllm, base_url: %s, vendor: self, trust: self-hosted }
                models:
                  - { name: open, targets: [ pub/v3 ] }
                  - { name: two, targets: [ pub/v3, pub2/q ] }
                  - { name: mixed, targets: [ pub/v3, gpu/qwen ] }
                  - { name: local, targets: [ gpu/qwen ] }
                """.formatted(pub.baseUrl(), pub2.baseUrl(), gpu.baseUrl()) + rules;
    }

    static String ask(String model, String text, boolean stream) {
        return TestGateway.JSON.createObjectNode().put("model", model).put("stream", stream)
                .set("messages", TestGateway.JSON.createArrayNode().add(TestGateway.JSON.createObjectNode()
                        .put("role", "user").put("content", text))).toString();
    }

    /** The upstream's answer repeats whatever the request's last user message said. */
    static Reply echo(RecordedRequest r) {
        JsonNode msgs = r.body().path("messages");
        return Reply.ok(msgs.get(msgs.size() - 1).path("content").asText());
    }

    @Test
    void aBlockedKindIsA403NamingKindAndPositionAndNothingIsSent() {
        gw = TestGateway.fromYaml(config(RULES), v -> List.of());
        HttpResponse<String> r = gw.post("/v1/chat/completions", ask("open", "deploy with " + AWS_KEY, false));

        assertThat(r.statusCode()).isEqualTo(403);
        JsonNode error = TestGateway.json(r.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("guardrail_blocked");
        assertThat(error.path("message").asText()).contains("an AWS access key id in /messages/0/content at "
                + "characters 12-32");
        assertThat(r.body()).doesNotContain(AWS_KEY);
        assertThat(pub.requests()).isEmpty();
        UsageEvent e = gw.awaitEvents(1).getFirst();
        assertThat(e.httpStatus()).isEqualTo(403);
        assertThat(e.facts().decision()).contains("\"aws_access_key_id\":1").doesNotContain(AWS_KEY);
    }

    @Test
    void aTargetABlockRuleAppliesToIsLeftOutAndATrustedFallbackServes() {
        gw = TestGateway.fromYaml(config(RULES), v -> List.of());
        HttpResponse<String> r = gw.post("/v1/chat/completions", ask("mixed", "deploy with " + AWS_KEY, false));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-freeport-provider")).hasValue("gpu");
        assertThat(pub.requests()).isEmpty();
        assertThat(gpu.requests().getFirst().rawBody()).contains(AWS_KEY); // no rule for self-hosted targets
        RouteDecision d = RouteDecision.fromJson(gw.awaitEvents(1).getFirst().facts().decision());
        assertThat(d.candidates()).anySatisfy(c -> {
            assertThat(c.target()).isEqualTo("pub/v3");
            assertThat(c.excluded()).isEqualTo("guardrails: may not receive aws_access_key_id");
        });
    }

    @Test
    void aMaskedSecretIsReplacedIrreversibly() {
        gw = TestGateway.fromYaml(config(RULES), v -> List.of());
        pub.respondWith(GuardrailsFlowTest::echo);
        HttpResponse<String> r = gw.post("/v1/chat/completions", ask("open", "token " + GITHUB + " ok", false));

        assertThat(r.statusCode()).isEqualTo(200);
        String sent = pub.requests().getFirst().body().path("messages").get(0).path("content").asText();
        assertThat(sent).isEqualTo("token [GITHUB_TOKEN] ok");
        assertThat(TestGateway.json(r.body()).path("choices").get(0).path("message").path("content").asText())
                .isEqualTo("token [GITHUB_TOKEN] ok");
    }

    @Test
    void aPseudonymIsSentUpstreamAndRestoredInTheAnswer() {
        gw = TestGateway.fromYaml(config(RULES), v -> List.of());
        pub.respondWith(GuardrailsFlowTest::echo);
        HttpResponse<String> r = gw.post("/v1/chat/completions", ask("open", "mail " + EMAIL + " today", false));

        assertThat(pub.requests().getFirst().rawBody()).doesNotContain(EMAIL).contains("mail <<EMAIL_1>> today");
        assertThat(TestGateway.json(r.body()).path("choices").get(0).path("message").path("content").asText())
                .isEqualTo("mail " + EMAIL + " today");
    }

    @Test
    void toolCallArgumentsAreRestoredInAStreamAlsoWhenAPlaceholderIsSplitAcrossChunks() {
        gw = TestGateway.fromYaml(config(RULES), v -> List.of());
        // the fake streams arguments in four fragments: {"to":"<<EMAIL_1>>"} is cut inside the placeholder
        pub.setDefault(Reply.toolCalls(ToolCall.of("send", "{\"to\":\"<<EMAIL_1>>\"}")));
        HttpResponse<String> r = gw.post("/v1/chat/completions", ask("open", "write to " + EMAIL, true));

        StringBuilder args = new StringBuilder();
        for (String data : TestGateway.sseData(r.body())) {
            if (!data.equals("[DONE]")) {
                for (JsonNode call : TestGateway.json(data).path("choices").path(0).path("delta").path("tool_calls")) {
                    args.append(call.path("function").path("arguments").asText(""));
                }
            }
        }
        assertThat(args.toString()).isEqualTo("{\"to\":\"" + EMAIL + "\"}");
        assertThat(pub.requests().getFirst().rawBody()).doesNotContain(EMAIL);
    }

    @Test
    void aLongPromptIsScreenedOnAWorkerAndRewrittenAllTheSame() {
        gw = TestGateway.fromYaml(config(RULES), v -> List.of());
        pub.respondWith(GuardrailsFlowTest::echo);
        String filler = "lorem ipsum dolor sit amet ".repeat(2000); // ~54K characters: over the inline bound
        HttpResponse<String> r = gw.post("/v1/chat/completions", ask("open", filler + "mail " + EMAIL, false));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(pub.requests().getFirst().rawBody()).doesNotContain(EMAIL).contains("mail <<EMAIL_1>>");
        assertThat(r.body()).contains(EMAIL);
        HttpResponse<String> blocked = gw.post("/v1/chat/completions", ask("open", filler + AWS_KEY, false));
        assertThat(blocked.statusCode()).isEqualTo(403);
        assertThat(pub.requests()).hasSize(1);
    }

    @Test
    void everyFallbackAttemptGetsTheRewrittenRequest() {
        gw = TestGateway.fromYaml(config(RULES), v -> List.of());
        pub.setDefault(Reply.status(500));
        pub2.respondWith(GuardrailsFlowTest::echo);
        HttpResponse<String> r = gw.post("/v1/chat/completions", ask("two", "mail " + EMAIL, false));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(pub.requests()).isNotEmpty().allSatisfy(q -> assertThat(q.rawBody()).doesNotContain(EMAIL)
                .contains("<<EMAIL_1>>"));
        assertThat(pub2.requests().getFirst().rawBody()).doesNotContain(EMAIL).contains("<<EMAIL_1>>");
        assertThat(r.body()).contains(EMAIL);
    }

    @Test
    void aTargetNoRuleAppliesToReceivesTheRequestUntouched() {
        gw = TestGateway.fromYaml(config(RULES), v -> List.of());
        String body = ask("local", "mail " + EMAIL + " key " + GITHUB, false);
        assertThat(gw.post("/v1/chat/completions", body).statusCode()).isEqualTo(200);
        assertThat(gpu.requests().getFirst().rawBody()).contains(EMAIL).contains(GITHUB);
    }

    @Test
    void findingsAreCountedInTheLedgerAndForMetricsWithoutValues() {
        gw = TestGateway.fromYaml(config(RULES), v -> List.of());
        gw.post("/v1/chat/completions", ask("open", "mail " + EMAIL + " or " + "bob@acme-corp.io", false));

        String decision = gw.awaitEvents(1).getFirst().facts().decision();
        assertThat(decision).contains("\"guardrails\":{\"findings\":{\"email\":2},\"actions\":{\"pseudonymise\":2}}")
                .doesNotContain(EMAIL);
        assertThat(gw.gateway().guardrailFindings().get(Kind.EMAIL, Action.PSEUDONYMISE)).isEqualTo(2);
    }

    @Test
    void withoutRulesNothingIsScanned() {
        gw = TestGateway.fromYaml(config(""), v -> List.of());
        assertThat(gw.gateway().runtime().guardrails().isEmpty()).isTrue();
        gw.post("/v1/chat/completions", ask("open", "deploy with " + AWS_KEY, false));
        assertThat(pub.requests().getFirst().rawBody()).contains(AWS_KEY);
        assertThat(gw.awaitEvents(1).getFirst().facts().decision()).doesNotContain("guardrails");
    }
}
