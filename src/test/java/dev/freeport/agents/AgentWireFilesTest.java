package dev.freeport.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.freeport.testing.CodingModel;
import dev.freeport.testing.ToolCall;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recorded requests of the pinned agent CLIs (src/test/resources/wire/agents, re-recorded by
 * {@link RecordAgentWireTest}) hold what docs/AGENTS-WIRE.md says they hold, nothing of a secret, and the
 * {@link CodingModel} of the end-to-end tests finds each CLI's file-writing tool and the tool result in them.
 * Needs no CLI: runs in every build, and fails when a re-recording changes what the mapping work relies on.
 */
class AgentWireFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode file(String cli, String name) {
        try {
            return JSON.readTree(RecordAgentWireTest.WIRE.resolve(cli).resolve(name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> names(JsonNode tools) {
        List<String> out = new ArrayList<>();
        tools.forEach(t -> out.add(t.has("function") ? t.path("function").path("name").asText()
                : t.has("name") ? t.path("name").asText() : t.path("type").asText()));
        return out;
    }

    @Test
    void claudeCodeSendsMessagesWithBetasOutputConfigAdaptiveThinkingAndASystemMessageInside() {
        JsonNode first = file("claude-code", "claude-code-2.1.332-default-request-1.json");
        assertThat(first.path("path").asText()).isEqualTo("/v1/messages");
        assertThat(first.path("query").asText()).isEqualTo("beta=true");
        assertThat(first.path("headers").path("anthropic-beta").asText().split(",")).containsExactly(
                "claude-code-20250219", "interleaved-thinking-2025-05-14", "context-management-2025-06-27",
                "per-turn-control-2026-07-01", "mid-conversation-tool-changes-2026-07-01",
                "thinking-token-count-2026-05-13", "advanced-tool-use-2025-11-20", "effort-2025-11-24");
        assertThat(first.path("headers").path("authorization").asText()).isEqualTo("Bearer ***");
        JsonNode body = first.path("body");
        assertThat(body.path("model").asText()).isEqualTo("claude-opus-5-5");
        assertThat(iterable(body.fieldNames())).containsExactly("model", "messages", "system", "tools", "metadata",
                "max_tokens", "thinking", "context_management", "output_config", "stream");
        assertThat(body.path("thinking")).isEqualTo(json("{\"type\":\"adaptive\",\"display\":\"omitted\"}"));
        assertThat(body.path("output_config")).isEqualTo(json("{\"effort\":\"medium\"}"));
        assertThat(body.path("context_management")).isEqualTo(
                json("{\"edits\":[{\"type\":\"clear_thinking_20251015\",\"keep\":\"all\"}]}"));
        assertThat(body.path("metadata").path("user_id").isTextual()).isTrue();
        assertThat(json(body.path("metadata").path("user_id").asText()).has("session_id")).isTrue();
        assertThat(body.path("system").get(2).path("cache_control").path("type").asText()).isEqualTo("ephemeral");
        JsonNode system = body.path("messages").get(1);
        assertThat(system.path("role").asText()).isEqualTo("system");
        assertThat(system.path("output_config").path("effort").asText()).isEqualTo("medium");
        assertThat(names(body.path("tools"))).contains("Write", "Bash", "Edit", "Read", "DeferredToolPlaceholder");
        assertThat(body.path("tools")).anySatisfy(t -> assertThat(t.path("defer_loading").asBoolean()).isTrue());

        JsonNode coder = file("claude-code", "claude-code-2.1.332-model-coder-request-1.json").path("body");
        assertThat(coder.path("output_config").path("effort").asText()).isEqualTo("high");
        assertThat(coder.path("max_tokens").asInt()).isEqualTo(32000);

        JsonNode off = file("claude-code", "claude-code-2.1.332-model-coder-capabilities-off-request-1.json")
                .path("body");
        assertThat(off.has("output_config")).isFalse();
        assertThat(off.has("context_management")).isFalse();
        assertThat(off.path("thinking").path("type").asText()).isEqualTo("enabled");
        assertThat(off.path("messages").get(1).path("role").asText()).isEqualTo("system");
    }

    @Test
    void codexSendsResponsesRequestsWhoseToolsDependOnTheModelName() {
        JsonNode coder = file("codex", "codex-0.171.0-model-coder-request-1.json");
        assertThat(coder.path("path").asText()).isEqualTo("/v1/responses");
        assertThat(coder.path("headers").path("accept").asText()).isEqualTo("text/event-stream");
        JsonNode body = coder.path("body");
        assertThat(iterable(body.fieldNames())).containsExactly("model", "stream", "input", "tools", "tool_choice",
                "parallel_tool_calls", "reasoning", "store", "include", "prompt_cache_key", "client_metadata");
        assertThat(body.path("store").asBoolean(true)).isFalse();
        assertThat(body.path("include").get(0).asText()).isEqualTo("reasoning.encrypted_content");
        assertThat(body.path("input").get(0).path("role").asText()).isEqualTo("developer");
        assertThat(names(body.path("tools"))).contains("exec_command", "multi_agent_v1", "web_search");

        JsonNode second = file("codex", "codex-0.171.0-model-coder-request-2.json").path("body").path("input");
        assertThat(second).anySatisfy(i -> assertThat(i.path("type").asText()).isEqualTo("function_call_output"));

        JsonNode gpt = file("codex", "codex-0.171.0-model-gpt-5.5-request-1.json").path("body");
        assertThat(gpt.path("tools")).anySatisfy(t -> {
            assertThat(t.path("type").asText()).isEqualTo("custom");
            assertThat(t.path("name").asText()).isEqualTo("apply_patch");
            assertThat(t.path("format").path("syntax").asText()).isEqualTo("lark");
        });

        JsonNode dflt = file("codex", "codex-0.171.0-default-request-1.json").path("body");
        assertThat(dflt.path("model").asText()).isEqualTo("gpt-6.2-sol");
        assertThat(dflt.has("tools")).isFalse();
        assertThat(dflt.path("input").get(0).path("type").asText()).isEqualTo("additional_tools");
    }

    @Test
    void qwenCodeAndOpencodeSendStreamedChatCompletionsWithUsage() {
        JsonNode qwen = file("qwen-code", "qwen-code-0.24.4-default-request-1.json");
        assertThat(qwen.path("path").asText()).isEqualTo("/v1/chat/completions");
        assertThat(qwen.path("body").path("model").asText()).isEqualTo("qwen3.7-max");
        assertThat(qwen.path("body").path("stream_options").path("include_usage").asBoolean()).isTrue();
        JsonNode qwenTool = file("qwen-code", "qwen-code-0.24.4-model-coder-request-2.json").path("body")
                .path("messages");
        assertThat(qwenTool).anySatisfy(m -> {
            assertThat(m.path("role").asText()).isEqualTo("tool");
            assertThat(m.path("content").isArray()).as("tool result content as parts").isTrue();
        });

        JsonNode title = file("opencode", "opencode-1.18.33-model-coder-request-1.json").path("body");
        assertThat(title.has("tools")).as("title generation, no tools").isFalse();
        JsonNode oc = file("opencode", "opencode-1.18.33-model-coder-request-2.json").path("body");
        assertThat(oc.path("tool_choice").asText()).isEqualTo("auto");
        assertThat(names(oc.path("tools"))).contains("write", "bash", "edit");
    }

    @Test
    void theCodingModelFindsEachCliSWriteToolAndTheToolResult() {
        CodingModel model = new CodingModel(Path.of("/w/hello.txt"), "hi\n");
        record Case(String cli, String first, String second, String tool) {
        }
        for (Case c : List.of(
                new Case("claude-code", "claude-code-2.1.332-model-coder-request-1.json",
                        "claude-code-2.1.332-model-coder-request-2.json", "Write"),
                new Case("codex", "codex-0.171.0-model-coder-request-1.json",
                        "codex-0.171.0-model-coder-request-2.json", "exec_command"),
                new Case("qwen-code", "qwen-code-0.24.4-model-coder-request-1.json",
                        "qwen-code-0.24.4-model-coder-request-2.json", "write_file"),
                new Case("opencode", "opencode-1.18.33-model-coder-request-2.json",
                        "opencode-1.18.33-model-coder-request-3.json", "write"))) {
            ToolCall call = model.writeCallFor(file(c.cli(), c.first()).path("body"));
            assertThat(call).as(c.cli()).isNotNull();
            assertThat(call.name()).as(c.cli()).isEqualTo(c.tool());
            assertThat(call.argumentsJson()).as(c.cli()).contains("/w/hello.txt");
            assertThat(CodingModel.toolResultsIn(file(c.cli(), c.first()).path("body"))).as(c.cli()).isEmpty();
            assertThat(CodingModel.toolResultsIn(file(c.cli(), c.second()).path("body"))).as(c.cli()).hasSize(1);
        }
    }

    @Test
    void noRecordedFileHoldsAKeyOrTheRunSPaths() throws IOException {
        try (Stream<Path> files = Files.walk(RecordAgentWireTest.WIRE)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                String text = Files.readString(f);
                assertThat(text).as(f.toString()).doesNotContain("sk-record").doesNotContain("/freeport-")
                        .doesNotContain("e2e-agents/runs");
                JsonNode headers = JSON.readTree(text).path("headers");
                if (headers.has("authorization")) {
                    assertThat(headers.path("authorization").asText()).as(f.toString()).isEqualTo("Bearer ***");
                }
            }
        }
    }

    private static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
