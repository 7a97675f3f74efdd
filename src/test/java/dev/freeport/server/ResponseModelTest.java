package dev.freeport.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static dev.freeport.server.TestGateway.json;
import static dev.freeport.server.TestGateway.sseData;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One rule for the answer's {@code model}: the name the caller sent, on the OpenAI and the Anthropic front, streamed
 * or not, over the same back end; the upstream's model is in x-freeport-model.
 */
class ResponseModelTest {
    private static final String CHAT = """
            {"model":"smart","stream":%s,"messages":[{"role":"user","content":"hello"}]}""";
    private static final String MESSAGES = """
            {"model":"smart","max_tokens":50,"stream":%s,"messages":[{"role":"user","content":"hello"}]}""";
    private FakeUpstream up;
    private TestGateway gw;

    @BeforeEach
    void start() {
        up = FakeUpstream.start();
        up.setDefault(Reply.ok("hi there"));
        gw = TestGateway.builder().openai("deep", up.baseUrl()).alias("smart", "deep/deepseek-chat").start();
    }

    @AfterEach
    void stop() {
        gw.close();
        up.close();
    }

    @Test
    void theOpenAiFrontNamesTheAliasAndTheHeaderTheUpstreamModel() {
        HttpResponse<String> r = gw.post("/v1/chat/completions", CHAT.formatted("false"));
        assertThat(json(r.body()).path("model").asText()).isEqualTo("smart");
        assertThat(r.headers().firstValue("x-freeport-model")).hasValue("deepseek-chat");
    }

    @Test
    void everyStreamedChunkOnTheOpenAiFrontNamesTheAlias() {
        HttpResponse<String> r = gw.post("/v1/chat/completions", CHAT.formatted("true"));
        List<String> chunks = sseData(r.body()).stream().filter(d -> !d.equals("[DONE]")).toList();
        assertThat(chunks).isNotEmpty().allSatisfy(c -> assertThat(json(c).path("model").asText()).isEqualTo("smart"));
    }

    @Test
    void theAnthropicFrontOverTheSameBackEndNamesTheAliasToo() {
        HttpResponse<String> r = gw.post("/v1/messages", MESSAGES.formatted("false"), "anthropic-version",
                "2023-06-01");
        assertThat(json(r.body()).path("model").asText()).isEqualTo("smart");
        HttpResponse<String> s = gw.post("/v1/messages", MESSAGES.formatted("true"), "anthropic-version",
                "2023-06-01");
        JsonNode start = json(sseData(s.body()).get(0));
        assertThat(start.path("message").path("model").asText()).isEqualTo("smart");
    }
}
