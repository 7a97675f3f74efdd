package dev.freeport.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.json.Json;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import dev.freeport.testing.WireFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static dev.freeport.server.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Today's Claude Code request (recorded: wire/agents/claude-code) sent through Freeport as Claude Code sends it —
 * {@code POST /v1/messages?beta=true} with its headers — to each kind of back end: translated for an
 * OpenAI-compatible one (effort mapped, Anthropic-only fields dropped), untouched with its betas for an Anthropic one.
 * Server tools go only to Anthropic back ends and are refused by name otherwise.
 */
class ClaudeCodeRequestGatewayTest {
    private static final WireFiles AGENTS = new WireFiles("agents", Json.MAPPER);
    private static final JsonNode RECORDED = AGENTS.parse(AGENTS.text(
            "claude-code/claude-code-2.1.332-default-request-1.json"));
    private static final String WEB_SEARCH = """
            {"model":"%s","max_tokens":1000,"messages":[{"role":"user","content":"news?"}],
             "tools":[{"type":"web_search_20250305","name":"web_search","max_uses":5}]}""";

    private FakeUpstream openai;
    private FakeUpstream anthropic;
    private TestGateway gw;

    @BeforeEach
    void start() {
        openai = FakeUpstream.start();
        anthropic = FakeUpstream.start();
        gw = TestGateway.fromYaml("""
                providers:
                  local: { type: openai, preset: vllm, base_url: "%s" }
                  claude: { type: anthropic, base_url: "%s/v1", api_key: sk-ant-x }
                  deepseek-a: { type: anthropic, base_url: "%2$s/v1", api_key: sk-x, vendor: deepseek }
                  sim: { type: sandbox, models: { coder-sim: { ttft: 0ms } } }
                models:
                  - { name: coder, targets: ["local/qwen3-coder"] }
                  - { name: claude-opus-5-5, targets: ["claude/claude-opus-5-5"] }
                  - { name: mixed, targets: ["local/qwen3-coder", "claude/claude-opus-5-5"] }
                  - { name: ds, targets: ["deepseek-a/deepseek-v4-pro"] }
                  - { name: sim, targets: ["sim/coder-sim"] }
                """.formatted(openai.baseUrl(), anthropic.anthropicBaseUrl()), vertx -> List.of());
    }

    @AfterEach
    void stop() {
        gw.close();
        openai.close();
        anthropic.close();
    }

    /** The recorded request, with the model set, sent with Claude Code's own headers and query. */
    private HttpResponse<String> sendRecorded(String model) {
        ObjectNode body = ((ObjectNode) RECORDED.get("body").deepCopy()).put("model", model);
        List<String> headers = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = RECORDED.get("headers").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> h = it.next();
            if (List.of("anthropic-beta", "anthropic-version", "x-app", "user-agent", "x-claude-code-session-id")
                    .contains(h.getKey())) {
                headers.add(h.getKey());
                headers.add(h.getValue().asText());
            }
        }
        return gw.post("/v1/messages?beta=true", body.toString(), headers.toArray(String[]::new));
    }

    @Test
    void itIsTranslatedForAnOpenAiCompatibleBackEndWithItsEffortAndWithoutAnthropicOnlyFields() {
        openai.enqueue(Reply.ok("hi"));
        HttpResponse<String> r = sendRecorded("coder");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("event: message_start").contains("hi");
        JsonNode sent = openai.requests().get(0).body();
        assertThat(sent.get("model").asText()).isEqualTo("qwen3-coder");
        assertThat(sent.get("reasoning_effort").asText()).isEqualTo("medium");
        assertThat(sent.toString()).doesNotContain("output_config").doesNotContain("context_management")
                .doesNotContain("cache_control").doesNotContain("DeferredToolPlaceholder");
        assertThat(sent.at("/messages/2/role").asText()).isEqualTo("system");
        assertThat(openai.requests().get(0).header("anthropic-beta")).isNull();
    }

    @Test
    void itReachesAnAnthropicBackEndAsSentWithItsBetas() {
        anthropic.enqueue(Reply.ok("hi"));
        HttpResponse<String> r = sendRecorded("claude-opus-5-5");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        var upstream = anthropic.requests().get(0);
        assertThat(upstream.body()).isEqualTo(RECORDED.get("body"));
        assertThat(upstream.header("anthropic-beta")).isEqualTo(RECORDED.at("/headers/anthropic-beta").asText());
    }

    @Test
    void theSandboxServesItToo() {
        HttpResponse<String> r = sendRecorded("sim");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("event: message_stop");
    }

    @Test
    void anAnthropicCompatibleHostWithAVendorIsPricedFromThatVendorsCatalogEntries() {
        anthropic.enqueue(Reply.ok("hi").usage(1000, 100));
        HttpResponse<String> r = gw.post("/v1/messages", "{\"model\":\"ds\",\"max_tokens\":100,\"messages\":"
                + "[{\"role\":\"user\",\"content\":\"hi\"}]}", "anthropic-version", "2023-06-01");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(Double.parseDouble(r.headers().firstValue("x-freeport-cost-usd").orElseThrow())).isPositive();
    }

    @Test
    void aServerToolIsRefusedNamingItWhenNoTargetSpeaksAnthropic() {
        HttpResponse<String> r = gw.post("/v1/messages", WEB_SEARCH.formatted("coder"), "anthropic-version",
                "2023-06-01");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode error = json(r.body());
        assertThat(error.path("type").asText()).isEqualTo("error");
        assertThat(error.at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.at("/error/message").asText()).contains("web_search_20250305").contains("tools.0");
        assertThat(openai.requests()).isEmpty();
    }

    @Test
    void aServerToolGoesToTheAnthropicTargetOfAMixedAlias() {
        anthropic.enqueue(Reply.ok("searched"));
        HttpResponse<String> r = gw.post("/v1/messages", WEB_SEARCH.formatted("mixed"), "anthropic-version",
                "2023-06-01");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(openai.requests()).isEmpty();
        assertThat(anthropic.requests().get(0).body().at("/tools/0/type").asText()).isEqualTo("web_search_20250305");
        assertThat(r.headers().firstValue("x-freeport-provider")).contains("claude");
    }
}
