package dev.freeport.server;

import dev.freeport.ledger.UsageEvent;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import dev.freeport.testing.ToolCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Moonshot bills its built-in {@code $web_search} per call: once for each answer that ends with
 * {@code finish_reason = tool_calls} and a {@code $web_search} tool call (platform.kimi.com/docs/pricing/tools).
 * Kimi K3 in the catalog: $3 / $15 per million tokens, $0.005 a search. 1,000 in and 1,000 out = $0.018; with the
 * search $0.023.
 */
class KimiWebSearchCostTest {
    private static final String SEARCH_ARGS = "{\"search_result\":{\"search_id\":\"s-1\"},\"usage\":{\"total_tokens\":"
            + "3120}}";
    private static final String REQUEST = "{\"model\":\"k3\",\"stream\":%s,\"messages\":[{\"role\":\"user\","
            + "\"content\":\"news today?\"}],\"tools\":[{\"type\":\"builtin_function\",\"function\":{\"name\":"
            + "\"$web_search\"}}]}";

    private FakeUpstream up;
    private TestGateway gw;

    @BeforeEach
    void start() {
        up = FakeUpstream.start().setUsageInChoice(true);
        gw = TestGateway.fromYaml("""
                providers:
                  kimi: { type: openai, preset: moonshot, base_url: "%s", api_key: k }
                models:
                  - { name: k3, targets: [ kimi/kimi-k3 ] }
                """.formatted(up.baseUrl()), vx -> List.of());
    }

    @AfterEach
    void stop() {
        gw.close();
        up.close();
    }

    private static Reply search() {
        return Reply.toolCalls(ToolCall.of("$web_search", SEARCH_ARGS)).usage(1_000, 1_000);
    }

    @Test
    void anAnswerThatAsksForAWebSearchIsChargedTheSearchFee() {
        up.enqueue(search());
        HttpResponse<String> r = gw.post("/v1/chat/completions", REQUEST.formatted(false));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("$web_search");
        assertThat(r.headers().firstValue("x-freeport-cost-usd")).hasValue("0.023");
        assertThat(gw.onlyEvent().costNanos()).isEqualTo(23_000_000L);
    }

    @Test
    void anAnswerWithoutUsageThatAsksForAWebSearchKeepsTheSearchFeeOnItsEstimate() {
        up.enqueue(Reply.toolCalls(ToolCall.of("$web_search", SEARCH_ARGS)).noUsage());
        HttpResponse<String> r = gw.post("/v1/chat/completions", REQUEST.formatted(false));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        UsageEvent e = gw.onlyEvent();
        assertThat(e.estimated()).isTrue();
        // the counted tokens at $3 / $15 per million, plus the $0.005 search
        long tokens = (e.inputTokens() * 3_000 + e.outputTokens() * 15_000);
        assertThat(e.costNanos()).isEqualTo(tokens + 5_000_000L);
    }

    @Test
    void toolChoiceRequiredWithOnlyTheBuiltInSearchToolIsPassedToMoonshot() {
        up.enqueue(search());
        HttpResponse<String> r = gw.post("/v1/chat/completions", REQUEST.formatted(false)
                .replace("\"tools\":", "\"tool_choice\":\"required\",\"tools\":"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(up.requests().getFirst().body().path("tool_choice").asText()).isEqualTo("required");
    }

    @Test
    void aStreamedAnswerThatAsksForAWebSearchIsChargedTheSearchFee() {
        up.enqueue(search());
        HttpResponse<String> r = gw.post("/v1/chat/completions", REQUEST.formatted(true));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("$web_search").contains("[DONE]");
        UsageEvent e = gw.onlyEvent();
        assertThat(e.stream()).isTrue();
        assertThat(e.costNanos()).isEqualTo(23_000_000L);
    }

    @Test
    void aStreamThatReportsUsageInOpenAisUsageChunkIsChargedTheSearchFeeToo() {
        up.setUsageInChoice(false);
        up.enqueue(search());
        HttpResponse<String> r = gw.post("/v1/chat/completions", REQUEST.formatted(true));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(gw.onlyEvent().costNanos()).isEqualTo(23_000_000L);
    }

    @Test
    void aStreamWithoutAnyUsageThatAsksForAWebSearchKeepsTheSearchFeeOnItsEstimate() {
        up.enqueue(Reply.toolCalls(ToolCall.of("$web_search", SEARCH_ARGS)).noUsage());
        HttpResponse<String> r = gw.post("/v1/chat/completions", REQUEST.formatted(true)
                .replace("\"stream\":true", "\"stream\":true,\"stream_options\":{\"include_usage\":true}"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("$web_search").contains("[DONE]").doesNotContain("\"usage\":{");
        UsageEvent e = gw.onlyEvent();
        assertThat(e.stream()).isTrue();
        assertThat(e.estimated()).isTrue();
        // the counted tokens at $3 / $15 per million, plus the $0.005 search
        long tokens = (e.inputTokens() * 3_000 + e.outputTokens() * 15_000);
        assertThat(e.costNanos()).isEqualTo(tokens + 5_000_000L);
    }

    @Test
    void theEchoOfTheSearchAndTheFinalAnswerPayOnlyTheirTokens() {
        up.enqueue(Reply.ok("Here is the news.").usage(1_000, 1_000));
        String echo = "{\"model\":\"k3\",\"messages\":[{\"role\":\"user\",\"content\":\"news today?\"},"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"$web_search\",\"arguments\":" + quoted(SEARCH_ARGS) + "}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"name\":\"$web_search\",\"content\":"
                + quoted(SEARCH_ARGS) + "}],\"tools\":[{\"type\":\"builtin_function\",\"function\":{\"name\":"
                + "\"$web_search\"}}]}";
        HttpResponse<String> r = gw.post("/v1/chat/completions", echo);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-freeport-cost-usd")).hasValue("0.018");
    }

    private static String quoted(String json) {
        return "\"" + json.replace("\"", "\\\"") + "\"";
    }
}
