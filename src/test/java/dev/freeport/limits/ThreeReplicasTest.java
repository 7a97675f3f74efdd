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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import static dev.freeport.limits.LimitsHarness.KEY;
import static dev.freeport.limits.LimitsHarness.REQUEST_COST;
import static org.assertj.core.api.Assertions.assertThat;

/** Three gateways (each its own Vert.x, ledger and Redis client) sharing one Redis. */
class ThreeReplicasTest {
    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<TestGateway> replicas = new ArrayList<>();
    private final AtomicReference<LimitsModule> module = new AtomicReference<>();
    private FakeUpstream up;
    private LimitsConfig redis;

    @BeforeEach
    void start() {
        RedisServer server = RedisServer.start();
        open.add(server);
        redis = new LimitsConfig(LimitsConfig.Backend.REDIS, server.url(), 4096, LimitsHarness.LOADED_DEADLINE);
        up = FakeUpstream.start(FakeUpstream.Options.defaults().withRecordRequests(false).withInstances(2));
        open.add(up);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (TestGateway g : replicas) {
            g.close();
        }
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private void replicas(Principal p) {
        for (int i = 0; i < 3; i++) {
            replicas.add(LimitsHarness.gateway(up, redis, AlertsConfig.NONE, Clock.systemUTC(), Map.of(KEY, p),
                    module));
        }
    }

    /** n requests spread round-robin over the replicas, all at once. */
    private List<HttpResponse<String>> spread(int n, String body) {
        List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TestGateway gw = replicas.get(i % replicas.size());
            calls.add(() -> LimitsHarness.post(gw, body));
        }
        return LimitsHarness.concurrently(calls);
    }

    private List<UsageEvent> allEvents(int n) {
        List<UsageEvent> all = new ArrayList<>();
        LimitsHarness.eventually(() -> {
            all.clear();
            replicas.forEach(g -> all.addAll(g.events()));
            return all.size() >= n;
        });
        return all;
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void budgetHoldsAcrossThreeReplicas(boolean stream) {
        Budget five = LimitsHarness.hardUsd("5", Budget.Period.MONTH);
        replicas(LimitsHarness.principal("k1", null, Limits.NONE, five, Limits.NONE, null));
        up.setDefault(Reply.ok("fine").usage(10, 100).delay(Duration.ofMillis(30)));
        List<HttpResponse<String>> rs = spread(500, LimitsHarness.chat(stream, 100));
        assertThat(rs).filteredOn(r -> r.statusCode() == 200).hasSize(50);
        assertThat(rs).filteredOn(r -> r.statusCode() != 200)
                .allSatisfy(r -> assertThat(LimitsHarness.code(r)).isEqualTo("budget_exceeded"));
        List<UsageEvent> events = allEvents(500);
        assertThat(events).hasSize(500);
        BudgetLine line = BudgetLine.of("key:k1", "key fp-k1", five, Instant.now());
        LimitsHarness.eventually(() -> LimitsHarness.await(module.get().counters().budgetState(line))
                .reservedNanos() == 0);
        Counters.BudgetState s = LimitsHarness.await(module.get().counters().budgetState(line));
        assertThat(s).isEqualTo(new Counters.BudgetState(50 * REQUEST_COST, 0));
        assertThat(LimitsHarness.ledgerCost(events)).isEqualTo(50 * REQUEST_COST);
    }

    @Test
    void hundredRpmAcrossThreeReplicasLetsAboutHundredThrough() {
        replicas(LimitsHarness.principal("k2", null, new Limits(100, null, null), null, Limits.NONE, null));
        up.setDefault(Reply.ok("fine").usage(10, 5));
        List<HttpResponse<String>> rs = spread(300, LimitsHarness.chat(false, 10));
        long ok = rs.stream().filter(r -> r.statusCode() == 200).count();
        assertThat(ok).isBetween(100L, 103L);
        assertThat(rs).filteredOn(r -> r.statusCode() != 200).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(LimitsHarness.code(r)).isEqualTo("rate_limit_exceeded");
            assertThat(r.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
            assertThat(r.headers().firstValue("retry-after")).isPresent();
        });
    }

    @Test
    void parallelSlotsAreSharedAndFreedAcrossReplicas() {
        Principal p = LimitsHarness.principal("k3", null, new Limits(null, null, 4), null, Limits.NONE, null);
        replicas(p);
        up.setDefault(Reply.ok("slow").usage(10, 5).delay(Duration.ofSeconds(2)));
        List<HttpResponse<String>> rs = spread(30, LimitsHarness.chat(false, 10));
        assertThat(rs).filteredOn(r -> r.statusCode() == 200).hasSize(4);
        assertThat(rs).filteredOn(r -> r.statusCode() == 429)
                .allSatisfy(r -> assertThat(LimitsHarness.message(r)).contains("4 requests in parallel"));
        RateLine line = new RateLine("key:k3", "key fp-k3", p.keyLimits());
        LimitsHarness.eventually(() -> LimitsHarness.await(module.get().counters()
                .inFlight(line, System.currentTimeMillis())) == 0);
        assertThat(LimitsHarness.await(module.get().counters().inFlight(line, System.currentTimeMillis())))
                .isZero();
    }
}
