package dev.freeport.dialect.bedrock;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.ChatRequest;
import dev.freeport.provider.UpstreamException;
import dev.freeport.provider.bedrock.Wire;
import dev.freeport.provider.http.UpstreamRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConverseRequestTest {

    private static ObjectNode encode(ChatRequest request, String model, boolean stream) {
        UpstreamRequest r = Wire.codec().encodeChat(request, model, stream);
        return Wire.parse(r.body().toString());
    }

    private static ObjectNode golden(String name) {
        ObjectNode actual = encode(Wire.request((ObjectNode) Wire.json("request/" + name + ".openai.json")),
                Wire.MODEL, false);
        Wire.assertGolden("request/" + name + ".converse.json", actual);
        return actual;
    }

    @Test
    void toolCallsAndTheirResultsBecomeToolUseAndOneUserTurnOfToolResults() {
        golden("tools_multi_turn");
    }

    @Test
    void aBase64ImageBecomesImageBytesWithItsFormat() {
        golden("image");
    }

    @Test
    void anAnthropicCallersCacheControlThinkingAndDocumentMapNatively() {
        ObjectNode anthropic = (ObjectNode) Wire.json("request/native_cache.anthropic.json");
        ChatRequest r = Wire.request(Wire.parse("{\"model\":\"claude\",\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"x\"}]}")).withNativeAnthropic(anthropic);
        Wire.assertGolden("request/native_cache.converse.json", encode(r, Wire.MODEL, false));
    }

    @Test
    void anImageUrlIsRefusedBecauseConverseTakesOnlyBytes() {
        ChatRequest r = Wire.request(Wire.parse("""
                {"model":"claude","messages":[{"role":"user","content":[
                 {"type":"image_url","image_url":{"url":"https://example.com/cat.png"}}]}]}"""));
        assertThatThrownBy(() -> encode(r, Wire.MODEL, false)).isInstanceOf(UpstreamException.class)
                .satisfies(e -> {
                    var f = ((UpstreamException) e).failure();
                    assertThat(f.status()).isEqualTo(400);
                    assertThat(f.message()).contains("base64").contains("Bedrock");
                });
    }

    @Test
    void topKIsRefusedForAModelThatIsNotAnthropics() {
        ChatRequest r = Wire.request(Wire.parse("""
                {"model":"m","top_k":5,"messages":[{"role":"user","content":"hi"}]}"""));
        assertThat(encode(r, Wire.MODEL, false).at("/additionalModelRequestFields/top_k").asInt()).isEqualTo(5);
        assertThatThrownBy(() -> encode(r, "meta.llama3-3-70b-instruct-v1:0", false))
                .isInstanceOf(UpstreamException.class).hasMessageContaining("top_k");
    }

    @Test
    void theModelIdIsPercentEncodedInThePathAndStreamsGoToConverseStream() {
        ChatRequest r = Wire.request(Wire.parse("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        UpstreamRequest plain = Wire.codec().encodeChat(r, "arn:aws:bedrock:eu-central-1:123456789012:"
                + "inference-profile/eu.anthropic.claude-sonnet-4-5-20250929-v1:0", false);
        assertThat(plain.path()).isEqualTo("/model/arn%3Aaws%3Abedrock%3Aeu-central-1%3A123456789012%3A"
                + "inference-profile%2Feu.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse");
        UpstreamRequest stream = Wire.codec().encodeChat(r, Wire.MODEL, true);
        assertThat(stream.path()).endsWith("/converse-stream");
        assertThat(stream.headers().get("accept")).isEqualTo("application/vnd.amazon.eventstream");
    }
}
