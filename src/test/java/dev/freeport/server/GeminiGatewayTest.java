package dev.freeport.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.RecordedRequest;
import dev.freeport.testing.Reply;
import dev.freeport.testing.ToolCall;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A type gemini provider end to end: OpenAI in at the gateway, Gemini's wire at the fake upstream, real sockets. */
class GeminiGatewayTest {
    private static FakeUpstream up;

    @BeforeAll
    static void start() {
        up = FakeUpstream.start();
    }

    @AfterAll
    static void stop() {
        up.close();
    }

    private static TestGateway gateway() {
        up.clear();
        return TestGateway.builder().gemini("gem", up.geminiBaseUrl()).alias("g", "gem/gemini-2.5-flash").start();
    }

    @Test
    void answersAChatCompletionFromGenerateContentAndRecordsUsage() throws Exception {
        try (TestGateway gw = gateway()) {
            up.enqueue(Reply.ok("Bonjour").usage(12, 3));

            HttpResponse<String> r = gw.post("/v1/chat/completions",
                    "{\"model\":\"g\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief\"},"
                            + "{\"role\":\"user\",\"content\":\"hi\"}]}");

            JsonNode body = TestGateway.json(r.body());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("Bonjour");
            assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
            RecordedRequest sent = up.awaitRequests(1, Duration.ofSeconds(5)).getFirst();
            assertThat(sent.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
            assertThat(sent.header("x-goog-api-key")).isEqualTo("AIza-test-gem");
            assertThat(sent.body().at("/systemInstruction/parts/0/text").asText()).isEqualTo("Be brief");
            UsageEvent e = gw.onlyEvent();
            assertThat(e.provider()).isEqualTo("gem");
            assertThat(e.inputTokens()).isEqualTo(12);
            assertThat(e.outputTokens()).isEqualTo(3);
            assertThat(e.estimated()).isFalse();
            assertThat(e.costNanos()).as("priced from the catalog's google entry").isPositive();
        }
    }

    @Test
    void streamsFromStreamGenerateContentWithUsageAndDone() throws Exception {
        try (TestGateway gw = gateway()) {
            up.enqueue(Reply.ok("one two three").usage(5, 3));

            HttpResponse<String> r = gw.post("/v1/chat/completions", "{\"model\":\"g\",\"stream\":true,"
                    + "\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

            List<String> data = TestGateway.sseData(r.body());
            assertThat(data.getLast()).isEqualTo("[DONE]");
            StringBuilder text = new StringBuilder();
            for (String d : data.subList(0, data.size() - 1)) {
                text.append(TestGateway.json(d).at("/choices/0/delta/content").asText(""));
            }
            assertThat(text.toString()).isEqualTo("one two three");
            JsonNode usage = TestGateway.json(data.get(data.size() - 2)).path("usage");
            assertThat(usage.path("prompt_tokens").asInt()).isEqualTo(5);
            assertThat(usage.path("completion_tokens").asInt()).isEqualTo(3);
            assertThat(up.requests().getFirst().path()).endsWith(":streamGenerateContent");
        }
    }

    @Test
    void toolCallWithoutGeminiIdRoundTripsToAFunctionResponseByName() throws Exception {
        try (TestGateway gw = gateway()) {
            up.enqueue(Reply.toolCalls(ToolCall.of("get_weather", "{\"city\":\"Paris\"}")), Reply.ok("Sunny"));
            String tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                    + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}}]";

            JsonNode first = TestGateway.json(gw.post("/v1/chat/completions", "{\"model\":\"g\"," + tools
                    + ",\"messages\":[{\"role\":\"user\",\"content\":\"weather?\"}]}").body());
            JsonNode call = first.at("/choices/0/message/tool_calls/0");
            String second = "{\"model\":\"g\"," + tools + ",\"messages\":[{\"role\":\"user\",\"content\":\"weather?\"},"
                    + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[" + call + "]},"
                    + "{\"role\":\"tool\",\"tool_call_id\":\"" + call.path("id").asText() + "\",\"content\":\"sunny\"}]}";
            HttpResponse<String> r = gw.post("/v1/chat/completions", second);

            assertThat(first.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
            assertThat(call.path("id").asText()).startsWith("call_");
            assertThat(TestGateway.json(r.body()).at("/choices/0/message/content").asText()).isEqualTo("Sunny");
            JsonNode sent = up.awaitRequests(2, Duration.ofSeconds(5)).get(1).body();
            assertThat(sent.at("/contents/1/parts/0/functionCall/name").asText()).isEqualTo("get_weather");
            assertThat(sent.at("/contents/2/parts/0/functionResponse/name").asText()).isEqualTo("get_weather");
            assertThat(sent.at("/contents/2/parts/0/functionResponse/response/result").asText()).isEqualTo("sunny");
        }
    }

    @Test
    void rateLimitIsRetriedThenAnswered() {
        try (TestGateway gw = gateway()) {
            up.enqueue(Reply.status(429).retryAfter(0), Reply.ok("after retry"));

            HttpResponse<String> r = gw.post("/v1/chat/completions",
                    "{\"model\":\"g\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(TestGateway.json(r.body()).at("/choices/0/message/content").asText()).isEqualTo("after retry");
        }
    }

    @Test
    void invalidArgumentIsPassedOnAsAClientError() {
        try (TestGateway gw = gateway()) {
            up.enqueue(Reply.status(400));

            HttpResponse<String> r = gw.post("/v1/chat/completions",
                    "{\"model\":\"g\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("gem: Request contains an invalid argument.").doesNotContain("AIza-test");
        }
    }
}
