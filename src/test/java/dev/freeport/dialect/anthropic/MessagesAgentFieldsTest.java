package dev.freeport.dialect.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.dialect.DroppedFields;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fields coding agents (Claude Code first) add to Messages requests: effort, adaptive thinking, mid-conversation
 * system messages, context management, deferred tools, structured output. docs/AGENTS.md lists what each becomes.
 */
class MessagesAgentFieldsTest {
    private static final String HI = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";

    private static MessagesRequest decode(String json) {
        return MessagesDecoder.decode(Buffer.buffer(json));
    }

    private static MessagesRequest withHead(String rest) {
        return decode("{\"model\":\"m\",\"max_tokens\":32000," + rest + "}");
    }

    private static List<String> toolNames(MessagesRequest r) {
        List<String> names = new ArrayList<>();
        r.chat().body().path("tools").forEach(t -> names.add(t.at("/function/name").asText()));
        return names;
    }

    @Test
    void topLevelEffortBecomesReasoningEffortWithoutMakingReasoningANeed() {
        MessagesRequest r = withHead(HI + ",\"output_config\":{\"effort\":\"medium\"}");
        assertThat(r.chat().body().get("reasoning_effort").asText()).isEqualTo("medium");
        assertThat(r.chat().traits().reasoning()).as("a preference: non-reasoning targets stay eligible").isFalse();
    }

    @ParameterizedTest
    @CsvSource({"low,low", "medium,medium", "high,high", "xhigh,high", "max,high"})
    void anthropicEffortLevelsMapToTheThreeCommonOnes(String anthropic, String canonical) {
        MessagesRequest r = withHead(HI + ",\"output_config\":{\"effort\":\"" + anthropic + "\"}");
        assertThat(r.chat().body().get("reasoning_effort").asText()).isEqualTo(canonical);
    }

    @Test
    void anUnknownEffortIsDroppedAndCountedNotRefused() {
        long before = DroppedFields.snapshot().getOrDefault("anthropic:output_config.effort", 0L);
        MessagesRequest r = withHead(HI + ",\"output_config\":{\"effort\":\"ultra\",\"verbosity\":\"low\"}");
        assertThat(r.chat().body().has("reasoning_effort")).isFalse();
        assertThat(DroppedFields.snapshot().get("anthropic:output_config.effort")).isEqualTo(before + 1);
        assertThat(DroppedFields.snapshot()).containsKey("anthropic:output_config.verbosity");
    }

    @ParameterizedTest
    @CsvSource({"1024,low", "4096,low", "8000,medium", "16384,medium", "31999,high"})
    void anEnabledThinkingBudgetStandsForAnEffort(int budget, String effort) {
        MessagesRequest r = withHead(HI + ",\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":" + budget
                + ",\"display\":\"omitted\"}");
        assertThat(r.chat().body().get("reasoning_effort").asText()).isEqualTo(effort);
        assertThat(r.chat().body().has("thinking")).isFalse();
    }

    @Test
    void anExplicitEffortWinsOverTheThinkingBudget() {
        MessagesRequest r = withHead(HI + ",\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":31999},"
                + "\"output_config\":{\"effort\":\"low\"}");
        assertThat(r.chat().body().get("reasoning_effort").asText()).isEqualTo("low");
    }

    @Test
    void adaptiveOrDisabledThinkingTakesTheEffortGivenElseLeavesItToTheModel() {
        for (String t : List.of("{\"type\":\"adaptive\",\"display\":\"omitted\"}",
                "{\"type\":\"disabled\"}", "{\"type\":\"adaptive\",\"display\":\"summarized\"}")) {
            assertThat(withHead(HI + ",\"thinking\":" + t).chat().body().has("reasoning_effort")).as(t).isFalse();
            assertThat(withHead(HI + ",\"thinking\":" + t + ",\"output_config\":{\"effort\":\"low\"}").chat().body()
                    .get("reasoning_effort").asText()).as(t).isEqualTo("low");
        }
    }

    @Test
    void aSystemMessageInsideMessagesStaysASystemMessageInPlace() {
        MessagesRequest r = withHead("\"system\":\"top\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
                + "{\"role\":\"system\",\"content\":[{\"type\":\"text\",\"text\":\"env\","
                + "\"cache_control\":{\"type\":\"ephemeral\"}}]},{\"role\":\"assistant\",\"content\":\"ok\"},"
                + "{\"role\":\"system\",\"content\":\"later\"},{\"role\":\"user\",\"content\":\"go\"}]");
        List<String> roles = new ArrayList<>();
        r.chat().body().get("messages").forEach(m -> roles.add(m.get("role").asText() + ":" + m.get("content")
                .asText()));
        assertThat(roles).containsExactly("system:top", "user:hi", "system:env", "assistant:ok", "system:later",
                "user:go");
    }

    @Test
    void theLastSystemMessagesPerTurnEffortWinsOverTheTopLevelOne() {
        MessagesRequest r = withHead("\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
                + "{\"role\":\"system\",\"content\":\"a\",\"output_config\":{\"effort\":\"high\"}},"
                + "{\"role\":\"assistant\",\"content\":\"ok\"},"
                + "{\"role\":\"system\",\"output_config\":{\"effort\":\"low\"}},{\"role\":\"user\",\"content\":\"go\"}],"
                + "\"output_config\":{\"effort\":\"medium\"}");
        assertThat(r.chat().body().get("reasoning_effort").asText()).isEqualTo("low");
        assertThat(r.chat().body().get("messages")).as("the message with only an output_config adds none")
                .hasSize(4);
    }

    @Test
    void contextManagementIsAcceptedAndLeftToAnthropicBackEnds() {
        MessagesRequest r = withHead(HI + ",\"context_management\":{\"edits\":[{\"type\":\"clear_thinking_20251015\","
                + "\"keep\":\"all\"}]}");
        assertThat(r.chat().body().has("context_management")).isFalse();
        assertThat(r.original().has("context_management")).isTrue();
        assertThat(r.chat().traits().nativeOnly()).isNull();
    }

    @Test
    void aDeferredToolIsNotOfferedUntilAToolReferenceLoadsIt() {
        String tools = ",\"tools\":[{\"name\":\"Read\",\"input_schema\":{\"type\":\"object\"}},"
                + "{\"name\":\"DeferredToolPlaceholder\",\"defer_loading\":true,\"input_schema\":{\"type\":\"object\","
                + "\"properties\":{}}},{\"name\":\"mcp__db__query\",\"defer_loading\":true,"
                + "\"input_schema\":{\"type\":\"object\"}}]";
        assertThat(toolNames(withHead(HI + tools))).containsExactly("Read");
        MessagesRequest loaded = withHead("\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"ToolSearch\","
                + "\"input\":{\"query\":\"db\"}}]},{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\","
                + "\"tool_use_id\":\"t1\",\"content\":[{\"type\":\"tool_reference\",\"tool_name\":\"mcp__db__query\"}]}]}]"
                + tools);
        assertThat(toolNames(loaded)).containsExactly("Read", "mcp__db__query");
        JsonNode result = loaded.chat().body().at("/messages/2");
        assertThat(result.get("role").asText()).isEqualTo("tool");
        assertThat(result.get("content").asText()).contains("mcp__db__query");
    }

    @Test
    void toolChoiceNamingADeferredToolOffersIt() {
        MessagesRequest r = withHead(HI + ",\"tools\":[{\"name\":\"later\",\"defer_loading\":true,"
                + "\"input_schema\":{\"type\":\"object\"}}],\"tool_choice\":{\"type\":\"tool\",\"name\":\"later\"}");
        assertThat(toolNames(r)).containsExactly("later");
        assertThat(r.chat().body().at("/tool_choice/function/name").asText()).isEqualTo("later");
    }

    @Test
    void outputConfigFormatBecomesAJsonSchemaResponseFormat() {
        String schema = "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}";
        for (String field : List.of("\"output_config\":{\"format\":{\"type\":\"json_schema\",\"schema\":" + schema
                + "}}", "\"output_format\":{\"type\":\"json_schema\",\"schema\":" + schema + "}")) {
            MessagesRequest r = withHead(HI + "," + field);
            JsonNode format = r.chat().body().get("response_format");
            assertThat(format.get("type").asText()).as(field).isEqualTo("json_schema");
            assertThat(format.at("/json_schema/schema/properties/a/type").asText()).isEqualTo("string");
            assertThat(r.chat().traits().jsonOutput()).isTrue();
        }
    }
}
