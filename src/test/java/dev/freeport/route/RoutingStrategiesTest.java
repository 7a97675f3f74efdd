package dev.freeport.route;

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
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Each routing strategy against fake upstreams on real sockets. */
class RoutingStrategiesTest {
    static final String ASK = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
    static final String ASK_TOOLS = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"weather?\"}],"
            + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"w\",\"parameters\":{\"type\":\"object\"}}}]}";

    FakeUpstream a;
    FakeUpstream b;
    FakeUpstream c;
    TestGateway gw;

    @BeforeEach
    void upstreams() {
        a = FakeUpstream.start();
        b = FakeUpstream.start();
        c = FakeUpstream.start();
    }

    @AfterEach
    void close() {
        if (gw != null) {
            gw.close();
        }
        a.close();
        b.close();
        c.close();
    }

    String providers() {
        return "providers:\n"
                + "  pa: { type: openai, base_url: " + a.baseUrl() + " }\n"
                + "  pb: { type: openai, base_url: " + b.baseUrl() + " }\n"
                + "  pc: { type: openai, base_url: " + c.baseUrl() + " }\n";
    }

    HttpResponse<String> ask(String body) {
        return gw.post("/v1/chat/completions", body);
    }

    @Test
    void cheapestSendsToTheCheapestTargetThatCanServeTheRequest() {
        gw = TestGateway.fromYaml(providers() + """
                models:
                  - name: m
                    strategy: cheapest
                    targets:
                      - { provider: pa, model: big, price: { input: 10, output: 30 } }
                      - { provider: pb, model: tiny, price: { input: 0.1, output: 0.2 }, capabilities: { tools: false } }
                      - { provider: pc, model: mid, price: { input: 1, output: 2 } }
                """, v -> List.of());
        assertThat(ask(ASK).headers().firstValue("x-freeport-provider")).hasValue("pb");
        assertThat(ask(ASK_TOOLS).headers().firstValue("x-freeport-provider")).hasValue("pc");
        assertThat(a.requests()).isEmpty();

        RouteDecision d = RouteDecision.fromJson(gw.awaitEvents(2).get(1).facts().decision());
        assertThat(d.strategy()).isEqualTo("cheapest");
        assertThat(d.chosen()).isEqualTo("pc/mid");
        assertThat(d.candidates()).extracting(RouteDecision.Candidate::target).containsExactly("pc/mid", "pa/big",
                "pb/tiny");
        assertThat(d.candidates().get(2).excluded()).isEqualTo("no tool calling");
        assertThat(d.candidates().get(0).metric()).startsWith("est. $");
    }

    @Test
    void cheapestFallsBackToTheNextCheapest() {
        gw = TestGateway.fromYaml(providers() + """
                models:
                  - name: m
                    strategy: cheapest
                    targets:
                      - { provider: pa, model: big, price: { input: 10, output: 30 } }
                      - { provider: pb, model: tiny, price: { input: 0.1, output: 0.2 } }
                      - { provider: pc, model: mid, price: { input: 1, output: 2 } }
                """, v -> List.of());
        b.setDefault(Reply.status(500));
        HttpResponse<String> r = ask(ASK);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-freeport-provider")).hasValue("pc");
        assertThat(a.requests()).isEmpty();
    }

    @Test
    void fastestPrefersTheLowerLatencyTargetAndNoticesARecovery() {
        gw = TestGateway.fromYaml(providers() + """
                routing: { exploration: 0.2 }
                models:
                  - name: m
                    strategy: fastest
                    targets: [ pa/slow, pb/quick ]
                """, v -> List.of());
        a.setDefault(Reply.ok("hi").delay(Duration.ofMillis(120)));
        b.setDefault(Reply.ok("hi"));
        // exploration 0.2: the slow target leads its first request (unmeasured) and ~1 in 5 after;
        // 22 of 40 or more to the quick one fails by chance with p < 1e-4
        for (int i = 0; i < 40; i++) {
            assertThat(ask(ASK).statusCode()).isEqualTo(200);
        }
        assertThat(b.requests().size()).as("the quick target takes most").isGreaterThanOrEqualTo(22);
        assertThat(a.requests().size()).as("the slow one is measured and explored").isGreaterThanOrEqualTo(1);

        a.clear();
        b.clear();
        a.setDefault(Reply.ok("hi"));
        b.setDefault(Reply.ok("hi").delay(Duration.ofMillis(120)));
        for (int i = 0; i < 50; i++) { // one exploration of the recovered target is enough to prefer it again
            ask(ASK);
        }
        a.clear();
        b.clear();
        for (int i = 0; i < 50; i++) {
            ask(ASK);
        }
        // ~80 % expected; under 30 of 50 by chance: p < 1e-3
        assertThat(a.requests().size()).as("the recovered target is preferred again").isGreaterThanOrEqualTo(30);
        RouteDecision d = RouteDecision.fromJson(gw.events().getLast().facts().decision());
        assertThat(d.candidates()).allSatisfy(c -> assertThat(c.metric()).contains("ttft"));
    }

    @Test
    void leastBusyAvoidsATargetWithRequestsInFlight() throws Exception {
        gw = TestGateway.fromYaml(providers() + """
                models:
                  - name: m
                    strategy: least-busy
                    targets: [ pa/x, pb/y ]
                """, v -> List.of());
        a.setDefault(Reply.ok("a slow answer of several words").delay(Duration.ofMillis(800)));
        b.setDefault(Reply.ok("quick"));
        CompletableFuture<HttpResponse<String>> busy = CompletableFuture.supplyAsync(() -> ask(ASK));
        a.awaitRequests(1, Duration.ofSeconds(5));
        HttpResponse<String> second = ask(ASK);
        assertThat(second.headers().firstValue("x-freeport-provider")).hasValue("pb");
        assertThat(busy.get().headers().firstValue("x-freeport-provider")).hasValue("pa");
        a.setDefault(Reply.ok("now quick"));
        // both idle again: config order
        assertThat(ask(ASK).headers().firstValue("x-freeport-provider")).hasValue("pa");
        JsonNode d = TestGateway.json(gw.awaitEvents(3).get(1).facts().decision());
        assertThat(d.path("candidates").get(0).path("metric").asText()).isEqualTo("0 in flight");
        assertThat(d.path("candidates").get(1).path("metric").asText()).isEqualTo("1 in flight");
    }

    @Test
    void everyRequestRecordsItsDecision() {
        gw = TestGateway.fromYaml(providers() + """
                models:
                  - name: m
                    targets: [ pa/x, pb/y ]
                """, v -> List.of());
        a.setDefault(Reply.status(503));
        ask(ASK);
        UsageEvent e = gw.onlyEvent();
        RouteDecision d = RouteDecision.fromJson(e.facts().decision());
        assertThat(d.strategy()).isEqualTo("ordered");
        assertThat(d.candidates()).extracting(RouteDecision.Candidate::rank).containsExactly(1, 2);
        assertThat(d.chosen()).isEqualTo("pb/y");
    }
}
