package dev.freeport.dialect.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.json.Json;
import dev.freeport.testing.WireFiles;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Iterator;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden tests on the requests today's Claude Code sends (recorded in src/test/resources/wire/agents/claude-code):
 * every one decodes, and its translation for a non-Anthropic back end is the golden summary under
 * wire/anthropic-front/request/claude-code (roles and the start of each message, tool names, every other field).
 */
class ClaudeCodeRequestsTest {
    private static final WireFiles AGENTS = new WireFiles("agents", Json.MAPPER);
    private static final String PREFIX = "claude-code/claude-code-2.1.332-";

    private static MessagesRequest decode(String scenario) {
        JsonNode recorded = AGENTS.parse(AGENTS.text(PREFIX + scenario + ".json"));
        return MessagesDecoder.decode(Buffer.buffer(recorded.get("body").toString()));
    }

    /** What matters of a translation, small enough to read: each message's role and first 60 characters. */
    private static ObjectNode summary(JsonNode body) {
        ObjectNode out = Json.NODES.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (!f.getKey().equals("messages") && !f.getKey().equals("tools")) {
                out.set(f.getKey(), f.getValue());
            }
        }
        ArrayNode messages = out.putArray("messages");
        for (JsonNode m : body.get("messages")) {
            ObjectNode s = messages.addObject().put("role", m.get("role").asText());
            JsonNode c = m.get("content");
            String text = c.isTextual() ? c.textValue() : c.isArray() ? c.toString() : "null";
            s.put("content", text.length() > 60 ? text.substring(0, 60) : text);
            m.path("tool_calls").forEach(t -> s.withArray("tool_calls").add(t.at("/function/name").asText()));
            if (m.has("tool_call_id")) {
                s.put("tool_call_id", m.get("tool_call_id").asText());
            }
        }
        ArrayNode tools = out.putArray("tools");
        body.path("tools").forEach(t -> tools.add(t.at("/function/name").asText()));
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"default-request-1", "default-request-2", "model-coder-request-1",
            "model-coder-request-2", "model-coder-capabilities-off-request-1",
            "model-coder-capabilities-off-request-2"})
    void everyRecordedRequestTranslatesToItsGoldenSummary(String scenario) {
        MessagesRequest r = decode(scenario);
        FrontWire.assertGolden("request/claude-code/" + scenario + ".summary.json", summary(r.chat().body()));
        assertThat(r.chat().traits().nativeOnly()).as("nothing only Anthropic can serve").isNull();
        assertThat(r.chat().traits().reasoning()).as("effort is a preference, not a need").isFalse();
    }

    @Test
    void theDefaultRequestMapsItsEffortKeepsTheEnvironmentAsASystemMessageAndHidesThePlaceholderTool() {
        JsonNode body = decode("default-request-1").chat().body();
        assertThat(body.get("reasoning_effort").asText()).isEqualTo("medium");
        assertThat(body.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(body.at("/messages/2/role").asText()).isEqualTo("system");
        assertThat(body.at("/messages/2/content").asText()).startsWith("# Environment");
        assertThat(body.get("tools").toString()).contains("\"Write\"").doesNotContain("DeferredToolPlaceholder");
        assertThat(body.toString()).doesNotContain("cache_control").doesNotContain("context_management")
                .doesNotContain("output_config").doesNotContain("defer_loading");
        assertThat(body.get("user").asText()).hasSize(64); // the device id, not the JSON document
    }

    @Test
    void theCapabilitiesOffRequestGetsItsEffortFromTheThinkingBudget() {
        assertThat(decode("model-coder-capabilities-off-request-1").chat().body().get("reasoning_effort").asText())
                .isEqualTo("high");
    }

    @Test
    void theFrontKeepsTheBetaHeaderForAnAnthropicBackEnd() {
        JsonNode recorded = AGENTS.parse(AGENTS.text(PREFIX + "default-request-1.json"));
        var chat = dev.freeport.front.anthropic.AnthropicFront.INSTANCE.decode(
                Buffer.buffer(recorded.get("body").toString()), name -> recorded.path("headers").path(name)
                        .isMissingNode() ? null : recorded.path("headers").get(name).asText());
        assertThat(chat.nativeHeaders().get("anthropic-beta")).startsWith("claude-code-20250219,")
                .contains("effort-2025-11-24");
        assertThat(chat.nativeAnthropic()).isNotNull();
    }
}
