package dev.freeport.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static dev.freeport.server.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The model names agents send, through the gateway: patterns route Claude Code's and Codex's names to aliases, a
 * provider wildcard passes the rest of the name on, the default takes the rest; the response header and the ledger
 * say what the name resolved to, and a key's {@code models:} applies to the resolved alias.
 */
class ModelNamesGatewayTest {
    private static final String ADMIN = "admin-secret";
    private FakeUpstream up;
    private TestGateway gw;

    @BeforeEach
    void start() {
        up = FakeUpstream.start();
        up.setDefault(Reply.ok("ok"));
        gw = TestGateway.builder().openai("local", up.baseUrl()).openai("ds", up.baseUrl())
                .alias("fast", "local/qwen3-coder-flash").matching(false, "claude-*-haiku-*", "claude-haiku-*")
                .alias("coder", "local/qwen3-coder").matching(true, "claude-*", "gpt-5*")
                .alias("deepseek/*", "ds/*")
                .adminKey(ADMIN).keys().start();
    }

    @AfterEach
    void stop() {
        gw.close();
        up.close();
    }

    private HttpResponse<String> messages(String model, String... headers) {
        List<String> h = new ArrayList<>(List.of("anthropic-version", "2023-06-01"));
        h.addAll(List.of(headers));
        return gw.post("/v1/messages", "{\"model\":\"" + model + "\",\"max_tokens\":10,\"messages\":[{\"role\":"
                + "\"user\",\"content\":\"hi\"}]}", h.toArray(String[]::new));
    }

    private HttpResponse<String> chat(String model, String... headers) {
        return gw.post("/v1/chat/completions", "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}]}", headers);
    }

    private String key(String json) {
        HttpResponse<String> r = gw.call("POST", "/admin/keys", json, "authorization", "Bearer " + ADMIN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r.body()).get("secret").asText();
    }

    @Test
    void claudeCodesModelNamesRouteByPatternInConfigOrder() {
        HttpResponse<String> haiku = messages("claude-haiku-4-5-20251001");
        assertThat(haiku.statusCode()).as(haiku.body()).isEqualTo(200);
        assertThat(haiku.headers().firstValue("x-freeport-alias")).contains("fast; pattern claude-haiku-*");
        assertThat(json(haiku.body()).get("model").asText()).as("the caller sees its own name")
                .isEqualTo("claude-haiku-4-5-20251001");
        HttpResponse<String> opus = messages("claude-opus-5-5");
        assertThat(opus.headers().firstValue("x-freeport-alias")).contains("coder; pattern claude-*");
        assertThat(up.requests()).extracting(r -> r.model()).containsExactly("qwen3-coder-flash", "qwen3-coder");
        assertThat(gw.awaitEvents(2)).extracting(UsageEvent::alias).containsExactly("fast", "coder");
    }

    @Test
    void codexsGptNamesRouteByPatternAndExactNamesNeedNoHeader() {
        assertThat(chat("gpt-5.5").headers().firstValue("x-freeport-alias")).contains("coder; pattern gpt-5*");
        assertThat(chat("coder").headers().firstValue("x-freeport-alias")).isEmpty();
    }

    @Test
    void aNameThatMatchesNothingGoesToTheDefaultAlias() {
        HttpResponse<String> r = chat("qwen3.7-max");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-freeport-alias")).contains("coder; default");
    }

    @Test
    void aProviderWildcardPassesTheRestOfTheNameToItsProvider() {
        HttpResponse<String> r = chat("deepseek/deepseek-reasoner");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-freeport-provider")).contains("ds");
        assertThat(r.headers().firstValue("x-freeport-alias")).contains("deepseek/deepseek-reasoner; wildcard"
                + " deepseek/*");
        assertThat(up.requests().get(0).model()).isEqualTo("deepseek-reasoner");
        assertThat(gw.awaitEvents(1).get(0).alias()).isEqualTo("deepseek/deepseek-reasoner");
    }

    @Test
    void aKeysModelsApplyToTheResolvedAlias() {
        String fastOnly = key("{\"models\":[\"fast\"]}");
        assertThat(messages("claude-haiku-4-5", "x-api-key", fastOnly).statusCode()).isEqualTo(200);
        HttpResponse<String> sonnet = messages("claude-sonnet-4-5", "x-api-key", fastOnly);
        assertThat(sonnet.statusCode()).isEqualTo(403);
        assertThat(json(sonnet.body()).at("/error/message").asText()).contains("'coder'")
                .contains("'claude-sonnet-4-5' resolves to it");
        String wildcard = key("{\"models\":[\"deepseek/*\"]}");
        assertThat(chat("deepseek/deepseek-chat", "authorization", "Bearer " + wildcard).statusCode())
                .isEqualTo(200);
        assertThat(chat("gpt-5", "authorization", "Bearer " + wildcard).statusCode()).isEqualTo(403);
    }

    @Test
    void theModelListShowsThePatternsTheDefaultAndTheWildcards() {
        JsonNode list = json(gw.get("/v1/models").body());
        List<String> ids = new ArrayList<>();
        list.get("data").forEach(m -> ids.add(m.get("id").asText()));
        assertThat(ids).containsExactly("fast", "coder", "deepseek/*");
        JsonNode coder = list.get("data").get(1).get("freeport");
        assertThat(coder.get("matches").toString()).isEqualTo("[\"claude-*\",\"gpt-5*\"]");
        assertThat(coder.get("default").asBoolean()).isTrue();
        JsonNode anthropic = json(gw.get("/v1/models", "anthropic-version", "2023-06-01").body());
        assertThat(anthropic.at("/data/1/display_name").asText()).isEqualTo("coder (also claude-*, gpt-5*)");
        String fastOnly = key("{\"models\":[\"fast\"]}");
        JsonNode mine = json(gw.get("/v1/models", "authorization", "Bearer " + fastOnly).body());
        assertThat(mine.get("data")).hasSize(1);
    }

    @Test
    void withoutADefaultAnUnknownNameIs404NamingThePatterns() {
        try (TestGateway plain = TestGateway.builder().openai("local", up.baseUrl())
                .alias("coder", "local/qwen3-coder").matching(false, "claude-*").start()) {
            HttpResponse<String> r = plain.post("/v1/chat/completions", "{\"model\":\"gpt-5\",\"messages\":"
                    + "[{\"role\":\"user\",\"content\":\"hi\"}]}");
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(json(r.body()).at("/error/message").asText()).contains("coder (also claude-*)");
        }
    }
}
