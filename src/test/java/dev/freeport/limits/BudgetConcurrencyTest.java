package dev.freeport.limits;

import dev.freeport.caller.Budget;
import dev.freeport.caller.Limits;
import dev.freeport.caller.Principal;
import dev.freeport.config.AlertsConfig;
import dev.freeport.config.LimitsConfig;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.RedisServer;
import dev.freeport.testing.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import static dev.freeport.limits.LimitsHarness.KEY;
import static dev.freeport.limits.LimitsHarness.REQUEST_COST;
import static org.assertj.core.api.Assertions.assertThat;

/** 500 concurrent requests against a key whose budget covers 50, on each counter backend. */
class BudgetConcurrencyTest {
    private static final Budget FIVE_USD_MONTH = LimitsHarness.hardUsd("5", Budget.Period.MONTH);
    private static final Principal KEY_PRINCIPAL = LimitsHarness.principal("k1", null, Limits.NONE, FIVE_USD_MONTH,
            Limits.NONE, null);

    private final List<AutoCloseable> open = new ArrayList<>();
    private final AtomicReference<LimitsModule> module = new AtomicReference<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private <T extends AutoCloseable> T keep(T c) {
        open.add(c);
        return c;
    }

    private LimitsConfig backend(LimitsConfig.Backend b) {
        if (b == LimitsConfig.Backend.REDIS) {
            return new LimitsConfig(b, keep(RedisServer.start()).url(), 4096, LimitsHarness.LOADED_DEADLINE);
        }
        return LimitsConfig.EMBEDDED;
    }

    private TestGateway gateway(FakeUpstream up, LimitsConfig.Backend b) {
        return keep(LimitsHarness.gateway(up, backend(b), AlertsConfig.NONE, Clock.systemUTC(),
                Map.of(KEY, KEY_PRINCIPAL), module));
    }

    private FakeUpstream upstream(Reply reply) {
        FakeUpstream up = keep(FakeUpstream.start(FakeUpstream.Options.defaults().withRecordRequests(false).withInstances(2)));
        up.setDefault(reply);
        return up;
    }

    private BudgetLine keyLine() {
        return BudgetLine.of("key:k1", "key fp-k1", FIVE_USD_MONTH, Instant.now());
    }

    private void assertSettled(TestGateway gw, int requests) {
        List<UsageEvent> events = gw.awaitEvents(requests);
        assertThat(events).hasSize(requests);
        LimitsHarness.eventually(() -> LimitsHarness.await(module.get().counters().budgetState(keyLine()))
                .reservedNanos() == 0);
        Counters.BudgetState s = LimitsHarness.await(module.get().counters().budgetState(keyLine()));
        assertThat(s.reservedNanos()).isZero();
        assertThat(s.spentNanos()).isEqualTo(LimitsHarness.ledgerCost(events))
                .isLessThanOrEqualTo(FIVE_USD_MONTH.limitNanos());
    }

    private static void assertBudgetRejection(HttpResponse<String> r) {
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(LimitsHarness.code(r)).isEqualTo("budget_exceeded");
        String resets = DateTimeFormatter.ISO_INSTANT.format(Periods.end(Budget.Period.MONTH, Instant.now()));
        assertThat(LimitsHarness.message(r)).contains("monthly budget of key fp-k1", "$5", "resets at " + resets);
    }

    @ParameterizedTest
    @EnumSource(LimitsConfig.Backend.class)
    void admitsExactlyWhatTheBudgetCoversUnder500ConcurrentRequests(LimitsConfig.Backend b) {
        FakeUpstream up = upstream(Reply.ok("fine").usage(10, 100).delay(Duration.ofMillis(30)));
        TestGateway gw = gateway(up, b);
        List<HttpResponse<String>> rs = LimitsHarness.post(gw, 500, LimitsHarness.chat(false, 100));
        List<HttpResponse<String>> ok = rs.stream().filter(r -> r.statusCode() == 200).toList();
        assertThat(ok).hasSize(50);
        rs.stream().filter(r -> r.statusCode() != 200).forEach(BudgetConcurrencyTest::assertBudgetRejection);
        assertSettled(gw, 500);
        assertThat(LimitsHarness.ledgerCost(gw.events())).isEqualTo(50 * REQUEST_COST);
    }

    @ParameterizedTest
    @EnumSource(LimitsConfig.Backend.class)
    void admitsExactlyWhatTheBudgetCoversWithStreams(LimitsConfig.Backend b) {
        FakeUpstream up = upstream(Reply.ok("fine and dandy").usage(10, 100).delay(Duration.ofMillis(30)));
        TestGateway gw = gateway(up, b);
        List<HttpResponse<String>> rs = LimitsHarness.post(gw, 500, LimitsHarness.chat(true, 100));
        List<HttpResponse<String>> ok = rs.stream().filter(r -> r.statusCode() == 200).toList();
        assertThat(ok).hasSize(50).allSatisfy(r -> assertThat(r.body()).contains("[DONE]"));
        rs.stream().filter(r -> r.statusCode() != 200).forEach(BudgetConcurrencyTest::assertBudgetRejection);
        assertSettled(gw, 500);
        assertThat(LimitsHarness.ledgerCost(gw.events())).isEqualTo(50 * REQUEST_COST);
    }

    @ParameterizedTest
    @EnumSource(LimitsConfig.Backend.class)
    void cutStreamsSettleTheirRealCostAndReleaseTheRest(LimitsConfig.Backend b) {
        FakeUpstream up = upstream(Reply.resetAfterChunks(3).delay(Duration.ofMillis(30)));
        TestGateway gw = gateway(up, b);
        List<HttpResponse<String>> rs = LimitsHarness.post(gw, 500, LimitsHarness.chat(true, 100));
        List<HttpResponse<String>> started = rs.stream().filter(r -> r.statusCode() == 200).toList();
        assertThat(started).hasSizeGreaterThanOrEqualTo(50)
                .allSatisfy(r -> assertThat(r.body()).contains("stream_interrupted").doesNotContain("[DONE]"));
        rs.stream().filter(r -> r.statusCode() != 200).forEach(BudgetConcurrencyTest::assertBudgetRejection);
        assertSettled(gw, 500);
        assertThat(gw.events()).filteredOn(e -> e.status() == UsageEvent.Status.CUT).hasSize(started.size())
                .allSatisfy(e -> assertThat(e.costNanos()).isPositive().isLessThan(REQUEST_COST));
    }

    @ParameterizedTest
    @EnumSource(LimitsConfig.Backend.class)
    void clientsThatDisconnectMidStreamLeaveNothingReserved(LimitsConfig.Backend b) {
        FakeUpstream up = upstream(Reply.ok(Reply.DEFAULT_TEXT.repeat(4)).usage(10, 100)
                .chunkDelay(Duration.ofMillis(40)));
        TestGateway gw = gateway(up, b);
        int n = 200;
        List<Callable<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(() -> readFirstFrameAndHangUp(gw.gateway().port()));
        }
        List<Boolean> streamed = LimitsHarness.concurrently(calls);
        assertThat(streamed.stream().filter(s -> s).count()).isGreaterThanOrEqualTo(50);
        assertSettled(gw, n);
        assertThat(gw.events()).filteredOn(e -> e.status() == UsageEvent.Status.CANCELLED)
                .hasSize((int) streamed.stream().filter(s -> s).count());
    }

    /** Raw HTTP: sends a streaming request, reads until the first SSE frame, closes. True if it streamed. */
    private static Boolean readFirstFrameAndHangUp(int port) throws Exception {
        String body = LimitsHarness.chat(true, 100);
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n"
                    + "authorization: Bearer " + KEY + "\r\ncontent-length: "
                    + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder seen = new StringBuilder();
            byte[] buf = new byte[4096];
            while (true) {
                int r = in.read(buf);
                if (r < 0) {
                    return false;
                }
                seen.append(new String(buf, 0, r, StandardCharsets.UTF_8));
                if (seen.indexOf("HTTP/1.1 429") >= 0) {
                    return false;
                }
                if (seen.indexOf("data: ") >= 0) {
                    return true;
                }
            }
        }
    }
}
