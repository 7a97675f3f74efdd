package dev.freeport.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.freeport.front.responses.ResponsesModule;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import dev.freeport.testing.ToolCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.freeport.flow.GuardrailsFlowTest.AWS_KEY;
import static dev.freeport.flow.GuardrailsFlowTest.EMAIL;
import static dev.freeport.flow.GuardrailsFlowTest.RULES;
import static org.assertj.core.api.Assertions.assertThat;

/** The guardrails on the Anthropic and Responses fronts, and a placeholder split across text chunks. */
class GuardrailsFrontsTest {
    FakeUpstream claude;
    FakeUpstream openai;
    HttpServer split;
    final List<String> splitBodies = new CopyOnWriteArrayList<>();
    TestGateway gw;

    @BeforeEach
    void start() throws IOException {
        claude = FakeUpstream.start();
        openai = FakeUpstream.start();
        split = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        split.createContext("/v1/chat/completions", ex -> {
            splitBodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            // OpenAI's stream format, the placeholder cut in three: "<<EMA", "IL_1", ">> thanks"
            StringBuilder sse = new StringBuilder();
            for (String piece : List.of("Write to <<EMA", "IL_1", ">> thanks")) {
                sse.append("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"").append(piece)
                        .append("\"},\"finish_reason\":null}]}\n\n");
            }
            sse.append("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                    + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n");
            byte[] bytes = sse.toString().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("content-type", "text/event-stream");
            ex.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        });
        split.start();
        gw = TestGateway.fromYaml("""
                providers:
                  claude: { type: anthropic, base_url: "%s/v1", api_key: sk-ant-x, trust: public }
                  oa: { type: openai, base_url: %s, vendor: openai, trust: public }
                  cut: { type: openai, base_url: "http://127.0.0.1:%d/v1", vendor: qwen, trust: public }
                models:
                  - { name: claude-x, targets: [ claude/claude-x ] }
                  - { name: oa, targets: [ oa/gpt ] }
                  - { name: cut, targets: [ cut/m ] }
                """.formatted(claude.anthropicBaseUrl(), openai.baseUrl(), split.getAddress().getPort()) + RULES,
                vx -> List.of(ResponsesModule.open(vx, null, Clock.systemUTC())));
    }

    @AfterEach
    void stop() {
        gw.close();
        claude.close();
        openai.close();
        split.stop(0);
    }

    static String messages(String text, boolean stream) {
        return """
                {"model":"claude-x","max_tokens":100,"stream":%s,"messages":[{"role":"user","content":"%s"}]}"""
                .formatted(stream, text);
    }

    @Test
    void anAnthropicCallerGetsTheBlockInAnthropicsErrorShape() {
        HttpResponse<String> r = gw.post("/v1/messages", messages("key " + AWS_KEY, false),
                "anthropic-version", "2023-06-01");
        assertThat(r.statusCode()).isEqualTo(403);
        JsonNode body = TestGateway.json(r.body());
        assertThat(body.path("type").asText()).isEqualTo("error");
        assertThat(body.path("error").path("type").asText()).isEqualTo("permission_error");
        assertThat(body.path("error").path("message").asText()).contains("an AWS access key id in /messages/0/content");
        assertThat(claude.requests()).isEmpty();
    }

    @Test
    void anAnthropicRequestIsRewrittenNotPassedOnNativelyAndItsStreamRestored() {
        claude.setDefault(Reply.ok("Dear <<EMAIL_1>>, done")
                .withToolCalls(ToolCall.of("send", "{\"to\":\"<<EMAIL_1>>\",\"n\":1}")));
        HttpResponse<String> r = gw.post("/v1/messages", messages("mail " + EMAIL, true),
                "anthropic-version", "2023-06-01");

        assertThat(claude.requests().getFirst().rawBody()).doesNotContain(EMAIL).contains("<<EMAIL_1>>");
        StringBuilder text = new StringBuilder();
        StringBuilder json = new StringBuilder();
        for (String data : TestGateway.sseData(r.body())) {
            JsonNode delta = TestGateway.json(data).path("delta");
            text.append(delta.path("text").asText(""));
            json.append(delta.path("partial_json").asText(""));
        }
        assertThat(text.toString()).isEqualTo("Dear " + EMAIL + ", done");
        assertThat(TestGateway.json(json.toString()).path("to").asText()).isEqualTo(EMAIL);
    }

    @Test
    void anAnthropicAnswerIsRestored() {
        claude.setDefault(Reply.ok("Dear <<EMAIL_1>>"));
        HttpResponse<String> r = gw.post("/v1/messages", messages("mail " + EMAIL, false),
                "anthropic-version", "2023-06-01");
        assertThat(TestGateway.json(r.body()).path("content").get(0).path("text").asText())
                .isEqualTo("Dear " + EMAIL);
    }

    @Test
    void aResponsesStreamIsRestored() {
        openai.setDefault(Reply.ok("Dear <<EMAIL_1>>")
                .withToolCalls(ToolCall.of("send", "{\"to\":\"<<EMAIL_1>>\"}")));
        String body = """
                {"model":"oa","store":false,"stream":true,"input":"mail %s"}""".formatted(EMAIL);
        HttpResponse<String> r = gw.post("/v1/responses", body);

        assertThat(openai.requests().getFirst().rawBody()).doesNotContain(EMAIL).contains("<<EMAIL_1>>");
        StringBuilder text = new StringBuilder();
        StringBuilder args = new StringBuilder();
        for (String data : TestGateway.sseData(r.body())) {
            JsonNode event = TestGateway.json(data);
            switch (event.path("type").asText()) {
                case "response.output_text.delta" -> text.append(event.path("delta").asText());
                case "response.function_call_arguments.delta" -> args.append(event.path("delta").asText());
                default -> { }
            }
        }
        assertThat(text.toString()).isEqualTo("Dear " + EMAIL);
        assertThat(TestGateway.json(args.toString()).path("to").asText()).isEqualTo(EMAIL);
    }

    @Test
    void aPlaceholderSplitAcrossTextChunksIsRestored() {
        HttpResponse<String> r = gw.post("/v1/chat/completions", """
                {"model":"cut","stream":true,"messages":[{"role":"user","content":"mail %s"}]}""".formatted(EMAIL));

        StringBuilder text = new StringBuilder();
        for (String data : TestGateway.sseData(r.body())) {
            if (!data.equals("[DONE]")) {
                text.append(TestGateway.json(data).path("choices").path(0).path("delta").path("content").asText(""));
            }
        }
        assertThat(text.toString()).isEqualTo("Write to " + EMAIL + " thanks");
        assertThat(splitBodies.getFirst()).doesNotContain(EMAIL).contains("<<EMAIL_1>>");
    }
}
