package dev.freeport.route;

import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The complexity strategy end to end, with the real embedding model: a hard prompt goes to the strong upstream,
 * a greeting to the light one, the verdict is in the response header and in the ledger's decision.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComplexityRoutingTest {
    static final String HARD = "Implement a lock-free multi-producer queue in C++ with memory-order annotations, prove "
            + "it is linearizable and explain how you avoid the ABA problem.";
    static final String EASY = "Hi there! How are you doing today?";

    FakeUpstream light;
    FakeUpstream strong;
    TestGateway gw;

    @BeforeAll
    void start() {
        light = FakeUpstream.start();
        strong = FakeUpstream.start();
        light.setDefault(Reply.ok("light"));
        strong.setDefault(Reply.ok("strong"));
        gw = TestGateway.fromYaml("providers:\n"
                + "  small: { type: openai, base_url: " + light.baseUrl() + ", preset: vllm }\n"
                + "  big: { type: openai, base_url: " + strong.baseUrl() + ", vendor: anthropic }\n"
                + """
                models:
                  - name: auto
                    strategy: complexity
                    strong_share: 0.2
                    targets:
                      - { provider: small, model: qwen3, role: light }
                      - { provider: big, model: opus, role: strong }
                """, v -> List.of());
    }

    @AfterAll
    void stop() {
        gw.close();
        light.close();
        strong.close();
    }

    HttpResponse<String> ask(String prompt, boolean stream) {
        String body = "{\"model\":\"auto\"," + (stream ? "\"stream\":true," : "")
                + "\"messages\":[{\"role\":\"user\",\"content\":" + TestGateway.JSON.valueToTree(prompt) + "}]}";
        return gw.post("/v1/chat/completions", body);
    }

    @Test
    void hardPromptGoesToTheStrongTargetAndSaysWhy() {
        HttpResponse<String> r = ask(HARD, false);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-freeport-provider")).hasValue("big");
        assertThat(r.headers().firstValue("x-freeport-complexity").orElseThrow()).matches("0\\.\\d{4}; threshold=0\\.\\d{4}; hard");
        String id = r.headers().firstValue("x-freeport-request-id").orElseThrow();
        RouteDecision d = RouteDecision.fromJson(gw.awaitEvents(1).stream().filter(e -> e.id().equals(id))
                .findFirst().orElseThrow().facts().decision());
        assertThat(d.complexity().hard()).isTrue();
        assertThat(d.complexity().score()).isGreaterThanOrEqualTo(d.complexity().threshold());
        assertThat(d.complexity().model()).startsWith("minilm-l6-v2+features v1; threshold: calibration set");
        assertThat(d.candidates()).extracting(RouteDecision.Candidate::target, RouteDecision.Candidate::metric)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("big/opus", "strong"),
                        org.assertj.core.groups.Tuple.tuple("small/qwen3", "light"));
    }

    @Test
    void greetingGoesToTheLightTargetAlsoWhenStreamed() {
        HttpResponse<String> r = ask(EASY, true);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("data: [DONE]");
        assertThat(r.headers().firstValue("x-freeport-provider")).hasValue("small");
        assertThat(r.headers().firstValue("x-freeport-complexity").orElseThrow()).endsWith("; easy");
    }

    @Test
    void anEasyRequestFallsBackToTheStrongTargetWhenTheLightOneFails() {
        light.clear();
        light.enqueue(Reply.status(500), Reply.status(500), Reply.status(500), Reply.status(500));
        HttpResponse<String> r = ask("What is the capital of France?", false);
        int triedLight = light.requests().size();
        light.clear();
        assertThat(triedLight).as("the easy request tried the light target first").isPositive();
        assertThat(r.headers().firstValue("x-freeport-complexity").orElseThrow()).endsWith("; easy");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-freeport-provider")).hasValue("big");
    }
}
