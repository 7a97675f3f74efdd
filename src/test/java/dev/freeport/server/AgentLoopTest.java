package dev.freeport.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.RecordedRequest;
import dev.freeport.testing.Reply;
import dev.freeport.testing.ToolCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static dev.freeport.server.TestGateway.JSON;
import static dev.freeport.server.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An Anthropic-speaking agent runs six turns of tool use on open models behind Freeport: through an
 * OpenAI-format upstream and through a Gemini-format upstream. Every turn checks that tool ids, arguments and
 * results survive the translation both ways, and that the ledger's tokens equal what the upstream reported.
 */
class AgentLoopTest {
    private static final int TURNS = 6;
    private FakeUpstream up;
    private TestGateway gw;

    @AfterEach
    void stop() {
        gw.close();
        up.close();
    }

    @Test
    void toolIdsArgumentsAndResultsSurviveEveryTurnThroughAnOpenAiUpstream() {
        up = FakeUpstream.start();
        gw = TestGateway.builder().openai("open", up.baseUrl()).alias("agent", "open/qwen3-coder").start();
        runAgent(false);
    }

    @Test
    void toolIdsArgumentsAndResultsSurviveEveryTurnThroughAGeminiUpstream() {
        up = FakeUpstream.start();
        gw = TestGateway.builder().gemini("google", up.geminiBaseUrl()).alias("agent", "google/gemini-2.5-flash")
                .start();
        runAgent(true);
    }

    private void runAgent(boolean gemini) {
        ArrayNode messages = JSON.createArrayNode();
        messages.addObject().put("role", "user").put("content", "Refactor the project; read files as needed.");
        for (int turn = 1; turn <= TURNS; turn++) {
            String id = gemini ? null : "call_turn" + turn;
            String args = "{\"path\":\"src/file" + turn + ".java\",\"lines\":[1," + (turn * 10) + "]}";
            up.enqueue(Reply.toolCalls(new ToolCall(id, "read_file", args)).usage(100 * turn, 20));
            JsonNode answer = post(messages);
            JsonNode use = answer.path("content").get(answer.path("content").size() - 1);
            assertThat(use.path("type").asText()).isEqualTo("tool_use");
            assertThat(use.path("name").asText()).isEqualTo("read_file");
            assertThat(use.path("input")).isEqualTo(json(args));
            assertThat(answer.path("stop_reason").asText()).isEqualTo("tool_use");
            assertThat(answer.path("usage").path("input_tokens").asLong()).isEqualTo(100L * turn);
            String toolId = use.path("id").asText();
            if (!gemini) {
                assertThat(toolId).isEqualTo(id);
            }
            messages.addObject().put("role", "assistant").set("content", answer.path("content"));
            ObjectNode result = messages.addObject().put("role", "user");
            result.putArray("content").addObject().put("type", "tool_result").put("tool_use_id", toolId)
                    .put("content", "contents of file " + turn);
            if (turn > 1) {
                assertTurnReachedUpstream(up.requests().get(turn - 1), turn - 1, gemini);
            }
        }
        up.enqueue(Reply.ok("Done: six files read.").usage(999, 7));
        JsonNode last = post(messages);
        assertThat(last.path("content").get(0).path("text").asText()).isEqualTo("Done: six files read.");
        assertThat(last.path("stop_reason").asText()).isEqualTo("end_turn");
        assertTurnReachedUpstream(up.requests().get(TURNS), TURNS, gemini);

        List<UsageEvent> events = gw.awaitEvents(TURNS + 1);
        assertThat(events).hasSize(TURNS + 1).allMatch(e -> e.status() == UsageEvent.Status.OK);
        assertThat(events).extracting(UsageEvent::inputTokens)
                .containsExactly(100L, 200L, 300L, 400L, 500L, 600L, 999L);
        assertThat(events).allMatch(e -> !e.estimated());
        assertThat(events.stream().map(e -> e.facts().conversationKey()).distinct()).hasSize(1);
    }

    /** The upstream request after turn {@code n} carries every earlier tool call and its result, in its format. */
    private static void assertTurnReachedUpstream(RecordedRequest r, int n, boolean gemini) {
        if (gemini) {
            JsonNode contents = r.body().path("contents");
            int calls = 0;
            int results = 0;
            for (JsonNode c : contents) {
                for (JsonNode part : c.path("parts")) {
                    if (part.has("functionCall")) {
                        calls++;
                        assertThat(part.path("functionCall").path("name").asText()).isEqualTo("read_file");
                        assertThat(part.path("functionCall").path("args").path("path").asText())
                                .isEqualTo("src/file" + calls + ".java");
                    }
                    if (part.has("functionResponse")) {
                        results++;
                        assertThat(part.path("functionResponse").path("name").asText()).isEqualTo("read_file");
                        assertThat(part.path("functionResponse").path("response").toString())
                                .contains("contents of file " + results);
                    }
                }
            }
            assertThat(calls).isEqualTo(n);
            assertThat(results).isEqualTo(n);
            return;
        }
        JsonNode msgs = r.body().path("messages");
        int calls = 0;
        for (JsonNode m : msgs) {
            if (m.has("tool_calls")) {
                calls++;
                JsonNode call = m.path("tool_calls").get(0);
                assertThat(call.path("id").asText()).isEqualTo("call_turn" + calls);
                assertThat(json(call.path("function").path("arguments").asText()).path("path").asText())
                        .isEqualTo("src/file" + calls + ".java");
            }
            if (m.path("role").asText().equals("tool")) {
                assertThat(m.path("tool_call_id").asText()).isEqualTo("call_turn" + calls);
                assertThat(m.path("content").asText()).isEqualTo("contents of file " + calls);
            }
        }
        assertThat(calls).isEqualTo(n);
    }

    private JsonNode post(ArrayNode messages) {
        ObjectNode body = JSON.createObjectNode().put("model", "agent").put("max_tokens", 1024);
        body.putArray("tools").addObject().put("name", "read_file").put("description", "read a file")
                .set("input_schema", json("{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"},"
                        + "\"lines\":{\"type\":\"array\",\"items\":{\"type\":\"integer\"}}},\"required\":[\"path\"]}"));
        body.set("messages", messages);
        HttpResponse<String> r = gw.post("/v1/messages", body.toString(), "anthropic-version", "2023-06-01");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r.body());
    }
}
