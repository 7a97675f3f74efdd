package dev.freeport.dialect.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.UpstreamException;
import dev.freeport.provider.anthropic.Wire;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AnthropicRequestMapperTest {

    private final AnthropicRequestMapper mapper = new AnthropicRequestMapper("anthropic");

    private void golden(String name) {
        ObjectNode body = (ObjectNode) Wire.json("request/" + name + ".openai.json");
        ObjectNode before = body.deepCopy();
        JsonNode actual = mapper.map(body, Wire.MODEL, Wire.request(body).maxOutputTokens(),
                body.path("stream").asBoolean(false));
        Wire.assertGolden("request/" + name + ".anthropic.json", actual);
        assertThat(body).as("input not mutated").isEqualTo(before);
    }

    private UpstreamException rejected(String json) {
        return catchThrowableOfType(UpstreamException.class,
                () -> mapper.map(Wire.parse(json), Wire.MODEL, null, false));
    }

    @Test
    void hoistsOneSystemStringAndClampsTemperatureAndDropsHarmlessFields() {
        golden("system_string");
    }

    @Test
    void sendsSystemAsBlocksWhenSeveralOrCacheControlled() {
        golden("system_blocks");
    }

    @Test
    void mapsDataUrlImagesToBase64AndHttpsToUrlSources() {
        golden("images");
    }

    @Test
    void mapsParallelToolCallsAndMergesToolResultsWithFollowingUserText() {
        golden("tools_multi_turn");
    }

    @Test
    void mapsRequiredToAnyAndParallelFalseToDisableParallelToolUse() {
        golden("tool_choice_required_no_parallel");
    }

    @Test
    void mapsNamedFunctionChoiceToToolChoiceAndDefaultsMissingParameters() {
        golden("tool_choice_named");
    }

    @Test
    void mapsNoneChoiceWithoutDisableParallelFlag() {
        golden("tool_choice_none");
    }

    @Test
    void mapsStopArrayAndMergesConsecutiveUserMessages() {
        golden("stop_sequences");
    }

    @Test
    void mapsStopStringAndStreamFlag() {
        golden("stop_string");
    }

    @Test
    void forcesSchemaToolForJsonSchema() {
        golden("json_schema");
    }

    @Test
    void addsSystemInstructionForJsonObject() {
        golden("json_object");
    }

    @Test
    void rejectsNGreaterThanOneNamingTheField() {
        UpstreamException e = rejected("""
                {"messages":[{"role":"user","content":"hi"}],"n":2}""");
        assertThat(e.failure().kind()).isEqualTo(FailureKind.CLIENT_ERROR);
        assertThat(e.failure().status()).isEqualTo(400);
        assertThat(e.failure().message()).isEqualTo("n=2 is not supported by the anthropic provider");
    }

    @Test
    void rejectsLogprobsNamingTheField() {
        assertThat(rejected("""
                {"messages":[{"role":"user","content":"hi"}],"logprobs":true,"top_logprobs":3}""")
                .failure().message()).contains("logprobs");
    }

    @Test
    void rejectsAudioOutputNamingTheField() {
        assertThat(rejected("""
                {"messages":[{"role":"user","content":"hi"}],"modalities":["text","audio"],
                 "audio":{"voice":"alloy","format":"wav"}}""").failure().message()).startsWith("audio");
    }

    @Test
    void rejectsNonEmptyLogitBias() {
        assertThat(rejected("""
                {"messages":[{"role":"user","content":"hi"}],"logit_bias":{"50256":-100}}""")
                .failure().message()).contains("logit_bias");
    }

    @Test
    void acceptsEmptyLogitBiasAndNOfOne() {
        JsonNode out = mapper.map(Wire.parse("""
                {"messages":[{"role":"user","content":"hi"}],"logit_bias":{},"n":1,"logprobs":false}"""),
                Wire.MODEL, null, false);
        assertThat(out.has("logit_bias")).isFalse();
        assertThat(out.get("max_tokens").asInt()).isEqualTo(AnthropicRequestMapper.DEFAULT_MAX_TOKENS);
    }

    @Test
    void rejectsInvalidToolCallArgumentsNamingTheMessageIndex() {
        UpstreamException e = rejected("""
                {"messages":[{"role":"user","content":"hi"},
                  {"role":"assistant","tool_calls":[{"id":"call_1","type":"function",
                    "function":{"name":"f","arguments":"{\\"a\\": 1"}}]},
                  {"role":"tool","tool_call_id":"call_1","content":"ok"}]}""");
        assertThat(e.failure().status()).isEqualTo(400);
        assertThat(e.failure().message()).contains("messages[1].tool_calls[0].function.arguments");
    }

    @Test
    void rejectsAudioInputParts() {
        assertThat(rejected("""
                {"messages":[{"role":"user","content":[{"type":"input_audio",
                  "input_audio":{"data":"UklGR","format":"wav"}}]}]}""").failure().message())
                .contains("messages[0].content[0].type=input_audio");
    }

    @Test
    void rejectsNonBase64DataUrl() {
        assertThat(rejected("""
                {"messages":[{"role":"user","content":[{"type":"image_url",
                  "image_url":{"url":"data:image/png,rawbytes"}}]}]}""").failure().message())
                .contains("messages[0].content[0].image_url.url");
    }

    @Test
    void rejectsJsonSchemaWhoseRootIsNotAnObject() {
        assertThat(rejected("""
                {"messages":[{"role":"user","content":"hi"}],"response_format":{"type":"json_schema",
                  "json_schema":{"name":"list","schema":{"type":"array","items":{"type":"string"}}}}}""")
                .failure().message()).contains("response_format.json_schema.schema");
    }

    @Test
    void dropsToolChoiceWhenNoToolsAreGiven() {
        JsonNode out = mapper.map(Wire.parse("""
                {"messages":[{"role":"user","content":"hi"}],"tool_choice":"auto","parallel_tool_calls":false}"""),
                Wire.MODEL, 10, false);
        assertThat(out.has("tool_choice")).isFalse();
        assertThat(out.has("tools")).isFalse();
    }

    @Test
    void skipsEmptyAssistantContentBeforeToolCalls() {
        JsonNode out = mapper.map(Wire.parse("""
                {"messages":[{"role":"user","content":"hi"},
                  {"role":"assistant","content":"","tool_calls":[{"id":"call_1","type":"function",
                    "function":{"name":"f","arguments":""}}]},
                  {"role":"tool","tool_call_id":"call_1","content":"ok"}]}"""), Wire.MODEL, 10, false);
        JsonNode assistant = out.get("messages").get(1).get("content");
        assertThat(assistant).hasSize(1);
        assertThat(assistant.get(0).get("type").asText()).isEqualTo("tool_use");
        assertThat(assistant.get(0).get("input").isObject()).isTrue();
    }
}
