package dev.freeport.limits;

import dev.freeport.caller.Budget;
import dev.freeport.caller.Limits;
import dev.freeport.caller.Principal;
import dev.freeport.config.AlertsConfig;
import dev.freeport.config.LimitsConfig;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static dev.freeport.limits.LimitsHarness.KEY;
import static org.assertj.core.api.Assertions.assertThat;

/** RPM, TPM and max parallel through a real gateway (in-process counters, a clock the test moves). */
class RateLimitTest {
    private final List<AutoCloseable> open = new ArrayList<>();
    private final AtomicReference<LimitsModule> module = new AtomicReference<>();
    private final LimitsHarness.MutableClock clock = new LimitsHarness.MutableClock(
            Instant.parse("2026-11-26T10:00:00Z"));
    private FakeUpstream up;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private TestGateway gateway(Principal p, Reply reply) {
        up = FakeUpstream.start();
        open.add(up);
        up.setDefault(reply);
        TestGateway gw = LimitsHarness.gateway(up, LimitsConfig.EMBEDDED, AlertsConfig.NONE, clock, Map.of(KEY, p),
                module);
        open.add(gw);
        return gw;
    }

    private static String header(HttpResponse<String> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    @Test
    void admittedAnswersCarryRequestHeadersAndTheRejectionCarriesRetryAfter() {
        TestGateway gw = gateway(LimitsHarness.principal("k1", null, new Limits(3, null, null), null, Limits.NONE,
                null), Reply.ok("hi").usage(10, 5));
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = LimitsHarness.post(gw, LimitsHarness.chat(false, 10));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(header(r, "x-ratelimit-limit-requests")).isEqualTo("3");
            assertThat(header(r, "x-ratelimit-remaining-requests")).isEqualTo(Integer.toString(2 - i));
            assertThat(header(r, "x-ratelimit-reset-requests")).isEqualTo("1m0s");
            clock.advance(Duration.ofSeconds(10));
        }
        HttpResponse<String> rejected = LimitsHarness.post(gw, LimitsHarness.chat(false, 10));
        assertThat(rejected.statusCode()).isEqualTo(429);
        assertThat(LimitsHarness.code(rejected)).isEqualTo("rate_limit_exceeded");
        assertThat(LimitsHarness.message(rejected)).contains("key fp-k1", "3 requests per minute", "30s");
        // the oldest request (t=0) leaves the rolling minute at t=60 s; now is t=30 s
        assertThat(header(rejected, "retry-after")).isEqualTo("30");
        assertThat(header(rejected, "x-ratelimit-remaining-requests")).isEqualTo("0");
        assertThat(header(rejected, "x-ratelimit-reset-requests")).isEqualTo("30s");
        clock.advance(Duration.ofSeconds(30));
        assertThat(LimitsHarness.post(gw, LimitsHarness.chat(false, 10)).statusCode()).isEqualTo(200);
    }

    @Test
    void tokensAreReservedAtAdmissionAndSettledToTheRealCount() {
        TestGateway gw = gateway(LimitsHarness.principal("k1", null, new Limits(null, 1000L, null), null,
                Limits.NONE, null), Reply.ok("hi").usage(10, 100));
        HttpResponse<String> first = LimitsHarness.post(gw, LimitsHarness.chat(false, 300));
        assertThat(first.statusCode()).isEqualTo(200);
        long reservedFirst = 1000 - Long.parseLong(header(first, "x-ratelimit-remaining-tokens"));
        long prompt = reservedFirst - 300;
        assertThat(prompt).isPositive().isLessThan(50);
        assertThat(header(first, "x-ratelimit-limit-tokens")).isEqualTo("1000");
        // the first request settled to its real 110 tokens; the second reserves prompt + 300 on top
        gw.awaitEvents(1);
        HttpResponse<String> second = LimitsHarness.post(gw, LimitsHarness.chat(false, 300));
        assertThat(header(second, "x-ratelimit-remaining-tokens")).isEqualTo(Long.toString(1000 - 110
                - reservedFirst));
        gw.awaitEvents(2);
        // without settling only 3 requests of ~310 fit; settled to 110 each, k fit while 110 * (k-1) + 310 <= 1000
        int admitted = 2;
        HttpResponse<String> last;
        while ((last = LimitsHarness.post(gw, LimitsHarness.chat(false, 300))).statusCode() == 200) {
            admitted++;
            gw.awaitEvents(admitted);
        }
        assertThat(admitted).isEqualTo((int) ((1000 - reservedFirst) / 110) + 1);
        assertThat(LimitsHarness.code(last)).isEqualTo("rate_limit_exceeded");
        assertThat(LimitsHarness.message(last)).contains("1000 tokens per minute");
        assertThat(header(last, "x-ratelimit-remaining-tokens")).isEqualTo("0");
        assertThat(header(last, "retry-after")).isEqualTo("60");
    }

    @Test
    void aPromptWhoseCheapBoundDoesNotFitIsCountedAndAdmitted() {
        // 150 x "hi " is 450 bytes (the bound admission tries first) but about 150 tokens: it fits 400 only counted
        TestGateway gw = gateway(LimitsHarness.principal("k1", null, new Limits(null, 400L, null), null,
                Limits.NONE, null), Reply.ok("hi").usage(150, 5));
        String chat = "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\""
                + "hi ".repeat(150) + "\"}]}";
        HttpResponse<String> r = LimitsHarness.post(gw, chat);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        long reserved = 400 - Long.parseLong(header(r, "x-ratelimit-remaining-tokens"));
        assertThat(reserved).isBetween(150L, 200L);
    }

    @Test
    void aRequestLargerThanTheTokenLimitIsRefusedWithoutRetryAfter() {
        TestGateway gw = gateway(LimitsHarness.principal("k1", null, new Limits(null, 100L, null), null,
                Limits.NONE, null), Reply.ok("hi"));
        HttpResponse<String> r = LimitsHarness.post(gw, LimitsHarness.chat(false, 500));
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(LimitsHarness.message(r)).contains("lower max_tokens");
        assertThat(header(r, "retry-after")).isNull();
    }

    @Test
    void maxParallelAdmitsThatManyAtOnceAndFreesSlotsAtTheEnd() {
        Principal p = LimitsHarness.principal("k1", null, new Limits(null, null, 2), null, Limits.NONE, null);
        TestGateway gw = gateway(p, Reply.ok("slow").usage(10, 5).delay(Duration.ofSeconds(2)));
        List<HttpResponse<String>> rs = LimitsHarness.post(gw, 8, LimitsHarness.chat(false, 10));
        assertThat(rs).filteredOn(r -> r.statusCode() == 200).hasSize(2);
        assertThat(rs).filteredOn(r -> r.statusCode() == 429).hasSize(6)
                .allSatisfy(r -> assertThat(LimitsHarness.message(r)).contains("2 requests in parallel"));
        RateLine line = new RateLine("key:k1", "key fp-k1", p.keyLimits());
        assertThat(LimitsHarness.await(module.get().counters().inFlight(line, clock.millis()))).isZero();
        up.setDefault(Reply.ok("quick").usage(10, 5));
        assertThat(LimitsHarness.post(gw, 2, LimitsHarness.chat(false, 10)))
                .allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
    }

    @Test
    void aTeamLimitRejectsWithoutTakingAnythingFromTheKey() {
        Budget big = LimitsHarness.hardUsd("100", Budget.Period.DAY);
        Budget teamBudget = LimitsHarness.hardUsd("0.30", Budget.Period.DAY);
        Principal p = LimitsHarness.principal("k1", "search", Limits.NONE, big, Limits.NONE, teamBudget);
        TestGateway gw = gateway(p, Reply.ok("hi").usage(10, 100));
        for (int i = 0; i < 3; i++) {
            assertThat(LimitsHarness.post(gw, LimitsHarness.chat(false, 100)).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> r = LimitsHarness.post(gw, LimitsHarness.chat(false, 100));
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(LimitsHarness.message(r)).contains("daily budget of team search", "resets at 2026-11-27T00:00:00Z");
        gw.awaitEvents(4);
        BudgetLine key = BudgetLine.of("key:k1", "key fp-k1", big, clock.instant());
        assertThat(LimitsHarness.await(module.get().counters().budgetState(key)))
                .isEqualTo(new Counters.BudgetState(3 * LimitsHarness.REQUEST_COST, 0));
    }
}
