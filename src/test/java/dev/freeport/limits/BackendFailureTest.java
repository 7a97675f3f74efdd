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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static dev.freeport.limits.LimitsHarness.KEY;
import static org.assertj.core.api.Assertions.assertThat;

/** A counter store that is down or silent fails requests closed (503), quickly, instead of admitting them. */
class BackendFailureTest {
    private static final Principal P = LimitsHarness.principal("k1", null, Limits.NONE,
            LimitsHarness.hardUsd("5", Budget.Period.MONTH), Limits.NONE, null);
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private TestGateway gateway(String redisUrl) {
        return gateway(new LimitsConfig(LimitsConfig.Backend.REDIS, redisUrl, 4096));
    }

    private TestGateway gateway(LimitsConfig limits) {
        FakeUpstream up = FakeUpstream.start();
        open.add(up);
        up.setDefault(Reply.ok("hi").usage(10, 100));
        TestGateway gw = LimitsHarness.gateway(up, limits, AlertsConfig.NONE, Clock.systemUTC(), Map.of(KEY, P), new AtomicReference<>());
        open.add(gw);
        return gw;
    }

    @Test
    void aStoppedRedisFailsRequestsClosed() {
        RedisServer redis = RedisServer.start();
        TestGateway gw = gateway(redis.url());
        assertThat(LimitsHarness.post(gw, LimitsHarness.chat(false, 100)).statusCode()).isEqualTo(200);
        redis.close();
        HttpResponse<String> r = LimitsHarness.post(gw, LimitsHarness.chat(false, 100));
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(LimitsHarness.code(r)).isEqualTo("limits_unavailable");
    }

    @Test
    void aSilentRedisFailsRequestsClosedWithinTheDeadline() throws Exception {
        assertThat(failClosedMillis(null)).isBetween(OnCaller.DEADLINE_MS - 100, OnCaller.DEADLINE_MS + 3000);
    }

    @Test
    void aSilentRedisFailsRequestsClosedWithinTheConfiguredDeadline() throws Exception {
        assertThat(failClosedMillis(Duration.ofSeconds(4))).isBetween(4000L - 100, 4000L + 3000);
    }

    /** Milliseconds until a request fails closed against a Redis that accepts but never answers. */
    private long failClosedMillis(Duration deadline) throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new ArrayList<>();
            Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept()); // never answers
                    }
                } catch (java.io.IOException closed) {
                    // test over
                }
            });
            TestGateway gw = gateway(new LimitsConfig(LimitsConfig.Backend.REDIS,
                    "redis://127.0.0.1:" + silent.getLocalPort(), 4096, deadline));
            long start = System.nanoTime();
            HttpResponse<String> r = LimitsHarness.post(gw, LimitsHarness.chat(false, 100));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(LimitsHarness.code(r)).isEqualTo("limits_unavailable");
            for (Socket s : accepted) {
                s.close();
            }
            return millis;
        }
    }
}
