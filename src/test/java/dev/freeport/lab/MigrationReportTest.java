package dev.freeport.lab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.RecordedRequest;
import dev.freeport.testing.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Issue 13 §7: a candidate whose answers are wrong in known ways at known rates, behind a fake upstream on a real
 * socket, shadowing 100 requests that ask for schema-valid JSON and offer a tool. Request #i gets from the candidate:
 * i < 10 broken JSON (10 %), 10 ≤ i < 15 a tool call whose arguments break the tool's schema (5 %), 15 ≤ i < 18 a
 * truncated answer (3 %), else a good one; always 200 ms later and at half the price. The report must find each
 * rate (tolerance: 1 percentage point; the placement is exact, so are the rates), the cost delta exactly, and the
 * saving on the ledger's volume exactly.
 */
class MigrationReportTest {
    static final int N = 100;
    static final String SCHEMA = "{\"type\":\"object\",\"required\":[\"answer\"],\"properties\":{\"answer\":"
            + "{\"type\":\"string\"}}}";
    static final String TOOL = "{\"type\":\"function\",\"function\":{\"name\":\"lookup\",\"parameters\":{\"type\":"
            + "\"object\",\"required\":[\"q\"],\"properties\":{\"q\":{\"type\":\"string\"}}}}}";
    /** $2 / $8 per million at 100 in, 50 out; the candidate $1 / $4 */
    static final long INCUMBENT_COST = 100 * 2_000 + 50 * 8_000;

    FakeUpstream inc = FakeUpstream.start();
    FakeUpstream cand = FakeUpstream.start();
    TestGateway gw;

    @AfterEach
    void close() {
        if (gw != null) {
            gw.close();
        }
        inc.close();
        cand.close();
    }

    static String ask(int i) {
        return "{\"model\":\"coder\",\"max_tokens\":200,\"response_format\":{\"type\":\"json_schema\",\"json_schema\":"
                + "{\"name\":\"a\",\"schema\":" + SCHEMA + "}},\"tools\":[" + TOOL + "],\"messages\":[{\"role\":"
                + "\"user\",\"content\":\"question #" + i + "\"}]}";
    }

    static String completion(String content, String toolArgs, String finish) {
        String calls = toolArgs == null ? "" : ",\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"lookup\",\"arguments\":" + TestGateway.JSON.valueToTree(toolArgs) + "}}]";
        return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[{"
                + "\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + TestGateway.JSON.valueToTree(content)
                + calls + "},\"finish_reason\":\"" + finish + "\"}],\"usage\":{\"prompt_tokens\":100,"
                + "\"completion_tokens\":50,\"total_tokens\":150}}";
    }

    static Reply candidate(RecordedRequest r) {
        String text = r.body().at("/messages/0/content").asText();
        int i = Integer.parseInt(text.substring(text.indexOf('#') + 1));
        String body;
        if (i < 10) {
            body = completion("{\"answer\": \"cut", null, "stop");
        } else if (i < 15) {
            body = completion("{\"answer\":\"ok\"}", "{\"q\": 5}", "tool_calls");
        } else if (i < 18) {
            body = completion("{\"answer\":\"o", null, "length");
        } else {
            body = completion("{\"answer\":\"ok\"}", null, "stop");
        }
        return Reply.status(200).body(body).delay(Duration.ofMillis(200));
    }

    @Test
    void theReportFindsEachFailureRateTheLatencyAndTheCostDeltaExactly() {
        inc.setDefault(Reply.status(200).body(completion("{\"answer\":\"ok\"}", null, "stop")));
        cand.respondWith(MigrationReportTest::candidate);
        AtomicReference<LabModule> lab = new AtomicReference<>();
        gw = TestGateway.fromYamlWithConfig("providers:\n"
                + "  inc: { type: openai, base_url: " + inc.baseUrl() + " }\n"
                + "  cand: { type: openai, base_url: " + cand.baseUrl() + " }\n"
                + """
                models:
                  - name: coder
                    targets: [ { provider: inc, model: big, price: { input: 2, output: 8 } } ]
                    shadow: { targets: [ cheap ], sample: 1, max_concurrency: 16, queue: 1000, budget: 5usd/day }
                  - name: cheap
                    targets: [ { provider: cand, model: small, price: { input: 1, output: 4 } } ]
                """, (vx, cfg) -> {
            lab.set(LabModule.open(vx, cfg));
            return List.of(lab.get());
        });

        for (int i = 0; i < N; i++) {
            assertThat(gw.post("/v1/chat/completions", ask(i)).statusCode()).isEqualTo(200);
        }
        ShadowTrafficTest.eventually(() -> lab.get().store().results("coder", 0).size() == N);
        gw.awaitEvents(2 * N);

        HttpResponse<String> r = gw.get("/admin/migrate/report?alias=coder");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode report = TestGateway.json(r.body());
        assertThat(report.path("samples").asInt()).isEqualTo(N);
        assertThat(report.at("/volume/requests").asLong()).isEqualTo(N);
        JsonNode c = report.path("candidates").path(0);
        assertThat(c.path("name").asText()).isEqualTo("cheap");
        assertThat(c.path("compared").asInt()).isEqualTo(N);
        assertThat(c.at("/failure_rates/bad_json/candidate").asDouble()).isCloseTo(0.10, within(0.01));
        assertThat(c.at("/failure_rates/bad_tool_call/candidate").asDouble()).isCloseTo(0.05, within(0.01));
        assertThat(c.at("/failure_rates/truncated/candidate").asDouble()).isCloseTo(0.03, within(0.01));
        assertThat(c.at("/failure_rates/bad_json/incumbent").asDouble()).isZero();
        assertThat(c.path("share_as_good_or_better").asDouble()).isCloseTo(0.82, within(0.01));
        assertThat(c.at("/interval/low").asDouble()).isBetween(0.72, 0.82);
        assertThat(c.at("/interval/high").asDouble()).isBetween(0.82, 0.92);
        assertThat(c.path("incumbent_cost_nanos").asLong()).isEqualTo(N * INCUMBENT_COST);
        assertThat(c.path("cost_nanos").asLong()).isEqualTo(N * INCUMBENT_COST / 2);
        assertThat(c.path("cost_per_request_nanos").asLong()).isEqualTo(INCUMBENT_COST / 2);
        assertThat(c.path("monthly_saving_nanos").asLong()).isEqualTo(N * INCUMBENT_COST / 2);
        assertThat(c.at("/latency/p50").asLong() - c.at("/incumbent_latency/p50").asLong())
                .isGreaterThanOrEqualTo(200);
        assertThat(c.at("/agreement/pairs").asInt()).isEqualTo(N);
        assertThat(c.at("/agreement/bands/4").asInt()).as("identical answers agree fully").isGreaterThanOrEqualTo(82);
        assertThat(c.at("/agreement/median").asDouble()).isGreaterThan(0.95);
        assertThat(c.path("worst").size()).isEqualTo(ReportBuilder.WORST);
        assertThat(c.path("suggestion").asText()).startsWith("keep coder on its incumbent");
    }
}
