package dev.freeport.lab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shadow traffic through a real gateway: fake upstreams on real sockets for the incumbent ("inc", US) and the
 * candidate ("cand", a CN vendor), the alias {@code coder} shadowed to the alias {@code cheap}.
 */
class ShadowTrafficTest {
    static final String ASK = "{\"model\":\"coder\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\","
            + "\"content\":\"write a haiku about ports\"}]}";

    FakeUpstream inc;
    FakeUpstream cand;
    TestGateway gw;
    final AtomicReference<LabModule> lab = new AtomicReference<>();

    @BeforeEach
    void upstreams() {
        inc = FakeUpstream.start();
        cand = FakeUpstream.start();
        inc.setDefault(Reply.ok("incumbent answer").usage(20, 10));
    }

    @AfterEach
    void close() {
        if (gw != null) {
            gw.close();
        }
        inc.close();
        cand.close();
    }

    void start(String shadow) {
        gw = TestGateway.fromYamlWithConfig(config(inc, cand, shadow), (vx, cfg) -> {
            LabModule m = LabModule.open(vx, cfg);
            lab.set(m);
            return List.of(m);
        });
    }

    static String config(FakeUpstream inc, FakeUpstream cand, String shadow) {
        return "providers:\n"
                + "  inc: { type: openai, base_url: " + inc.baseUrl() + ", vendor: openai, jurisdiction: US,"
                + " region: US }\n"
                + "  cand: { type: openai, base_url: " + cand.baseUrl() + ", vendor: deepseek, jurisdiction: CN,"
                + " region: CN, trust: public }\n"
                + """
                routing:
                  data_classes:
                    internal: { deny_jurisdictions: [ CN ] }
                models:
                  - name: coder
                    targets: [ { provider: inc, model: big, price: { input: 10, output: 30 } } ]
                    shadow: %s
                  - name: cheap
                    targets: [ { provider: cand, model: small, price: { input: 1, output: 2 } } ]
                """.formatted(shadow);
    }

    static final String EVERY = "{ targets: [ cheap ], sample: 1, max_concurrency: 4, budget: 20usd/day }";

    HttpResponse<String> ask(String... headers) {
        return gw.post("/v1/chat/completions", ASK, headers);
    }

    JsonNode shadowCounts() {
        HttpResponse<String> r = gw.get("/admin/migrate/shadow"); // no admin key: accepted from localhost
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return TestGateway.json(r.body()).path("aliases").path("coder");
    }

    static void eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 15 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void theCandidatesAnswerIsKeptNextToThePrimarysWithItsUsageCostAndLatency() {
        cand.setDefault(Reply.ok("candidate answer").usage(20, 10));
        start(EVERY);

        HttpResponse<String> r = ask();

        assertThat(r.statusCode()).isEqualTo(200);
        String id = r.headers().firstValue("x-freeport-request-id").orElseThrow();
        eventually(() -> lab.get().store().results("coder", 0).size() == 1);
        LabResult result = lab.get().store().results("coder", 0).getFirst();
        assertThat(result.sampleId()).isEqualTo(id);
        assertThat(result.candidate()).isEqualTo("cheap");
        assertThat(result.answer().status()).isEqualTo("ok");
        assertThat(result.answer().provider()).isEqualTo("cand");
        assertThat(result.answer().inputTokens()).isEqualTo(20);
        assertThat(result.answer().outputTokens()).isEqualTo(10);
        assertThat(result.answer().costNanos()).isEqualTo(20 * 1_000 + 10 * 2_000); // $1 and $2 per million
        assertThat(result.answer().body().at("/choices/0/message/content").asText()).isEqualTo("candidate answer");
        LabSample sample = lab.get().store().samples("coder", 0).getFirst();
        assertThat(sample.id()).isEqualTo(id);
        assertThat(sample.primary().body().at("/choices/0/message/content").asText()).isEqualTo("incumbent answer");
        assertThat(sample.primary().costNanos()).isEqualTo(20 * 10_000 + 10 * 30_000);
        assertThat(sample.request().at("/messages/0/content").asText()).isEqualTo("write a haiku about ports");
    }

    @Test
    void aStreamedPrimaryIsShadowedAsAStreamWithItsTimeToFirstToken() {
        cand.setDefault(Reply.ok("candidate streamed answer").usage(20, 10).delay(Duration.ofMillis(100)));
        start(EVERY);

        HttpResponse<String> r = gw.post("/v1/chat/completions", ASK.replace("\"max_tokens\"", "\"stream\":true,"
                + "\"max_tokens\""));

        assertThat(r.statusCode()).isEqualTo(200);
        eventually(() -> lab.get().store().results("coder", 0).size() == 1);
        LabAnswer a = lab.get().store().results("coder", 0).getFirst().answer();
        assertThat(a.status()).isEqualTo("ok");
        assertThat(a.ttftMillis()).isNotNull().isGreaterThanOrEqualTo(100);
        assertThat(a.body().at("/choices/0/message/content").asText()).isEqualTo("candidate streamed answer");
        assertThat(a.outputTokens()).isEqualTo(10);
        assertThat(cand.requests().getFirst().stream()).isTrue();
        LabSample s = lab.get().store().samples("coder", 0).getFirst();
        assertThat(s.primary().body().at("/choices/0/message/content").asText()).isEqualTo("incumbent answer");
        assertThat(s.primary().ttftMillis()).isNotNull();
    }

    @Test
    void aShadowRequestIsALedgerEventOfItsOwnKindNotTheCallers() {
        cand.setDefault(Reply.ok("candidate answer").usage(20, 10));
        start(EVERY);

        assertThat(ask().statusCode()).isEqualTo(200);

        List<UsageEvent> events = gw.awaitEvents(2);
        UsageEvent shadow = events.stream().filter(e -> "shadow".equals(e.endpoint())).findFirst().orElseThrow();
        assertThat(shadow.caller()).isEqualTo("shadow");
        assertThat(shadow.alias()).isEqualTo("cheap");
        assertThat(shadow.provider()).isEqualTo("cand");
        assertThat(shadow.costNanos()).isEqualTo(40_000);
        assertThat(events.stream().filter(e -> "chat".equals(e.endpoint())).count()).isEqualTo(1);
    }

    @Test
    void thePrimaryIsAnsweredInFullWhileEveryCandidateHangs() {
        cand.setDefault(Reply.hang());
        start(EVERY);

        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = ask();
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(TestGateway.json(r.body()).at("/choices/0/message/content").asText())
                    .isEqualTo("incumbent answer");
            assertThat(millis).as("the primary does not wait for its shadow").isLessThan(5_000);
        }
        eventually(() -> cand.requests().size() == 4);
        assertThat(shadowCounts().path("running").asInt()).isEqualTo(4);
        assertThat(shadowCounts().path("waiting").asInt()).isEqualTo(1);
    }

    @Test
    void thePrimaryIsAnsweredInFullWhenTheCandidateFails() {
        cand.setDefault(Reply.status(500));
        start(EVERY);

        HttpResponse<String> r = ask();

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(TestGateway.json(r.body()).at("/choices/0/message/content").asText()).isEqualTo("incumbent answer");
        eventually(() -> lab.get().store().results("coder", 0).size() == 1);
        assertThat(lab.get().store().results("coder", 0).getFirst().answer().status()).isEqualTo("failed");
        assertThat(shadowCounts().path("failed").asInt()).isEqualTo(1);
    }

    @Test
    void aFullQueueDropsSampledRequestsAndCountsThem() {
        cand.setDefault(Reply.hang());
        start("{ targets: [ cheap ], sample: 1, max_concurrency: 1, queue: 2, budget: 20usd/day }");

        for (int i = 0; i < 10; i++) {
            assertThat(ask().statusCode()).isEqualTo(200);
        }

        eventually(() -> cand.requests().size() == 1);
        JsonNode c = shadowCounts();
        assertThat(c.path("sampled").asInt()).isEqualTo(10);
        assertThat(c.path("running").asInt()).isEqualTo(1);
        assertThat(c.path("waiting").asInt()).isEqualTo(2);
        assertThat(c.path("dropped").asInt()).isEqualTo(7);
        assertThat(cand.requests()).hasSize(1);
    }

    @Test
    void aRequestOfAForbiddenDataClassNeverReachesTheShadowTarget() {
        cand.setDefault(Reply.ok("candidate answer"));
        start(EVERY);

        HttpResponse<String> r = ask("x-freeport-data-class", "internal");

        assertThat(r.statusCode()).isEqualTo(200);
        eventually(() -> lab.get().store().results("coder", 0).size() == 1);
        LabResult result = lab.get().store().results("coder", 0).getFirst();
        assertThat(result.answer().status()).isEqualTo("refused");
        assertThat(result.answer().error()).contains("internal");
        assertThat(shadowCounts().path("refused").asInt()).isEqualTo(1);
        assertThat(cand.requests()).isEmpty();
    }

    @Test
    void shadowTrafficStopsWhenItsBudgetIsSpent() {
        cand.setDefault(Reply.ok("candidate answer").usage(20, 10)); // $0.00004 each
        start("{ targets: [ cheap ], sample: 1, max_concurrency: 1, queue: 0, budget: 0.00008usd/day }");

        for (int i = 0; i < 5; i++) {
            assertThat(ask().statusCode()).isEqualTo(200);
            int sent = i;
            eventually(() -> shadowCounts().path("running").asInt() == 0
                    && shadowCounts().path("sampled").asInt() == sent + 1);
        }

        assertThat(cand.requests()).hasSize(2);
        assertThat(shadowCounts().path("over_budget").asInt()).isEqualTo(3);
        assertThat(shadowCounts().path("spent_usd").asText()).isEqualTo("0.00008");
    }
}
