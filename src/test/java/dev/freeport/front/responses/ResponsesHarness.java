package dev.freeport.front.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.json.Json;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.RecordedRequest;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A gateway with the Responses module and virtual keys, and one fake upstream behind three aliases, one per back-end
 * wire format: {@code oa} (OpenAI-compatible chat completions), {@code an} (Anthropic Messages), {@code ge} (Gemini
 * generateContent). Two virtual keys, so a test can play two callers.
 */
final class ResponsesHarness implements AutoCloseable {
    static final String MASTER = "sk-master-responses";
    static final List<String> BACK_ENDS = List.of("oa", "an", "ge");

    final FakeUpstream up = FakeUpstream.start();
    final TestGateway gw;
    final String keyA;
    final String keyB;

    ResponsesHarness() {
        gw = TestGateway.builder().masterKey(MASTER).keys().responses()
                .openai("openai-up", up.baseUrl())
                .anthropic("anthropic-up", up.anthropicBaseUrl())
                .gemini("gemini-up", up.geminiBaseUrl())
                .alias("oa", "openai-up/qwen3-coder")
                .alias("an", "anthropic-up/claude-sonnet-4-5")
                .alias("ge", "gemini-up/gemini-2.5-flash")
                .start();
        keyA = gw.access().service().createKey(Json.NODES.objectNode().put("name", "a")).secret();
        keyB = gw.access().service().createKey(Json.NODES.objectNode().put("name", "b")).secret();
    }

    HttpResponse<String> post(String key, String path, String json) {
        return gw.post(path, json, "authorization", "Bearer " + key);
    }

    HttpResponse<String> create(String key, ObjectNode body) {
        return post(key, "/v1/responses", body.toString());
    }

    HttpResponse<String> call(String key, String method, String path) {
        return gw.call(method, path, null, "authorization", "Bearer " + key);
    }

    /** The events of a Responses stream: each {@code data:} payload, parsed; its type is the SSE event name. */
    static List<JsonNode> events(String sse) {
        List<JsonNode> out = new ArrayList<>();
        String event = null;
        for (String line : sse.split("\n")) {
            if (line.startsWith("event: ")) {
                event = line.substring(7);
            } else if (line.startsWith("data: ")) {
                JsonNode data = TestGateway.json(line.substring(6));
                if (event != null && !event.equals(data.path("type").asText())) {
                    throw new AssertionError("event name " + event + " but data type " + data.path("type"));
                }
                out.add(data);
                event = null;
            }
        }
        return out;
    }

    static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.path("type").asText()).toList();
    }

    static ObjectNode request(String model, String input) {
        return Json.NODES.objectNode().put("model", model).put("input", input);
    }

    /** A function tool in the Responses API's flat shape: get_weather(city). */
    static ObjectNode withWeatherTool(ObjectNode request) {
        ObjectNode tool = request.putArray("tools").addObject().put("type", "function").put("name", "get_weather")
                .put("description", "The weather in a city");
        ObjectNode params = tool.putObject("parameters").put("type", "object");
        params.putObject("properties").putObject("city").put("type", "string");
        params.putArray("required").add("city");
        return request;
    }

    /** The upstream requests, once {@code n} arrived. */
    List<RecordedRequest> upstream(int n) {
        try {
            return up.awaitRequests(n, Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        gw.close();
        up.close();
    }
}
