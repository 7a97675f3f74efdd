package dev.freeport.dialect.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.dialect.DroppedFields;
import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;
import dev.freeport.error.GatewayException;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class MessagesDecoderTest {

    private static MessagesRequest golden(String name) {
        MessagesRequest r = MessagesDecoder.decode(FrontWire.buffer("request/" + name + ".anthropic.json"));
        FrontWire.assertGolden("request/" + name + ".openai.json", r.chat().body());
        assertThat(r.original()).as("original kept as sent")
                .isEqualTo(FrontWire.json("request/" + name + ".anthropic.json"));
        return r;
    }

    private static GatewayError rejected(String json) {
        GatewayException e = catchThrowableOfType(GatewayException.class,
                () -> MessagesDecoder.decode(Buffer.buffer(json)));
        assertThat(e).as("rejected: %s", json).isNotNull();
        assertThat(e.error().kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(e.error().status()).isEqualTo(400);
        return e.error();
    }

    private static MessagesRequest decode(String json) {
        return MessagesDecoder.decode(Buffer.buffer(json));
    }

    private static final String OK_HEAD = "{\"model\":\"m\",\"max_tokens\":10,";

    @Test
    void systemStringBecomesFirstSystemMessageAndParametersMap() {
        MessagesRequest r = golden("system_string");
        assertThat(r.chat().model()).isEqualTo("smart");
        assertThat(r.chat().maxOutputTokens()).isEqualTo(1024);
        assertThat(r.chat().user()).isEqualTo("user-42");
        assertThat(r.stream()).isFalse();
        assertThat(r.chat().stream()).isFalse();
        assertThat(r.chat().includeUsage()).isFalse();
        assertThat(r.stopSequences()).hasSize(5);
    }

    @Test
    void systemBlocksAreJoinedAndCacheControlIsDroppedButKeptInOriginal() {
        MessagesRequest r = golden("system_blocks");
        assertThat(r.chat().body().toString()).doesNotContain("cache_control");
        assertThat(r.original().toString()).contains("cache_control");
    }

    @Test
    void imagesBecomeImageUrlPartsAndPdfBecomesFilePart() {
        golden("images");
    }

    @Test
    void toolResultsBecomeToolMessagesBeforeTheUserTextWithErrorsPrefixedAndImagesMoved() {
        golden("tools_multi_turn");
    }

    @Test
    void toolChoiceAnyBecomesRequiredAndDisableParallelBecomesParallelFalse() {
        golden("tool_choice_any_no_parallel");
    }

    @Test
    void toolChoiceToolBecomesNamedFunction() {
        golden("tool_choice_tool");
    }

    @Test
    void toolChoiceNoneBecomesNoneWithoutParallelFlag() {
        golden("tool_choice_none");
    }

    @Test
    void thinkingHistoryBecomesReasoningContentAndStreamAsksForUsage() {
        MessagesRequest r = golden("thinking_history");
        assertThat(r.stream()).isTrue();
        assertThat(r.chat().stream()).isTrue();
        assertThat(r.chat().includeUsage()).isTrue();
        assertThat(r.thinkingBudget()).isEqualTo(10000);
        assertThat(r.chat().body().has("thinking")).isFalse();
    }

    @Test
    void unknownTopLevelFieldIsDroppedFromTheTranslationKeptInTheOriginalAndCounted() {
        long before = DroppedFields.snapshot().getOrDefault("anthropic:frequency_penalty", 0L);
        MessagesRequest r = decode(OK_HEAD + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"frequency_penalty\":1}");
        assertThat(r.chat().body().has("frequency_penalty")).isFalse();
        assertThat(r.original().get("frequency_penalty").asInt()).isEqualTo(1);
        assertThat(DroppedFields.snapshot().get("anthropic:frequency_penalty")).isEqualTo(before + 1);
    }

    @Test
    void missingMaxTokensIsRejected() {
        GatewayError e = rejected("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(e.param()).isEqualTo("max_tokens");
        assertThat(e.message()).isEqualTo("max_tokens: Field required");
    }

    @Test
    void countTokensDoesNotNeedMaxTokens() {
        MessagesRequest r = MessagesDecoder.decodeForCount(
                Buffer.buffer("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        assertThat(r.chat().maxOutputTokens()).isNull();
        assertThat(r.chat().body().has("max_tokens")).isFalse();
    }

    @Test
    void missingModelIsRejected() {
        assertThat(rejected("{\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").param())
                .isEqualTo("model");
    }

    @Test
    void emptyMessagesAreRejected() {
        GatewayError e = rejected(OK_HEAD + "\"messages\":[]}");
        assertThat(e.param()).isEqualTo("messages");
        assertThat(e.message()).startsWith("messages: ");
    }

    @Test
    void unknownRoleInMessagesIsRejectedNamingTheRole() {
        GatewayError e = rejected(OK_HEAD + "\"messages\":[{\"role\":\"developer\",\"content\":\"hi\"}]}");
        assertThat(e.param()).isEqualTo("messages.0.role");
        assertThat(e.message()).contains("'user', 'assistant' or 'system'");
    }

    @Test
    void contentOfWrongTypeIsRejectedNamingThePath() {
        GatewayError e = rejected(OK_HEAD + "\"messages\":[{\"role\":\"user\",\"content\":5}]}");
        assertThat(e.param()).isEqualTo("messages.0.content");
    }

    @Test
    void imageWithUnsupportedMediaTypeIsRejectedNamingTheField() {
        GatewayError e = rejected(OK_HEAD + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\","
                + "\"source\":{\"type\":\"base64\",\"media_type\":\"image/tiff\",\"data\":\"AAAA\"}}]}]}");
        assertThat(e.param()).isEqualTo("messages.0.content.0.source.media_type");
    }

    @Test
    void documentFromUrlIsRefusedAsUnsupported() {
        GatewayError e = rejected(OK_HEAD + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"document\","
                + "\"source\":{\"type\":\"url\",\"url\":\"https://example.com/a.pdf\"}}]}]}");
        assertThat(e.param()).isEqualTo("messages.0.content.0.source.type");
        assertThat(e.message()).contains("not supported");
    }

    @Test
    void serverToolIsLeftOutOfTheTranslationAndMarkedNativeOnlyNamingTheTool() {
        MessagesRequest r = decode(OK_HEAD + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"web_search\"},"
                + "{\"name\":\"t\",\"input_schema\":{\"type\":\"object\"}}]}");
        assertThat(r.chat().body().get("tools")).hasSize(1);
        assertThat(r.chat().traits().nativeOnly().api()).isEqualTo("anthropic");
        assertThat(r.chat().traits().nativeOnly().feature()).startsWith("tools.0: ").contains("web_search_20250305");
    }

    @Test
    void serverToolBlocksInTheHistoryAreMarkedNativeOnlyWhileUnknownBlocksAreStillRefused() {
        MessagesRequest r = decode(OK_HEAD + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"server_tool_use\",\"id\":\"s1\","
                + "\"name\":\"web_search\",\"input\":{\"query\":\"q\"}},{\"type\":\"text\",\"text\":\"found\"}]},"
                + "{\"role\":\"user\",\"content\":\"more\"}]}");
        assertThat(r.chat().traits().nativeOnly().feature()).startsWith("messages.1.content.0: ")
                .contains("server_tool_use");
        assertThat(r.chat().body().at("/messages/1/content").asText()).isEqualTo("found");
        GatewayError e = rejected(OK_HEAD + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"hologram\"}]}]}");
        assertThat(e.param()).isEqualTo("messages.0.content.0.type");
        assertThat(e.message()).contains("'hologram'");
    }

    @Test
    void toolWithoutInputSchemaIsRejected() {
        GatewayError e = rejected(OK_HEAD + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"tools\":[{\"name\":\"t\"}]}");
        assertThat(e.param()).isEqualTo("tools.0.input_schema");
    }

    @Test
    void toolChoiceNamingAnUnknownToolIsRejected() {
        GatewayError e = rejected(OK_HEAD + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"tools\":[{\"name\":\"t\",\"input_schema\":{\"type\":\"object\"}}],"
                + "\"tool_choice\":{\"type\":\"tool\",\"name\":\"u\"}}");
        assertThat(e.param()).isEqualTo("tool_choice.name");
    }

    @Test
    void toolChoiceOfUnknownTypeIsRejected() {
        GatewayError e = rejected(OK_HEAD + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"tools\":[{\"name\":\"t\",\"input_schema\":{\"type\":\"object\"}}],"
                + "\"tool_choice\":{\"type\":\"required\"}}");
        assertThat(e.param()).isEqualTo("tool_choice.type");
    }

    @Test
    void temperatureAboveOneIsRejected() {
        GatewayError e = rejected(OK_HEAD + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"temperature\":1.5}");
        assertThat(e.param()).isEqualTo("temperature");
    }

    @Test
    void thinkingBudgetMustBeBelowMaxTokens() {
        GatewayError e = rejected("{\"model\":\"m\",\"max_tokens\":2000,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}],\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":4000}}");
        assertThat(e.param()).isEqualTo("thinking.budget_tokens");
    }

    @Test
    void otherMetadataFieldsAreDropped() {
        MessagesRequest r = decode(OK_HEAD + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"metadata\":{\"session\":\"x\",\"user_id\":\"u1\"}}");
        assertThat(r.chat().user()).isEqualTo("u1");
        assertThat(r.chat().body().toString()).doesNotContain("session");
    }

    @Test
    void aUserIdThatIsAJsonDocumentBecomesItsAccountElseDeviceId() {
        String id = "{\\\"device_id\\\":\\\"dev-1\\\",\\\"account_uuid\\\":\\\"\\\",\\\"session_id\\\":\\\"s-1\\\"}";
        MessagesRequest r = decode(OK_HEAD + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"metadata\":{\"user_id\":\"" + id + "\"}}");
        assertThat(r.chat().user()).isEqualTo("dev-1");
        assertThat(r.chat().body().get("user").asText()).isEqualTo("dev-1");
        assertThat(r.original().at("/metadata/user_id").asText()).startsWith("{\"device_id\"");
    }

    @Test
    void toolUseWithoutIdIsRejected() {
        GatewayError e = rejected(OK_HEAD + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"name\":\"t\",\"input\":{}}]}]}");
        assertThat(e.param()).isEqualTo("messages.1.content.0.id");
    }

    @Test
    void stopSequencesOfWrongTypeAreRejected() {
        GatewayError e = rejected(OK_HEAD + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"stop_sequences\":\"END\"}");
        assertThat(e.param()).isEqualTo("stop_sequences");
    }

    @Test
    void mcpServersAreNativeOnlyUnlessEmpty() {
        String head = OK_HEAD + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],";
        assertThat(decode(head + "\"mcp_servers\":[]}").chat().traits().nativeOnly()).isNull();
        MessagesRequest r = decode(head + "\"mcp_servers\":[{\"type\":\"url\",\"url\":\"https://mcp.example\","
                + "\"name\":\"x\"}]}");
        assertThat(r.chat().traits().nativeOnly().feature()).startsWith("mcp_servers: ");
        assertThat(r.chat().body().has("mcp_servers")).isFalse();
    }

    @Test
    void aContainerIsNativeOnly() {
        MessagesRequest r = decode(OK_HEAD + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"container\":\"c1\"}");
        assertThat(r.chat().traits().nativeOnly().feature()).startsWith("container: ");
    }

    @Test
    void decodingDoesNotMutateTheOriginal() {
        Buffer body = FrontWire.buffer("request/tools_multi_turn.anthropic.json");
        MessagesRequest r = MessagesDecoder.decode(body);
        ObjectNode again = FrontWire.json("request/tools_multi_turn.anthropic.json");
        assertThat(r.original()).isEqualTo(again);
    }
}
