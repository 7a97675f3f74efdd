package dev.freeport.provider.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeTokenServer;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.RecordedRequest;
import dev.freeport.testing.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway against a fake Azure OpenAI resource (and a fake Entra ID token endpoint) on real sockets. */
class AzureGatewayTest {
    static final String ASK = "{\"model\":\"gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";

    FakeUpstream azure;
    FakeTokenServer entra;
    TestGateway gw;

    @BeforeEach
    void start() {
        azure = FakeUpstream.start();
        entra = FakeTokenServer.start().entra("contoso-tenant", "app-1234", "entra-secret-value");
    }

    @AfterEach
    void stop() {
        if (gw != null) {
            gw.close();
        }
        azure.close();
        entra.close();
    }

    TestGateway gateway(String provider) {
        return TestGateway.fromYaml("providers:\n  az:\n    type: azure\n    base_url: " + azure.anthropicBaseUrl()
                + "\n" + provider + "models:\n  - name: gpt\n    targets: [ { provider: az, model: gpt-5-mini } ]\n",
                v -> List.of());
    }

    @Test
    void theApiKeyGoesInTheApiKeyHeaderToTheV1Path() {
        gw = gateway("    api_key: azure-key-123\n");
        HttpResponse<String> r = gw.post("/v1/chat/completions", ASK);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        RecordedRequest seen = azure.requests().getFirst();
        assertThat(seen.path()).isEqualTo("/openai/v1/chat/completions");
        assertThat(seen.header("api-key")).isEqualTo("azure-key-123");
        assertThat(seen.header("authorization")).isNull();
        assertThat(seen.model()).isEqualTo("gpt-5-mini");
    }

    @Test
    void embeddingsGoToTheDeploymentsEmbeddingsPath() {
        gw = TestGateway.fromYaml("providers:\n  az:\n    type: azure\n    base_url: " + azure.anthropicBaseUrl()
                + "\n    api_key: k\n    api_version: 2024-10-21\n"
                + "models:\n  - name: emb\n    targets: [ { provider: az, model: text-embedding-3-small } ]\n",
                v -> List.of());
        HttpResponse<String> r = gw.post("/v1/embeddings", "{\"model\":\"emb\",\"input\":[\"a\",\"b\"]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(TestGateway.json(r.body()).get("data")).hasSize(2);
        RecordedRequest seen = azure.requests().getFirst();
        assertThat(seen.path()).isEqualTo("/openai/deployments/text-embedding-3-small/embeddings");
        assertThat(seen.query()).isEqualTo("api-version=2024-10-21");
    }

    @Test
    void deploymentUrlsCarryTheApiVersion() {
        gw = gateway("    api_key: k\n    api_version: 2024-10-21\n");
        assertThat(gw.post("/v1/chat/completions", ASK).statusCode()).isEqualTo(200);
        RecordedRequest seen = azure.requests().getFirst();
        assertThat(seen.path()).isEqualTo("/openai/deployments/gpt-5-mini/chat/completions");
        assertThat(seen.query()).isEqualTo("api-version=2024-10-21");
    }

    @Test
    void entraClientCredentialsGetATokenOnceAndSendItAsBearer() {
        gw = gateway("    tenant_id: contoso-tenant\n    client_id: app-1234\n    client_secret: entra-secret-value\n"
                + "    token_url: " + entra.entraUrl() + "\n");
        assertThat(gw.post("/v1/chat/completions", ASK).statusCode()).isEqualTo(200);
        assertThat(gw.post("/v1/chat/completions", ASK).statusCode()).isEqualTo(200);
        assertThat(entra.tokenRequests()).isEqualTo(1);
        for (RecordedRequest seen : azure.requests()) {
            assertThat(entra.wasMinted(seen.header("authorization"))).isTrue();
            assertThat(seen.header("api-key")).isNull();
        }
    }

    @Test
    void aRefusedClientSecretIsAnAuthenticationErrorWithoutTheSecret() {
        gw = gateway("    tenant_id: contoso-tenant\n    client_id: app-1234\n    client_secret: wrong-secret\n"
                + "    token_url: " + entra.entraUrl() + "\n");
        HttpResponse<String> r = gw.post("/v1/chat/completions", ASK);
        assertThat(r.statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(r.body()).contains("AADSTS7000215").doesNotContain("wrong-secret");
        assertThat(azure.requests()).isEmpty();
    }

    @Test
    void aContentFilterRefusalReachesTheCallerAsA400ContentFilter() {
        gw = gateway("    api_key: k\n");
        azure.enqueue(Reply.status(400).body("{\"error\":{\"code\":\"content_filter\",\"status\":400,\"message\":"
                + "\"The response was filtered\",\"innererror\":{\"code\":\"ResponsibleAIPolicyViolation\","
                + "\"content_filter_result\":{\"violence\":{\"filtered\":true,\"severity\":\"high\"}}}}}"));
        HttpResponse<String> r = gw.post("/v1/chat/completions", ASK);
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode error = TestGateway.json(r.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("content_filter");
        assertThat(error.get("message").asText()).contains("violence (high)");
    }
}
