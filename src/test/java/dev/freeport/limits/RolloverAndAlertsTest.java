package dev.freeport.limits;

import dev.freeport.caller.Budget;
import dev.freeport.caller.Limits;
import dev.freeport.caller.Principal;
import dev.freeport.config.AlertsConfig;
import dev.freeport.config.LimitsConfig;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.RedisServer;
import dev.freeport.testing.Reply;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static dev.freeport.limits.LimitsHarness.KEY;
import static org.assertj.core.api.Assertions.assertThat;

/** Budget periods rolling over on an injected clock, and webhook alerts once per threshold per period. */
class RolloverAndAlertsTest {
    private final List<AutoCloseable> open = new ArrayList<>();
    private final AtomicReference<LimitsModule> module = new AtomicReference<>();
    private final LimitsHarness.MutableClock clock = new LimitsHarness.MutableClock(
            Instant.parse("2026-11-26T23:00:00Z"));
    private final List<JsonObject> alerts = new CopyOnWriteArrayList<>();
    private Vertx hookVertx;
    private int hookPort;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        if (hookVertx != null) {
            LimitsHarness.await(hookVertx.close());
        }
    }

    private String startWebhook() {
        hookVertx = Vertx.vertx();
        HttpServer server = hookVertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
            alerts.add(b.toJsonObject());
            req.response().end("ok");
        }));
        hookPort = LimitsHarness.await(server.listen(0, "127.0.0.1")).actualPort();
        return "http://127.0.0.1:" + hookPort + "/hook";
    }

    private TestGateway gateway(FakeUpstream up, LimitsConfig lc, AlertsConfig ac, Principal p) {
        TestGateway gw = LimitsHarness.gateway(up, lc, ac, clock, Map.of(KEY, p), module);
        open.add(gw);
        return gw;
    }

    private FakeUpstream upstream() {
        FakeUpstream up = FakeUpstream.start();
        open.add(up);
        up.setDefault(Reply.ok("hi").usage(10, 100));
        return up;
    }

    @Test
    void aDailyBudgetStartsAfreshAtUtcMidnight() {
        Principal p = LimitsHarness.principal("k1", null, Limits.NONE,
                LimitsHarness.hardUsd("0.20", Budget.Period.DAY), Limits.NONE, null);
        TestGateway gw = gateway(upstream(), LimitsConfig.EMBEDDED, AlertsConfig.NONE, p);
        assertThat(LimitsHarness.post(gw, 2, LimitsHarness.chat(false, 100)))
                .allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        HttpResponse<String> over = LimitsHarness.post(gw, LimitsHarness.chat(false, 100));
        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(LimitsHarness.message(over)).contains("daily budget of key fp-k1",
                "resets at 2026-11-27T00:00:00Z");
        clock.set(Instant.parse("2026-11-27T00:00:00Z"));
        assertThat(LimitsHarness.post(gw, LimitsHarness.chat(false, 100)).statusCode()).isEqualTo(200);
    }

    @Test
    void aSoftBudgetNeverRejectsButAlertsOncePerThresholdPerPeriod() {
        String hook = startWebhook();
        Budget soft = new Budget(LimitsHarness.nanos("1"), Budget.Period.DAY, false, List.of());
        Principal p = LimitsHarness.principal("k1", null, Limits.NONE, soft, Limits.NONE, null);
        TestGateway gw = gateway(upstream(), LimitsConfig.EMBEDDED, new AlertsConfig(hook, List.of(50, 80, 100)), p);
        for (int i = 0; i < 12; i++) { // $1.20 of a $1 budget, one after the other
            assertThat(LimitsHarness.post(gw, LimitsHarness.chat(false, 100)).statusCode()).isEqualTo(200);
            gw.awaitEvents(i + 1);
        }
        LimitsHarness.eventually(() -> alerts.size() >= 3);
        sleep(300); // no duplicates arrive late
        assertThat(alerts).extracting(a -> a.getInteger("percent")).containsExactlyInAnyOrder(50, 80, 100);
        JsonObject at80 = alerts.stream().filter(a -> a.getInteger("percent") == 80).findFirst().orElseThrow();
        assertThat(at80.getString("budget")).isEqualTo("key fp-k1");
        assertThat(at80.getString("period")).isEqualTo("day");
        assertThat(at80.getString("limit_usd")).isEqualTo("1.00");
        assertThat(at80.getString("spent_usd")).isEqualTo("0.80");
        assertThat(at80.getString("text")).contains("key fp-k1", "$0.80", "daily budget of $1.00");
        clock.set(Instant.parse("2026-11-27T00:00:01Z"));
        for (int i = 0; i < 5; i++) {
            LimitsHarness.post(gw, LimitsHarness.chat(false, 100));
        }
        LimitsHarness.eventually(() -> alerts.size() >= 4);
        sleep(300);
        assertThat(alerts).extracting(a -> a.getInteger("percent")).containsExactlyInAnyOrder(50, 80, 100, 50);
    }

    @Test
    void threeReplicasSendEachAlertOnce() {
        String hook = startWebhook();
        RedisServer redis = RedisServer.start();
        open.add(redis);
        LimitsConfig lc = new LimitsConfig(LimitsConfig.Backend.REDIS, redis.url(), 4096);
        AlertsConfig ac = new AlertsConfig(hook, List.of(50, 100));
        Principal p = LimitsHarness.principal("k1", null, Limits.NONE,
                LimitsHarness.hardUsd("1", Budget.Period.MONTH), Limits.NONE, null);
        FakeUpstream up = upstream();
        List<TestGateway> replicas = List.of(gateway(up, lc, ac, p), gateway(up, lc, ac, p), gateway(up, lc, ac, p));
        List<java.util.concurrent.Callable<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            TestGateway gw = replicas.get(i % 3);
            calls.add(() -> LimitsHarness.post(gw, LimitsHarness.chat(false, 100)));
        }
        assertThat(LimitsHarness.concurrently(calls)).filteredOn(r -> r.statusCode() == 200).hasSize(10);
        LimitsHarness.eventually(() -> alerts.size() >= 2);
        sleep(500);
        assertThat(alerts).extracting(a -> a.getInteger("percent")).containsExactlyInAnyOrder(50, 100);
    }

    @Test
    void aWebhookThatFailsDoesNotAffectRequests() {
        Principal p = LimitsHarness.principal("k1", null, Limits.NONE,
                LimitsHarness.hardUsd("0.10", Budget.Period.DAY), Limits.NONE, null);
        TestGateway gw = gateway(upstream(), LimitsConfig.EMBEDDED,
                new AlertsConfig("http://127.0.0.1:1/nothing-listens", List.of(50)), p);
        assertThat(LimitsHarness.post(gw, LimitsHarness.chat(false, 100)).statusCode()).isEqualTo(200);
        assertThat(LimitsHarness.post(gw, LimitsHarness.chat(false, 100)).statusCode()).isEqualTo(429);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
