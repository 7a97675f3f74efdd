package dev.freeport.dialect.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.ChatResult;
import dev.freeport.dialect.openai.OpenAiUsage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Canonical chat.completion answers → Responses response objects (the response/*.responses.json goldens). */
class ResponseEncoderTest {
    static final long CREATED = 1_764_860_000L;

    static ChatResult result(ObjectNode body) {
        return new ChatResult(body, OpenAiUsage.from(body.get("usage")),
                body.path("choices").path(0).path("finish_reason").asText(null));
    }

    /** Encodes response/NAME.chat.json as the answer to request/REQUEST.responses.json. */
    static ObjectNode encode(String name, String request) {
        ResponsesRequest r = ResponsesWire.decode("request/" + request + ".responses.json");
        return ResponseEncoder.encode(r, result(ResponsesWire.json("response/" + name + ".chat.json")),
                ResponseIds.of("t1"), CREATED);
    }

    private static ObjectNode golden(String name, String request) {
        ObjectNode out = encode(name, request);
        ResponsesWire.assertGolden("response/" + name + ".responses.json", out);
        return out;
    }

    @Test
    void textBecomesOneMessageWithUsageAndTheEchoedSettings() {
        ObjectNode r = golden("text", "plain_string");
        assertThat(r.path("status").asText()).isEqualTo("completed");
        assertThat(r.path("model").asText()).as("the alias asked for").isEqualTo("coder");
        assertThat(r.path("output_text").asText()).isEqualTo("2, 3 and 5.");
        assertThat(r.path("usage").path("input_tokens_details").path("cached_tokens").asLong()).isEqualTo(16);
        assertThat(r.path("usage").path("total_tokens").asLong()).isEqualTo(40);
        assertThat(r.path("instructions").asText()).isEqualTo("You are a terse assistant.");
    }

    @Test
    void toolCallsBecomeCustomAndFunctionCallItemsAfterTheReasoning() {
        ObjectNode r = golden("tool_calls", "codex_custom_tool");
        JsonNode output = r.path("output");
        assertThat(output.path(0).path("type").asText()).isEqualTo("reasoning");
        assertThat(output.path(1).path("type").asText()).isEqualTo("custom_tool_call");
        assertThat(output.path(1).path("input").asText()).isEqualTo("*** Begin Patch\n*** Add File: a.txt\n+hi\n*** End Patch\n");
        assertThat(output.path(1).path("call_id").asText()).isEqualTo("call_p1");
        assertThat(output.path(2).path("type").asText()).isEqualTo("function_call");
        assertThat(output.path(2).path("arguments").asText()).isEqualTo("{\"cmd\":\"cat a.txt\"}");
        assertThat(r.path("usage").path("output_tokens_details").path("reasoning_tokens").asLong()).isEqualTo(12);
    }

    @Test
    void lengthFinishIsIncompleteWithMaxOutputTokens() {
        ObjectNode r = golden("length", "plain_string");
        assertThat(r.path("status").asText()).isEqualTo("incomplete");
        assertThat(r.path("incomplete_details").path("reason").asText()).isEqualTo("max_output_tokens");
        assertThat(r.path("output").path(0).path("status").asText()).isEqualTo("incomplete");
    }

    @Test
    void namespacedCallGoesBackWithItsNamespaceAndAGeneratedCallId() {
        ObjectNode r = golden("namespaced_call", "namespace_and_choice");
        JsonNode call = r.path("output").path(1);
        assertThat(call.path("name").asText()).isEqualTo("close_agent");
        assertThat(call.path("namespace").asText()).isEqualTo("multi_agent_v1");
        assertThat(call.path("call_id").asText()).isEqualTo("call_t1_1");
    }

    @Test
    void refusalBecomesARefusalPart() {
        ObjectNode r = encode("refusal", "plain_string");
        JsonNode part = r.path("output").path(0).path("content").path(0);
        assertThat(part.path("type").asText()).isEqualTo("refusal");
        assertThat(part.path("refusal").asText()).isEqualTo("I can't help with that.");
        assertThat(r.path("output_text").asText()).isEmpty();
    }

    @Test
    void contentFilterFinishIsIncompleteWithContentFilter() {
        ObjectNode body = ResponsesWire.json("response/text.chat.json");
        ((ObjectNode) body.path("choices").path(0)).put("finish_reason", "content_filter");
        ObjectNode r = ResponseEncoder.encode(ResponsesWire.decode("request/plain_string.responses.json"),
                result(body), ResponseIds.of("t1"), CREATED);
        assertThat(r.path("incomplete_details").path("reason").asText()).isEqualTo("content_filter");
    }

    @Test
    void storedConversationIsTheInputThenTheOutputItems() {
        ResponsesRequest req = ResponsesWire.decode("request/plain_string.responses.json");
        ObjectNode r = ResponseEncoder.encode(req, result(ResponsesWire.json("response/text.chat.json")),
                ResponseIds.of("t1"), CREATED);
        JsonNode conv = req.conversation(r);
        assertThat(conv).hasSize(2);
        assertThat(conv.get(0).path("role").asText()).isEqualTo("user");
        assertThat(conv.get(1).path("type").asText()).isEqualTo("message");
        ResponsesRequest next = ResponsesDecoder.decode(io.vertx.core.buffer.Buffer.buffer(
                "{\"model\":\"coder\",\"input\":\"And two more?\",\"previous_response_id\":\"resp_t1\"}"))
                .withHistory((com.fasterxml.jackson.databind.node.ArrayNode) conv);
        JsonNode messages = next.chat().body().get("messages");
        assertThat(messages).hasSize(3);
        assertThat(messages.get(1).path("content").asText()).isEqualTo("2, 3 and 5.");
        assertThat(messages.get(2).path("content").asText()).isEqualTo("And two more?");
    }
}
