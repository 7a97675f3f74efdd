package dev.freeport.dialect.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Responses requests → canonical chat bodies, on recorded wire files (the *.chat.json goldens). */
class ResponsesDecoderTest {

    private static ResponsesRequest golden(String name) {
        ResponsesRequest r = ResponsesWire.decode("request/" + name + ".responses.json");
        ResponsesWire.assertGolden("request/" + name + ".chat.json", r.chat().body());
        return r;
    }

    @Test
    void stringInputBecomesInstructionsThenOneUserMessage() {
        ResponsesRequest r = golden("plain_string");
        assertThat(r.model()).isEqualTo("coder");
        assertThat(r.stream()).isFalse();
        assertThat(r.chat().maxOutputTokens()).isEqualTo(300);
        assertThat(r.chat().user()).isEqualTo("user-42");
        assertThat(r.store()).isTrue();
        assertThat(r.needsHistory()).isFalse();
        assertThat(r.input().get(0).path("content").path(0).path("text").asText())
                .isEqualTo("Name three prime numbers.");
    }

    @Test
    void imagesAndFilesBecomeChatPartsAndDeveloperBecomesSystem() {
        ResponsesRequest r = golden("items_with_images");
        assertThat(r.stream()).isTrue();
        assertThat(r.chat().includeUsage()).as("the final event needs usage").isTrue();
    }

    @Test
    void functionCallsShareOneAssistantMessageAndOutputsBecomeToolMessages() {
        ResponsesRequest r = golden("function_round_trip");
        assertThat(r.tools().resolve("get_weather").kind()).isEqualTo(ToolNames.Kind.FUNCTION);
    }

    @Test
    void codexCustomToolBecomesAFunctionWithOneStringAndItsHistoryMapsBack() {
        ResponsesRequest r = golden("codex_custom_tool");
        assertThat(r.tools().resolve("apply_patch").kind()).isEqualTo(ToolNames.Kind.CUSTOM);
        assertThat(r.droppedTools()).containsExactly("tool_search", "web_search");
        assertThat(r.ignoredFields()).containsExactly("client_metadata");
        assertThat(r.store()).isFalse();
    }

    @Test
    void jsonSchemaFormatBecomesResponseFormatAndSafetyIdentifierWinsOverUser() {
        ResponsesRequest r = golden("json_schema");
        assertThat(r.chat().user()).isEqualTo("hash-abc");
    }

    @Test
    void namespacedToolsAreJoinedAndAllowedToolsNarrowTheOffer() {
        ResponsesRequest r = golden("namespace_and_choice");
        ToolNames.Tool t = r.tools().resolve("multi_agent_v1__close_agent");
        assertThat(t.namespace()).isEqualTo("multi_agent_v1");
        assertThat(t.name()).isEqualTo("close_agent");
    }

    @Test
    void echoKeepsTheToolsAsDeclaredAndDefaults() {
        ResponsesRequest r = ResponsesWire.decode("request/codex_custom_tool.responses.json");
        ObjectNode echo = r.echo();
        assertThat(echo.path("tools").size()).isEqualTo(4);
        assertThat(echo.path("tools").path(1).path("type").asText()).isEqualTo("custom");
        assertThat(echo.path("text").path("verbosity").asText()).isEqualTo("low");
        assertThat(echo.path("text").path("format").path("type").asText()).isEqualTo("text");
        assertThat(echo.path("reasoning").path("effort").asText()).isEqualTo("medium");
        assertThat(echo.path("store").asBoolean()).isFalse();
        assertThat(echo.path("truncation").asText()).isEqualTo("disabled");
        assertThat(echo.get("temperature").isNull()).isTrue();
    }

    @Test
    void previousResponseIdWaitsForItsHistoryThenPrependsItAfterTheInstructions() {
        ResponsesRequest r = ResponsesDecoder.decode(io.vertx.core.buffer.Buffer.buffer("""
                {"model":"m","instructions":"new rules","previous_response_id":"resp_1",
                 "input":[{"type":"function_call_output","call_id":"call_1","output":"42"}]}"""));
        assertThat(r.needsHistory()).isTrue();
        ResponsesRequest full = r.withHistory((com.fasterxml.jackson.databind.node.ArrayNode) ResponsesWire.parse("""
                {"h":[{"type":"message","role":"user","content":[{"type":"input_text","text":"6*7?"}]},
                 {"type":"function_call","id":"fc_1","call_id":"call_1","name":"calc","arguments":"{}"}]}""")
                .get("h"));
        assertThat(full.needsHistory()).isFalse();
        JsonNode messages = full.chat().body().get("messages");
        assertThat(messages).hasSize(4);
        assertThat(messages.get(0).path("content").asText()).isEqualTo("new rules");
        assertThat(messages.get(1).path("content").asText()).isEqualTo("6*7?");
        assertThat(messages.get(2).path("tool_calls").path(0).path("id").asText()).isEqualTo("call_1");
        assertThat(messages.get(3).path("role").asText()).isEqualTo("tool");
    }

    @Test
    void failedToolOutputObjectOfOlderCodexKeepsItsContentAsAnError() {
        ResponsesRequest r = ResponsesDecoder.decode(io.vertx.core.buffer.Buffer.buffer("""
                {"model":"m","input":[{"type":"function_call","call_id":"c1","name":"shell","arguments":"{}"},
                 {"type":"function_call_output","call_id":"c1","output":{"content":"permission denied","success":false}}]}"""));
        assertThat(r.chat().body().path("messages").path(1).path("content").asText())
                .isEqualTo("Error: permission denied");
    }

    @Test
    void additionalToolsItemsAreOfferedAsToolsAndLeaveNoMessage() {
        ResponsesRequest r = ResponsesDecoder.decode(io.vertx.core.buffer.Buffer.buffer("""
                {"model": "m", "tools": [{"type": "function", "name": "top"}],
                 "input": [
                   {"type": "additional_tools", "role": "developer", "tools": [
                     {"type": "namespace", "name": "functions", "tools": [
                       {"type": "custom", "name": "exec", "description": "Run code"},
                       {"type": "function", "name": "wait", "parameters": {"type": "object", "properties": {}}}]},
                     {"type": "function", "name": "top"}]},
                   {"role": "user", "content": "hi"}]}
                """));

        JsonNode tools = r.chat().body().path("tools");
        assertThat(tools.findValuesAsText("name")).containsExactly("top", "functions__exec", "functions__wait");
        assertThat(r.tools().resolve("functions__exec").kind()).isEqualTo(ToolNames.Kind.CUSTOM);
        assertThat(r.chat().body().path("messages")).hasSize(1);
        assertThat(r.chat().body().at("/messages/0/role").asText()).isEqualTo("user");
    }
}
