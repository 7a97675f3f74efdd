package dev.freeport.flow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeUpstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static dev.freeport.flow.GuardrailsFlowTest.AWS_KEY;
import static dev.freeport.flow.GuardrailsFlowTest.EMAIL;
import static dev.freeport.flow.GuardrailsFlowTest.GITHUB;
import static org.assertj.core.api.Assertions.assertThat;

/** The guardrail rules apply to embeddings inputs: what the fake upstream receives is screened. */
class GuardrailsEmbeddingsTest {
    private final FakeUpstream pub = FakeUpstream.start();
    private TestGateway gw;

    @AfterEach
    void close() {
        if (gw != null) {
            gw.close();
        }
        pub.close();
    }

    private void start() {
        gw = TestGateway.fromYaml("""
                providers:
                  pub: { type: openai, base_url: %s, vendor: openai, trust: public }
                models:
                  - { name: emb, targets: [ pub/text-embedding-3-small ] }
                """.formatted(pub.baseUrl()) + GuardrailsFlowTest.RULES, v -> List.of());
    }

    private HttpResponse<String> embed(JsonNode input) {
        return gw.post("/v1/embeddings", TestGateway.JSON.createObjectNode().put("model", "emb")
                .set("input", input).toString());
    }

    @Test
    void aBlockedSecretInAnEmbeddingsInputIsA403AndNothingIsSent() {
        start();
        HttpResponse<String> r = embed(TestGateway.JSON.createArrayNode().add("fine").add("key " + AWS_KEY));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        JsonNode error = TestGateway.json(r.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("guardrail_blocked");
        assertThat(error.path("message").asText()).contains("/input/1").doesNotContain(AWS_KEY);
        assertThat(pub.requests()).isEmpty();
    }

    @Test
    void maskedAndPseudonymisedKindsReachTheUpstreamMasked() {
        start();
        HttpResponse<String> r = embed(TestGateway.JSON.createArrayNode().add("token " + GITHUB)
                .add("mail " + EMAIL).add(TestGateway.JSON.createArrayNode().add(1).add(2)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(TestGateway.json(r.body()).path("data")).hasSize(3);
        JsonNode sent = pub.requests().get(0).body().path("input");
        assertThat(sent.get(0).asText()).doesNotContain(GITHUB).startsWith("token [").endsWith("]");
        assertThat(sent.get(1).asText()).doesNotContain(EMAIL).startsWith("mail [").endsWith("]")
                .doesNotContain("<<"); // pseudonymise acts as mask: no placeholder to restore in a vector
        assertThat(sent.get(2)).isEqualTo(TestGateway.JSON.createArrayNode().add(1).add(2));
    }
}
