package dev.freeport.provider.vertex;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeTokenServer;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.RecordedRequest;
import dev.freeport.testing.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway against a fake Vertex AI on real sockets, with a service-account key whose JWT the fake token
 * endpoint verifies; the fake Vertex sees only tokens that endpoint minted.
 */
class VertexGatewayTest {
    static final String PREFIX = "/v1/projects/acme-prod/locations/europe-west4";

    FakeUpstream vertex;
    FakeTokenServer google;
    ServiceAccount account;
    TestGateway gw;

    @BeforeEach
    void start() throws IOException {
        vertex = FakeUpstream.start();
        google = FakeTokenServer.start();
        account = ServiceAccount.create(google.googleUrl());
        google.google(account.email(), account.keys().getPublic());
    }

    @AfterEach
    void stop() throws IOException {
        if (gw != null) {
            gw.close();
        }
        vertex.close();
        google.close();
        Files.deleteIfExists(account.file());
    }

    TestGateway gateway(String extra) {
        return TestGateway.fromYaml("providers:\n  gcp:\n    type: vertex\n    project: acme-prod\n"
                + "    region: europe-west4\n    base_url: " + vertex.anthropicBaseUrl() + "/v1\n"
                + "    credentials_file: " + account.file() + "\n" + extra + """
                models:
                  - name: gemini
                    targets: [ { provider: gcp, model: gemini-2.5-flash } ]
                  - name: claude
                    targets: [ { provider: gcp, model: "claude-sonnet-4-5@20250929" } ]
                  - name: deepseek
                    targets: [ { provider: gcp, model: deepseek-ai/deepseek-v3.1-maas } ]
                """, v -> List.of());
    }

    static String ask(String alias, boolean stream) {
        return "{\"model\":\"" + alias + "\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
    }

    @Test
    void geminiIsCalledAtItsPublisherPathWithAMintedToken() {
        gw = gateway("");
        vertex.enqueue(Reply.ok("Hallo aus Eemshaven"));
        HttpResponse<String> r = gw.post("/v1/chat/completions", ask("gemini", false));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(TestGateway.json(r.body()).at("/choices/0/message/content").asText()).isEqualTo("Hallo aus Eemshaven");
        RecordedRequest seen = vertex.requests().getFirst();
        assertThat(seen.path()).isEqualTo(PREFIX + "/publishers/google/models/gemini-2.5-flash:generateContent");
        assertThat(google.wasMinted(seen.header("authorization"))).isTrue();
        assertThat(google.refusals()).isEmpty();
    }

    @Test
    void claudeGoesToRawPredictWithVertexsAnthropicVersionAndNoModel() {
        gw = gateway("");
        vertex.enqueue(Reply.ok("Hello from Claude on Vertex"));
        HttpResponse<String> r = gw.post("/v1/chat/completions", ask("claude", false));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        RecordedRequest seen = vertex.requests().getFirst();
        assertThat(seen.path()).isEqualTo(PREFIX + "/publishers/anthropic/models/claude-sonnet-4-5@20250929:rawPredict");
        assertThat(seen.body().get("anthropic_version").asText()).isEqualTo("vertex-2023-10-16");
        assertThat(seen.body().has("model")).isFalse();
        assertThat(TestGateway.json(r.body()).at("/choices/0/message/content").asText())
                .isEqualTo("Hello from Claude on Vertex");
    }

    @Test
    void aClaudeStreamComesFromStreamRawPredict() {
        gw = gateway("");
        vertex.enqueue(Reply.ok("one two"));
        HttpResponse<String> r = gw.post("/v1/chat/completions", ask("claude", true));
        assertThat(r.statusCode()).isEqualTo(200);
        StringBuilder text = new StringBuilder();
        for (String d : TestGateway.sseData(r.body())) {
            if (!d.equals("[DONE]")) {
                text.append(TestGateway.json(d).at("/choices/0/delta/content").asText(""));
            }
        }
        assertThat(text.toString()).isEqualTo("one two");
        assertThat(vertex.requests().getFirst().path()).endsWith(":streamRawPredict");
        assertThat(vertex.requests().getFirst().body().get("stream").asBoolean()).isTrue();
    }

    @Test
    void anAnthropicCallersRequestReachesClaudeOnVertexAsItWasSentWithoutTheModel() {
        gw = gateway("");
        vertex.enqueue(Reply.ok("Native on Vertex"));
        HttpResponse<String> r = gw.post("/v1/messages", """
                {"model":"claude","max_tokens":64,"system":[{"type":"text","text":"be brief",
                 "cache_control":{"type":"ephemeral"}}],"messages":[{"role":"user","content":"hello"}]}""",
                "anthropic-version", "2023-06-01");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode sent = vertex.requests().getFirst().body();
        assertThat(sent.has("model")).isFalse();
        assertThat(sent.get("anthropic_version").asText()).isEqualTo("vertex-2023-10-16");
        assertThat(sent.at("/system/0/cache_control/type").asText()).isEqualTo("ephemeral");
        JsonNode answer = TestGateway.json(r.body());
        assertThat(answer.get("type").asText()).isEqualTo("message");
        assertThat(answer.at("/content/0/text").asText()).isEqualTo("Native on Vertex");
    }

    @Test
    void anOpenModelGoesToTheOpenAiCompatibleEndpointWithItsPublisherName() {
        gw = gateway("");
        HttpResponse<String> r = gw.post("/v1/chat/completions", ask("deepseek", false));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        RecordedRequest seen = vertex.requests().getFirst();
        assertThat(seen.path()).isEqualTo(PREFIX + "/endpoints/openapi/chat/completions");
        assertThat(seen.model()).isEqualTo("deepseek-ai/deepseek-v3.1-maas");
    }

    @Test
    void oneTokenServesManyRequests() {
        gw = gateway("");
        for (String alias : List.of("gemini", "claude", "gemini")) {
            assertThat(gw.post("/v1/chat/completions", ask(alias, false)).statusCode()).isEqualTo(200);
        }
        assertThat(google.tokenRequests()).isEqualTo(1);
    }

    @Test
    void tokenUrlOverridesTheKeyFilesTokenEndpoint() throws IOException {
        Files.delete(account.file());
        account = ServiceAccount.create("http://127.0.0.1:9/token");
        google.google(account.email(), account.keys().getPublic());
        gw = gateway("    token_url: " + google.googleUrl() + "\n");
        HttpResponse<String> r = gw.post("/v1/chat/completions", ask("gemini", false));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(google.wasMinted(vertex.requests().getFirst().header("authorization"))).isTrue();
    }

    @Test
    void aKeyTheTokenEndpointRefusesIsAnAuthenticationErrorAndVertexIsNotCalled() throws IOException {
        ServiceAccount other = ServiceAccount.create(google.googleUrl());
        google.google(account.email(), other.keys().getPublic());
        gw = gateway("");
        HttpResponse<String> r = gw.post("/v1/chat/completions", ask("gemini", false));
        assertThat(r.statusCode()).isGreaterThanOrEqualTo(400);
        JsonNode error = TestGateway.json(r.body()).get("error");
        assertThat(error.get("message").asText()).contains("Google credentials").contains("invalid_grant");
        assertThat(vertex.requests()).isEmpty();
        Files.deleteIfExists(other.file());
    }
}
