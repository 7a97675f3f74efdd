package dev.freeport.dialect.openai;

import dev.freeport.api.ChatRequest;
import dev.freeport.error.GatewayException;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ChatDecoderTest {

    private static ChatRequest decode(String json) {
        return ChatDecoder.decodeChat(Buffer.buffer(json));
    }

    private static GatewayException rejected(String json) {
        return catchThrowableOfType(GatewayException.class, () -> decode(json));
    }

    @Test
    void readsTheFieldsTheGatewayActsOn() {
        ChatRequest r = decode("""
                {"model":"smart","stream":true,"stream_options":{"include_usage":true},"max_tokens":50,
                 "max_completion_tokens":70,"user":"u1","messages":[{"role":"user","content":"hi"}],"x_custom":1}""");
        assertThat(r.model()).isEqualTo("smart");
        assertThat(r.stream()).isTrue();
        assertThat(r.includeUsage()).isTrue();
        assertThat(r.maxOutputTokens()).isEqualTo(70);
        assertThat(r.user()).isEqualTo("u1");
        assertThat(r.body().get("x_custom").asInt()).isEqualTo(1);
    }

    @Test
    void includeUsageCountsOnlyForStreams() {
        ChatRequest r = decode("""
                {"model":"m","stream_options":{"include_usage":true},"messages":[{"role":"user","content":"hi"}]}""");
        assertThat(r.includeUsage()).isFalse();
    }

    @Test
    void rejectsInvalidJsonSayingWhy() {
        GatewayException e = rejected("{\"model\": \"x\", ");
        assertThat(e.error().status()).isEqualTo(400);
        assertThat(e.error().message()).contains("could not parse the JSON body");
    }

    @Test
    void refusesAFieldRepeatedInOneObjectNamingIt() {
        GatewayException e = rejected("""
                {"model":"m","messages":[{"role":"user","content":"hi","content":"other"}]}""");
        assertThat(e.error().status()).isEqualTo(400);
        assertThat(e.error().message()).contains("the field 'content' appears twice in one object");
    }

    @Test
    void rejectsANonObjectBody() {
        assertThat(rejected("[1,2]").error().message()).contains("must be a JSON object");
    }

    @Test
    void rejectsAnEmptyBody() {
        assertThat(rejected("").error().message()).contains("empty");
    }

    @Test
    void namesAMissingModel() {
        GatewayException e = rejected("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(e.error().param()).isEqualTo("model");
        assertThat(e.error().message()).contains("Missing required parameter: 'model'");
    }

    @Test
    void namesAWronglyTypedTemperature() {
        GatewayException e = rejected("""
                {"model":"m","temperature":"hot","messages":[{"role":"user","content":"hi"}]}""");
        assertThat(e.error().param()).isEqualTo("temperature");
        assertThat(e.error().message()).contains("expected a number, but got a string");
    }

    @Test
    void rejectsTemperatureOutOfRange() {
        GatewayException e = rejected("""
                {"model":"m","temperature":3,"messages":[{"role":"user","content":"hi"}]}""");
        assertThat(e.error().message()).contains("out of range").contains("0 to 2");
    }

    @Test
    void rejectsEmptyMessages() {
        assertThat(rejected("{\"model\":\"m\",\"messages\":[]}").error().param()).isEqualTo("messages");
    }

    @Test
    void namesTheMessageWithAnUnknownRole() {
        GatewayException e = rejected("""
                {"model":"m","messages":[{"role":"user","content":"a"},{"role":"robot","content":"b"}]}""");
        assertThat(e.error().param()).isEqualTo("messages[1].role");
    }

    @Test
    void requiresToolCallIdOnToolMessages() {
        GatewayException e = rejected("""
                {"model":"m","messages":[{"role":"tool","content":"42"}]}""");
        assertThat(e.error().param()).isEqualTo("messages[0].tool_call_id");
    }

    @Test
    void acceptsAssistantToolCallsWithoutContent() {
        ChatRequest r = decode("""
                {"model":"m","messages":[{"role":"user","content":"w?"},
                 {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function",
                   "function":{"name":"get","arguments":"{}"}}]},
                 {"role":"tool","tool_call_id":"c1","content":"sunny"}]}""");
        assertThat(r.model()).isEqualTo("m");
    }

    @Test
    void rejectsAnImagePartWithoutUrl() {
        GatewayException e = rejected("""
                {"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{}}]}]}""");
        assertThat(e.error().param()).isEqualTo("messages[0].content[0].image_url.url");
    }

    @Test
    void rejectsToolChoiceRequiredWithoutTools() {
        GatewayException e = rejected("""
                {"model":"m","messages":[{"role":"user","content":"x"}],"tools":[],"tool_choice":"required"}""");
        assertThat(e.error().param()).isEqualTo("tool_choice");
    }

    @Test
    void rejectsToolChoiceNamingAnUnknownTool() {
        GatewayException e = rejected("""
                {"model":"m","messages":[{"role":"user","content":"x"}],
                 "tools":[{"type":"function","function":{"name":"a","parameters":{"type":"object"}}}],
                 "tool_choice":{"type":"function","function":{"name":"b"}}}""");
        assertThat(e.error().param()).isEqualTo("tool_choice.function.name");
    }

    @Test
    void rejectsAnInvalidToolName() {
        GatewayException e = rejected("""
                {"model":"m","messages":[{"role":"user","content":"x"}],
                 "tools":[{"type":"function","function":{"name":"has space"}}]}""");
        assertThat(e.error().param()).isEqualTo("tools[0].function.name");
    }

    @Test
    void rejectsJsonSchemaWithoutName() {
        GatewayException e = rejected("""
                {"model":"m","messages":[{"role":"user","content":"x"}],
                 "response_format":{"type":"json_schema","json_schema":{"schema":{}}}}""");
        assertThat(e.error().param()).isEqualTo("response_format.json_schema.name");
    }

    @Test
    void rejectsMoreThanFourStops() {
        assertThat(rejected("""
                {"model":"m","messages":[{"role":"user","content":"x"}],"stop":["a","b","c","d","e"]}""")
                .error().param()).isEqualTo("stop");
    }

    @Test
    void rejectsNonIntegerMaxTokens() {
        assertThat(rejected("""
                {"model":"m","messages":[{"role":"user","content":"x"}],"max_tokens":1.5}""")
                .error().param()).isEqualTo("max_tokens");
    }

    @Test
    void rejectsDeeplyNestedJsonCheaply() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        GatewayException e = rejected("{\"model\":\"m\",\"messages\":" + deep + "}");
        assertThat(e.error().status()).isEqualTo(400);
    }

    @Test
    void embeddingsAcceptAStringOrAnArray() {
        assertThat(ChatDecoder.decodeEmbeddings(Buffer.buffer("{\"model\":\"e\",\"input\":\"hi\"}")).inputs())
                .containsExactly("hi");
        assertThat(ChatDecoder.decodeEmbeddings(Buffer.buffer("{\"model\":\"e\",\"input\":[\"a\",\"b\"]}"))
                .inputs()).containsExactly("a", "b");
    }

    @Test
    void embeddingsRejectAnEmptyInputArray() {
        GatewayException e = catchThrowableOfType(GatewayException.class,
                () -> ChatDecoder.decodeEmbeddings(Buffer.buffer("{\"model\":\"e\",\"input\":[]}")));
        assertThat(e.error().param()).isEqualTo("input");
    }

    @Test
    void rejectsAnAstronomicalNumberAsOutOfRange() {
        GatewayException e = rejected("""
                {"model":"m","messages":[{"role":"user","content":"x"}],"max_tokens":1e400}""");
        assertThat(e.error().param()).isEqualTo("max_tokens");
        assertThat(e.error().message()).contains("out of range");
        assertThat(rejected("""
                {"model":"m","messages":[{"role":"user","content":"x"}],"temperature":-1e400}""").error().param())
                .isEqualTo("temperature");
    }

    @Test
    void keepsDecimalsExactlyAsSent() {
        ChatRequest r = decode("""
                {"model":"m","messages":[{"role":"user","content":"x"}],"temperature":0.7000000000000001}""");
        assertThat(r.body().get("temperature").toString()).isEqualTo("0.7000000000000001");
    }
}
