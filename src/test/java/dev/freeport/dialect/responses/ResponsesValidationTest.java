package dev.freeport.dialect.responses;

import dev.freeport.error.GatewayError;
import dev.freeport.error.GatewayException;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Bad Responses requests: a 400 naming the field, never a 500, never silently dropped. */
class ResponsesValidationTest {

    private static GatewayError refused(String body) {
        GatewayException e = catchThrowableOfType(GatewayException.class,
                () -> ResponsesDecoder.decode(Buffer.buffer(body)));
        assertThat(e).as("refused: %s", body).isNotNull();
        assertThat(e.error().status()).isEqualTo(400);
        return e.error();
    }

    @Test
    void missingModelIsNamed() {
        GatewayError e = refused("{\"input\":\"hi\"}");
        assertThat(e.param()).isEqualTo("model");
        assertThat(e.code()).isEqualTo("missing_required_parameter");
    }

    @Test
    void missingInputIsNamed() {
        assertThat(refused("{\"model\":\"m\"}").param()).isEqualTo("input");
    }

    @Test
    void inputOfTheWrongTypeIsNamed() {
        GatewayError e = refused("{\"model\":\"m\",\"input\":{\"role\":\"user\"}}");
        assertThat(e.param()).isEqualTo("input");
        assertThat(e.code()).isEqualTo("invalid_type");
    }

    @Test
    void unknownItemTypeIsNamedWithItsIndex() {
        GatewayError e = refused("{\"model\":\"m\",\"input\":[{\"role\":\"user\",\"content\":\"a\"},"
                + "{\"type\":\"item_reference\",\"id\":\"msg_1\"}]}");
        assertThat(e.param()).isEqualTo("input[1].type");
        assertThat(e.message()).contains("item_reference");
    }

    @Test
    void imageByFileIdIsRefused() {
        GatewayError e = refused("{\"model\":\"m\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_image\","
                + "\"file_id\":\"file-1\",\"detail\":\"auto\"}]}]}");
        assertThat(e.param()).isEqualTo("input[0].content[0].file_id");
    }

    @Test
    void imageInASystemMessageIsRefused() {
        GatewayError e = refused("{\"model\":\"m\",\"input\":[{\"role\":\"system\",\"content\":[{\"type\":\"input_image\","
                + "\"image_url\":\"https://x/y.png\"}]}]}");
        assertThat(e.param()).isEqualTo("input[0].content[0].type");
    }

    @Test
    void toolOutputForAnUnknownCallIsRefused() {
        GatewayError e = refused("{\"model\":\"m\",\"input\":[{\"type\":\"function_call_output\",\"call_id\":\"call_x\","
                + "\"output\":\"1\"}]}");
        assertThat(e.param()).isEqualTo("input[0].call_id");
        assertThat(e.message()).contains("call_x");
    }

    @Test
    void jsonSchemaWithoutNameIsRefused() {
        GatewayError e = refused("{\"model\":\"m\",\"input\":\"x\",\"text\":{\"format\":{\"type\":\"json_schema\","
                + "\"schema\":{\"type\":\"object\"}}}}");
        assertThat(e.param()).isEqualTo("text.format.name");
    }

    @Test
    void unknownTextFormatTypeListsTheAllowedOnes() {
        GatewayError e = refused("{\"model\":\"m\",\"input\":\"x\",\"text\":{\"format\":{\"type\":\"xml\"}}}");
        assertThat(e.param()).isEqualTo("text.format.type");
        assertThat(e.message()).contains("json_schema");
    }

    @Test
    void builtInToolWithCallerDataIsRefusedNamingIt() {
        GatewayError e = refused("{\"model\":\"m\",\"input\":\"x\",\"tools\":[{\"type\":\"file_search\","
                + "\"vector_store_ids\":[\"vs_1\"]}]}");
        assertThat(e.param()).isEqualTo("tools[0].type");
        assertThat(e.message()).contains("file_search");
    }

    @Test
    void webSearchIsDroppedAndReported() {
        ResponsesRequest r = ResponsesDecoder.decode(Buffer.buffer(
                "{\"model\":\"m\",\"input\":\"x\",\"tools\":[{\"type\":\"web_search\",\"external_web_access\":false}]}"));
        assertThat(r.droppedTools()).containsExactly("web_search");
        assertThat(r.chat().body().has("tools")).isFalse();
    }

    @Test
    void toolChoiceForcingABuiltInToolIsRefused() {
        GatewayError e = refused("{\"model\":\"m\",\"input\":\"x\",\"tools\":[{\"type\":\"web_search\"}],"
                + "\"tool_choice\":{\"type\":\"web_search\"}}");
        assertThat(e.param()).isEqualTo("tool_choice.type");
    }

    @Test
    void requiredToolChoiceWithOnlyDroppedToolsIsRefused() {
        GatewayError e = refused("{\"model\":\"m\",\"input\":\"x\",\"tools\":[{\"type\":\"web_search\"}],"
                + "\"tool_choice\":\"required\"}");
        assertThat(e.param()).isEqualTo("tool_choice");
        assertThat(e.message()).contains("web_search");
    }

    @Test
    void toolChoiceNamingAnUndeclaredFunctionIsRefused() {
        GatewayError e = refused("{\"model\":\"m\",\"input\":\"x\",\"tools\":[{\"type\":\"function\",\"name\":\"a\"}],"
                + "\"tool_choice\":{\"type\":\"function\",\"name\":\"b\"}}");
        assertThat(e.param()).isEqualTo("tool_choice.name");
    }

    @Test
    void duplicateToolNamesAreRefused() {
        GatewayError e = refused("{\"model\":\"m\",\"input\":\"x\",\"tools\":[{\"type\":\"function\",\"name\":\"a\"},"
                + "{\"type\":\"custom\",\"name\":\"a\"}]}");
        assertThat(e.param()).isEqualTo("tools[1].name");
    }

    @Test
    void backgroundTrueIsRefused() {
        assertThat(refused("{\"model\":\"m\",\"input\":\"x\",\"background\":true}").param()).isEqualTo("background");
    }

    @Test
    void conversationIsRefused() {
        assertThat(refused("{\"model\":\"m\",\"input\":\"x\",\"conversation\":\"conv_1\"}").param())
                .isEqualTo("conversation");
    }

    @Test
    void logprobsAreRefused() {
        assertThat(refused("{\"model\":\"m\",\"input\":\"x\",\"top_logprobs\":3}").param()).isEqualTo("top_logprobs");
    }

    @Test
    void temperatureAboveTwoIsRefused() {
        GatewayError e = refused("{\"model\":\"m\",\"input\":\"x\",\"temperature\":2.5}");
        assertThat(e.param()).isEqualTo("temperature");
        assertThat(e.code()).isEqualTo("invalid_value");
    }

    @Test
    void unknownReasoningEffortIsRefused() {
        assertThat(refused("{\"model\":\"m\",\"input\":\"x\",\"reasoning\":{\"effort\":\"extreme\"}}").param())
                .isEqualTo("reasoning.effort");
    }

    @Test
    void previousResponseIdWithOddCharactersIsRefused() {
        assertThat(refused("{\"model\":\"m\",\"input\":\"x\",\"previous_response_id\":\"../etc\"}").param())
                .isEqualTo("previous_response_id");
    }

    @Test
    void metadataValuesMustBeStrings() {
        assertThat(refused("{\"model\":\"m\",\"input\":\"x\",\"metadata\":{\"n\":1}}").param()).isEqualTo("metadata.n");
    }

    @Test
    void malformedJsonIsA400() {
        GatewayException e = catchThrowableOfType(GatewayException.class,
                () -> ResponsesDecoder.decode(Buffer.buffer("{\"model\":")));
        assertThat(e.error().status()).isEqualTo(400);
    }

    @Test
    void unknownTopLevelFieldsAreDroppedAndListed() {
        ResponsesRequest r = ResponsesDecoder.decode(Buffer.buffer(
                "{\"model\":\"m\",\"input\":\"x\",\"client_metadata\":{\"a\":\"b\"},\"prompt_cache_key\":\"k\"}"));
        assertThat(r.ignoredFields()).containsExactly("client_metadata");
        assertThat(r.chat().body().has("client_metadata")).isFalse();
        assertThat(r.chat().body().has("prompt_cache_key")).isFalse();
    }
}
