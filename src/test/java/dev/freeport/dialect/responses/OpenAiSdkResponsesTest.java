package dev.freeport.dialect.responses;

import com.openai.core.ObjectMappers;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feeds the encoders' output to the official OpenAI Java SDK (no HTTP): its models parse and validate the response
 * object, and its ResponseAccumulator rebuilds the streamed response from the events.
 */
class OpenAiSdkResponsesTest {

    private static ResponseAccumulator accumulate(List<Buffer> frames) throws Exception {
        ResponseAccumulator acc = ResponseAccumulator.create();
        for (Buffer b : frames) {
            String s = b.toString(StandardCharsets.UTF_8);
            String data = s.substring(s.indexOf("data: ") + 6).strip();
            acc.accumulate(ObjectMappers.jsonMapper().readValue(data, ResponseStreamEvent.class));
        }
        return acc;
    }

    private static Response parse(String json) throws Exception {
        return ObjectMappers.jsonMapper().readValue(json, Response.class).validate();
    }

    @Test
    void sdkValidatesTheNonStreamingTextResponse() throws Exception {
        Response r = parse(ResponseEncoderTest.encode("text", "plain_string").toString());
        assertThat(r.status()).contains(ResponseStatus.COMPLETED);
        assertThat(r.output().get(0).asMessage().content().get(0).asOutputText().text()).isEqualTo("2, 3 and 5.");
        assertThat(r.usage().orElseThrow().inputTokensDetails().cachedTokens()).isEqualTo(16);
    }

    @Test
    void sdkValidatesCustomAndFunctionCallItems() throws Exception {
        Response r = parse(ResponseEncoderTest.encode("tool_calls", "codex_custom_tool").toString());
        ResponseOutputItem custom = r.output().get(1);
        assertThat(custom.isCustomToolCall()).isTrue();
        assertThat(custom.asCustomToolCall().input()).startsWith("*** Begin Patch");
        assertThat(r.output().get(2).asFunctionCall().callId()).isEqualTo("call_e1");
        assertThat(r.output().get(0).asReasoning().content().orElseThrow().get(0).text())
                .isEqualTo("Patch the file, then show it.");
    }

    @Test
    void sdkValidatesTheIncompleteResponse() throws Exception {
        Response r = parse(ResponseEncoderTest.encode("length", "plain_string").toString());
        assertThat(r.status()).contains(ResponseStatus.INCOMPLETE);
        assertThat(r.incompleteDetails().orElseThrow().reason().orElseThrow().asString())
                .isEqualTo("max_output_tokens");
    }

    @Test
    void sdkAccumulatesTheStreamedParallelToolCalls() throws Exception {
        ResponseAccumulator acc = accumulate(ResponsesStreamEncoderTest.run("parallel_tools", "function_round_trip"));
        Response r = acc.response();
        r.validate();
        assertThat(r.output()).hasSize(3);
        assertThat(r.output().get(1).asFunctionCall().arguments()).isEqualTo("{\"city\": \"Paris\"}");
        assertThat(r.output().get(2).asFunctionCall().arguments()).isEqualTo("{\"city\": \"Oslo\"}");
    }

    @Test
    void sdkAccumulatesTheStreamedCustomToolCall() throws Exception {
        Response r = accumulate(ResponsesStreamEncoderTest.run("custom_tool", "codex_custom_tool")).response();
        assertThat(r.output().get(0).asCustomToolCall().input()).endsWith("*** End Patch\n");
        assertThat(r.output().get(0).asCustomToolCall().name()).isEqualTo("apply_patch");
    }

    @Test
    void sdkAccumulatesReasoningThenText() throws Exception {
        Response r = accumulate(ResponsesStreamEncoderTest.run("reasoning", "plain_string")).response();
        assertThat(r.output().get(0).asReasoning().content().orElseThrow().get(0).text()).isEqualTo("1003 / 17 = 59.");
        assertThat(r.output().get(1).asMessage().content().get(0).asOutputText().text()).isEqualTo("Not prime: 17 × 59.");
        assertThat(r.usage().orElseThrow().outputTokensDetails().reasoningTokens()).isEqualTo(18);
    }

    @Test
    void sdkParsesTheStreamedIncompleteResponse() throws Exception {
        Response r = accumulate(ResponsesStreamEncoderTest.run("length", "plain_string")).response();
        assertThat(r.status()).contains(ResponseStatus.INCOMPLETE);
    }
}
