package dev.freeport.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.config.SandboxModelConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static dev.freeport.server.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What callers learn that they should not: where aliases route (admins only), the parser's class names, and
 * their own strings repeated back at any length.
 */
class DisclosureTest {
    private static final String MASTER = "fp-master-test";
    private static final String ADMIN = "fp-admin-test";
    private TestGateway gw;

    @BeforeEach
    void start() {
        gw = TestGateway.builder().sandbox("sbx-internal", Map.of("fast", new SandboxModelConfig(0, 100000, 16, 0, 0,
                0, 8, 1))).alias("smart", "sbx-internal/fast").keys().adminKey(ADMIN).masterKey(MASTER).start();
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    private String virtualKey() {
        HttpResponse<String> r = gw.call("POST", "/admin/keys", "{\"name\":\"svc\"}", "authorization",
                "Bearer " + ADMIN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r.body()).path("secret").asText();
    }

    @Test
    void aVirtualKeySeesTheAliasesButNotWhereTheyRoute() {
        String key = virtualKey();
        HttpResponse<String> list = gw.get("/v1/models", "authorization", "Bearer " + key);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(json(list.body()).path("data").get(0).path("id").asText()).isEqualTo("smart");
        assertThat(list.body()).doesNotContain("sbx-internal").doesNotContain("circuit").doesNotContain("\"fast\"");
        assertThat(gw.get("/v1/models/smart", "authorization", "Bearer " + key).body())
                .doesNotContain("sbx-internal");
    }

    @Test
    void theMasterKeySeesTargetsAndCircuits() {
        JsonNode target = json(gw.get("/v1/models/smart", "authorization", "Bearer " + MASTER).body())
                .path("freeport").path("targets").get(0);
        assertThat(target.path("provider").asText()).isEqualTo("sbx-internal");
        assertThat(target.path("model").asText()).isEqualTo("fast");
        assertThat(target.path("circuit").asText()).isEqualTo("closed");
    }

    @Test
    void aJsonErrorNamesNoParserClassAndSaysWhatIsWrong() {
        HttpResponse<String> r = gw.post("/v1/chat/completions", "{} {}", "authorization", "Bearer " + MASTER);
        assertThat(r.statusCode()).isEqualTo(400);
        String message = json(r.body()).path("error").path("message").asText();
        assertThat(message).doesNotContainIgnoringCase("jackson").doesNotContain("JsonNode")
                .doesNotContain("DeserializationFeature").contains("more after the JSON object");
    }

    @Test
    void aTooDeeplyNestedBodyIsSaidInPlainWords() {
        String deep = "{\"a\":" + "[".repeat(300) + "]".repeat(300) + "}";
        HttpResponse<String> r = gw.post("/v1/messages", deep, "x-api-key", MASTER, "anthropic-version",
                "2023-06-01");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("nested more than 200 levels deep").doesNotContain("StreamReadConstraints");
    }

    @Test
    void aHugeUnknownModelNameIsEchoedTruncated() {
        String name = "x".repeat(100_000);
        HttpResponse<String> r = gw.post("/v1/chat/completions", "{\"model\":\"" + name
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "authorization", "Bearer " + MASTER);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body().length()).isLessThan(1000);
        assertThat(r.body()).contains("(100000 characters)");
        HttpResponse<String> one = gw.get("/v1/models/" + "y".repeat(5000), "authorization", "Bearer " + MASTER);
        assertThat(one.statusCode()).isEqualTo(404);
        assertThat(one.body().length()).isLessThan(1000);
    }
}
