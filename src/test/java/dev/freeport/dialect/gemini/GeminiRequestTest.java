package dev.freeport.dialect.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.UpstreamException;
import dev.freeport.provider.gemini.GeminiCodec;
import dev.freeport.provider.gemini.Wire;
import dev.freeport.provider.http.UpstreamRequest;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class GeminiRequestTest {

    private static JsonNode encode(String name) {
        ObjectNode body = (ObjectNode) Wire.json("request/" + name + ".openai.json");
        UpstreamRequest req = Wire.codec().encodeChat(Wire.request(body), Wire.MODEL, false);
        JsonNode out = Wire.parse(req.body().toString());
        Wire.assertGolden("request/" + name + ".gemini.json", out);
        return out;
    }

    private static UpstreamException reject(String json) {
        ObjectNode body = Wire.parse(json);
        return catchThrowableOfType(UpstreamException.class,
                () -> Wire.codec().encodeChat(Wire.request(body), Wire.MODEL, false));
    }

    @Test
    void mapsMultiTurnToolsWithResultsNamedByToolCallIdAndSignaturesRestored() {
        JsonNode out = encode("tools_multi_turn");
        assertThat(out.at("/contents/2/parts/1/functionResponse/name").asText()).isEqualTo("get_time");
        assertThat(out.at("/contents/1/parts/1/thoughtSignature").asText()).isEqualTo("CvQBAb4+9vsig==");
    }

    @Test
    void mapsDataUrlImagesToInlineDataAndHttpImagesToFileDataWithGuessedMimeType() {
        encode("images");
    }

    @Test
    void namedToolChoiceBecomesAnyWithAllowedFunctionNames() {
        encode("tool_choice_named");
    }

    @Test
    void toolChoiceNoneBecomesModeNone() {
        encode("tool_choice_none");
    }

    @Test
    void toolChoiceRequiredBecomesModeAny() {
        encode("tool_choice_required");
    }

    @Test
    void jsonSchemaBecomesResponseJsonSchemaAndReasoningEffortAThinkingBudget() {
        encode("json_schema");
    }

    @Test
    void samplingFieldsGoToGenerationConfig() {
        encode("sampling");
    }

    @Test
    void stopStringAndJsonObjectMap() {
        encode("stop_string_json_object");
    }

    @Test
    void usesModelPathsHeaderKeyAndSseForStreams() {
        ObjectNode body = Wire.parse("{\"model\":\"g\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        UpstreamRequest plain = Wire.codec().encodeChat(Wire.request(body), "models/gemini-2.5-flash", false);
        UpstreamRequest stream = Wire.codec().encodeChat(Wire.request(body), "gemini-2.5-flash", true);

        assertThat(plain.method()).isEqualTo(HttpMethod.POST);
        assertThat(plain.path()).isEqualTo("/models/gemini-2.5-flash:generateContent");
        assertThat(stream.path()).isEqualTo("/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
        assertThat(plain.headers().get("x-goog-api-key")).isEqualTo(Wire.KEY);
        assertThat(plain.headers().get("authorization")).isNull();
        assertThat(stream.headers().get("accept")).isEqualTo("text/event-stream");
    }

    @Test
    void urlEncodesTheModelName() {
        assertThat(GeminiCodec.path("my model/x", "generateContent")).isEqualTo("/models/my%20model%2Fx:generateContent");
        assertThat(GeminiCodec.path("tunedModels/t-1", "generateContent")).isEqualTo("/tunedModels/t-1:generateContent");
    }

    @Test
    void refusesToolResultWhoseCallIsUnknownNamingTheMessage() {
        UpstreamException e = reject("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"call_zzz\",\"content\":\"1\"}]}");
        assertThat(e.failure().kind()).isEqualTo(FailureKind.CLIENT_ERROR);
        assertThat(e.failure().status()).isEqualTo(400);
        assertThat(e.failure().message()).contains("messages[1]").contains("call_zzz");
    }

    @Test
    void refusesImageUrlWithoutKnowableMediaType() {
        UpstreamException e = reject("{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\","
                + "\"image_url\":{\"url\":\"https://example.com/render?id=4\"}}]}]}");
        assertThat(e.failure().status()).isEqualTo(400);
        assertThat(e.failure().message()).contains("messages[0].content[0]").contains("media type");
    }

    @Test
    void refusesLogprobsNamingTheField() {
        UpstreamException e = reject("{\"logprobs\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(e.failure().kind()).isEqualTo(FailureKind.CLIENT_ERROR);
        assertThat(e.failure().message()).contains("logprobs");
    }

    @Test
    void refusesAudioOutputNamingTheField() {
        UpstreamException e = reject("{\"audio\":{\"voice\":\"x\"},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(e.failure().message()).contains("audio");
    }

    @Test
    void doesNotModifyTheCallersBody() {
        ObjectNode body = (ObjectNode) Wire.json("request/tools_multi_turn.openai.json");
        ObjectNode copy = body.deepCopy();
        Wire.codec().encodeChat(Wire.request(body), Wire.MODEL, true);
        assertThat(body).isEqualTo(copy);
    }
}
