package dev.freeport.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fake's Responses API answers (the event sequence Codex needs: items from response.output_item.done, the turn
 * closed by response.completed), the query string in recordings, and a {@link CodingModel} as responder.
 */
class FakeUpstreamResponsesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static FakeUpstream up;
    private static HttpClient http;

    @BeforeAll
    static void startServer() {
        up = FakeUpstream.start();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stopServer() {
        http.close();
        up.close();
    }

    @BeforeEach
    void reset() {
        up.clear();
        up.respondWith(null);
        up.setDefault(Reply.ok("Hello from the fake upstream."));
    }

    private static HttpResponse<String> post(String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + up.port() + path))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json))
                .timeout(Duration.ofSeconds(10)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** (event name, data JSON) pairs of an SSE body. */
    private static List<JsonNode> events(String sse) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        String name = null;
        for (String line : sse.split("\n")) {
            if (line.startsWith("event: ")) {
                name = line.substring(7);
            } else if (line.startsWith("data: ")) {
                JsonNode data = JSON.readTree(line.substring(6));
                assertThat(data.path("type").asText()).as("event name and type agree").isEqualTo(name);
                out.add(data);
            }
        }
        return out;
    }

    @Test
    void streamsAFunctionCallAsTheResponsesEventSequence() throws Exception {
        up.enqueue(Reply.toolCalls(new ToolCall("call_1", "exec_command", "{\"cmd\":\"ls -la\"}")).usage(42, 7));
        HttpResponse<String> r = post("/v1/responses", "{\"model\":\"coder\",\"stream\":true,\"input\":\"hi\"}");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        List<JsonNode> events = events(r.body());
        assertThat(events).extracting(e -> e.path("type").asText()).containsExactly("response.created",
                "response.in_progress", "response.output_item.added", "response.function_call_arguments.delta",
                "response.function_call_arguments.delta", "response.function_call_arguments.delta",
                "response.function_call_arguments.delta", "response.function_call_arguments.done",
                "response.output_item.done", "response.completed");
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).path("sequence_number").asInt()).isEqualTo(i);
        }
        StringBuilder args = new StringBuilder();
        events.stream().filter(e -> e.path("type").asText().endsWith("arguments.delta"))
                .forEach(e -> args.append(e.path("delta").asText()));
        assertThat(args).hasToString("{\"cmd\":\"ls -la\"}");
        JsonNode item = events.get(8).path("item");
        assertThat(item.path("type").asText()).isEqualTo("function_call");
        assertThat(item.path("call_id").asText()).isEqualTo("call_1");
        assertThat(item.path("name").asText()).isEqualTo("exec_command");
        JsonNode done = events.getLast().path("response");
        assertThat(done.path("status").asText()).isEqualTo("completed");
        assertThat(done.path("output").get(0)).isEqualTo(item);
        assertThat(done.path("usage").path("input_tokens").asInt()).isEqualTo(42);
        assertThat(done.path("usage").path("output_tokens").asInt()).isEqualTo(7);
        assertThat(done.path("usage").path("total_tokens").asInt()).isEqualTo(49);
    }

    @Test
    void streamsTextAsOneMessageItemWithDeltas() throws Exception {
        HttpResponse<String> r = post("/v1/responses", "{\"model\":\"coder\",\"stream\":true,\"input\":\"hi\"}");

        List<JsonNode> events = events(r.body());
        StringBuilder text = new StringBuilder();
        events.stream().filter(e -> e.path("type").asText().equals("response.output_text.delta"))
                .forEach(e -> text.append(e.path("delta").asText()));
        assertThat(text).hasToString("Hello from the fake upstream.");
        JsonNode message = events.getLast().path("response").path("output").get(0);
        assertThat(message.path("type").asText()).isEqualTo("message");
        assertThat(message.path("role").asText()).isEqualTo("assistant");
        assertThat(message.path("content").get(0).path("type").asText()).isEqualTo("output_text");
        assertThat(message.path("content").get(0).path("text").asText()).isEqualTo("Hello from the fake upstream.");
    }

    @Test
    void answersTheResponseObjectWithoutStream() throws Exception {
        HttpResponse<String> r = post("/v1/responses", "{\"model\":\"coder\",\"input\":\"hi\"}");

        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("object").asText()).isEqualTo("response");
        assertThat(body.path("status").asText()).isEqualTo("completed");
        assertThat(body.path("model").asText()).isEqualTo("coder");
        assertThat(body.path("output").get(0).path("content").get(0).path("text").asText())
                .isEqualTo("Hello from the fake upstream.");
    }

    @Test
    void recordsTheQueryString() throws Exception {
        post("/v1/messages?beta=true", "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[]}");
        post("/v1/messages", "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[]}");

        List<RecordedRequest> recorded = up.awaitRequests(2, Duration.ofSeconds(5));
        assertThat(recorded.get(0).path()).isEqualTo("/v1/messages");
        assertThat(recorded.get(0).query()).isEqualTo("beta=true");
        assertThat(recorded.get(1).query()).isNull();
    }

    @Test
    void aCodingModelCallsTheWriteToolFirstAndAnswersTextOnceTheResultIsBack() throws Exception {
        CodingModel model = new CodingModel(Path.of("/work/hello.txt"), "hi\n");
        up.respondWith(model);
        String tools = "[{\"type\":\"function\",\"function\":{\"name\":\"write_file\",\"parameters\":{\"type\":\"object\","
                + "\"properties\":{\"file_path\":{\"type\":\"string\"},\"content\":{\"type\":\"string\"}}}}}]";

        JsonNode first = JSON.readTree(post("/v1/chat/completions", "{\"model\":\"m\",\"tools\":" + tools
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"write it\"}]}").body());
        JsonNode call = first.path("choices").get(0).path("message").path("tool_calls").get(0);
        assertThat(call.path("function").path("name").asText()).isEqualTo("write_file");
        assertThat(JSON.readTree(call.path("function").path("arguments").asText()))
                .isEqualTo(JSON.readTree("{\"file_path\":\"/work/hello.txt\",\"content\":\"hi\\n\"}"));

        String id = call.path("id").asText();
        JsonNode second = JSON.readTree(post("/v1/chat/completions", "{\"model\":\"m\",\"tools\":" + tools
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"write it\"},{\"role\":\"assistant\",\"tool_calls\":["
                + call + "]},{\"role\":\"tool\",\"tool_call_id\":\"" + id + "\",\"content\":\"ok\"}]}").body());
        assertThat(second.path("choices").get(0).path("message").path("content").asText())
                .isEqualTo(CodingModel.DONE_TEXT);
        assertThat(model.toolCalls()).isEqualTo(1);
        assertThat(model.toolResults()).isEqualTo(1);

        JsonNode plain = JSON.readTree(post("/v1/chat/completions",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"title?\"}]}").body());
        assertThat(plain.path("choices").get(0).path("message").path("content").asText())
                .isEqualTo(CodingModel.PLAIN_TEXT);
    }
}
