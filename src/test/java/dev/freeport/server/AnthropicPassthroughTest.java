package dev.freeport.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static dev.freeport.server.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Anthropic caller, Anthropic upstream: the request and the answer pass untouched (model aside), usage is read. */
class AnthropicPassthroughTest {
    private static final String REQUEST = """
            {"model":"claude","max_tokens":2000,"stream":%s,
             "system":[{"type":"text","text":"Long shared context","cache_control":{"type":"ephemeral"}}],
             "thinking":{"type":"enabled","budget_tokens":1024},
             "messages":[{"role":"user","content":[{"type":"text","text":"hi","cache_control":{"type":"ephemeral"}}]}]}""";
    private FakeUpstream up;
    private TestGateway gw;

    @BeforeEach
    void start() {
        up = FakeUpstream.start();
        gw = TestGateway.builder().anthropic("anthropic", up.anthropicBaseUrl() + "/v1")
                .alias("claude", "anthropic/claude-sonnet-4-5-20250929").start();
    }

    @AfterEach
    void stop() {
        gw.close();
        up.close();
    }

    @Test
    void theCallersRequestReachesTheUpstreamUntouchedButForTheModel() {
        up.enqueue(Reply.ok("hello").usage(40, 2));
        gw.post("/v1/messages", REQUEST.formatted("false"), "anthropic-version", "2023-06-01");
        JsonNode sent = up.requests().get(0).body();
        JsonNode expected = json(REQUEST.formatted("false"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) expected).put("model", "claude-sonnet-4-5-20250929");
        assertThat(sent).isEqualTo(expected);
    }

    @Test
    void theUpstreamsAnswerComesBackUntouchedButForTheModelAndItsUsageIsRecorded() {
        up.enqueue(Reply.ok("hello there").usage(40, 2));
        HttpResponse<String> r = gw.post("/v1/messages", REQUEST.formatted("false"), "anthropic-version",
                "2023-06-01");
        JsonNode answer = json(r.body());
        // one rule on every front: the model is the name the caller sent
        assertThat(answer.path("model").asText()).isEqualTo("claude");
        assertThat(answer.path("content").get(0).path("text").asText()).isEqualTo("hello there");
        UsageEvent e = gw.onlyEvent();
        assertThat(e.inputTokens()).isEqualTo(40);
        assertThat(e.outputTokens()).isEqualTo(2);
        assertThat(e.estimated()).isFalse();
    }

    @Test
    void streamEventsPassThroughAsTheUpstreamSentThem() {
        up.enqueue(Reply.ok("one two three").usage(40, 3));
        HttpResponse<String> r = gw.post("/v1/messages", REQUEST.formatted("true"), "anthropic-version",
                "2023-06-01");
        List<String> events = r.body().lines().filter(l -> l.startsWith("event: ")).map(l -> l.substring(7))
                .toList();
        assertThat(events).contains("ping");                 // the translator never forwards pings
        assertThat(events.get(0)).isEqualTo("message_start");
        assertThat(events.get(events.size() - 1)).isEqualTo("message_stop");
        assertThat(r.body()).contains("\"model\":\"claude\"").doesNotContain("claude-sonnet-4-5-20250929");
        UsageEvent e = gw.onlyEvent();
        assertThat(e.outputTokens()).isEqualTo(3);
        assertThat(e.status()).isEqualTo(UsageEvent.Status.OK);
    }

    @Test
    void aNativeStreamCutMidwayEndsWithAnErrorEvent() {
        up.enqueue(Reply.ok("one two three four").resetAfterChunks(2));
        HttpResponse<String> r = gw.post("/v1/messages", REQUEST.formatted("true"), "anthropic-version",
                "2023-06-01");
        assertThat(r.body()).contains("event: error").doesNotContain("event: message_stop");
        assertThat(gw.onlyEvent().status()).isEqualTo(UsageEvent.Status.CUT);
    }
}
