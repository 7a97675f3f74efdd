package dev.freeport.limits;

import dev.freeport.caller.Budget;
import dev.freeport.caller.Limits;
import dev.freeport.caller.Principal;
import dev.freeport.config.LimitsConfig;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.RedisServer;
import dev.freeport.testing.Reply;
import io.vertx.core.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A budget's starting spend read from a ledger that takes 2.5 s to answer (longer than the counters' 2 s deadline,
 * as a large ledger under load can): the key's first requests wait for that one read and are admitted on it, not
 * turned away with 503 {@code limits_unavailable}; both counter backends.
 */
class SlowBaselineTest {
    private static final long READ_MS = 2500;
    private final FakeUpstream up = FakeUpstream.start();
    private final ScheduledExecutorService ledger = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger reads = new AtomicInteger();
    private RedisServer redis;
    private TestGateway gw;

    @AfterEach
    void close() {
        if (gw != null) {
            gw.close();
        }
        if (redis != null) {
            redis.close();
        }
        ledger.shutdownNow();
        up.close();
    }

    /** The ledger says the key spent $0.05 this period, after READ_MS. */
    private Future<Long> slowRead(String subject, Budget.Period period, java.time.Instant start) {
        reads.incrementAndGet();
        io.vertx.core.Promise<Long> p = io.vertx.core.Promise.promise();
        ledger.schedule(() -> p.complete(LimitsHarness.nanos("0.05")), READ_MS, TimeUnit.MILLISECONDS);
        return p.future();
    }

    private void start(LimitsConfig.Backend backend) {
        up.setDefault(Reply.ok("hi").usage(5, 100));
        if (backend == LimitsConfig.Backend.REDIS) {
            redis = RedisServer.start();
        }
        Principal p = LimitsHarness.principal("k1", null, Limits.NONE,
                LimitsHarness.hardUsd("0.2", Budget.Period.DAY), Limits.NONE, null);
        gw = LimitsHarness.gateway(up, new LimitsConfig(backend, redis == null ? null : redis.url(), 4096), null,
                Clock.systemUTC(), Map.of(LimitsHarness.KEY, p), new AtomicReference<>(), this::slowRead);
    }

    @ParameterizedTest
    @EnumSource(LimitsConfig.Backend.class)
    void aKeysFirstRequestsWaitForOneSlowLedgerReadAndAreAdmittedOnIt(LimitsConfig.Backend backend) {
        start(backend);
        List<HttpResponse<String>> first = LimitsHarness.post(gw, 3, LimitsHarness.chat(false, 100));
        // $0.05 spent + $0.10 each: one fits the $0.20, the others are over budget (none unavailable)
        assertThat(first).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(200, 429, 429);
        assertThat(first).filteredOn(r -> r.statusCode() == 429).extracting(LimitsHarness::code)
                .containsOnly("budget_exceeded");
        assertThat(reads).hasValue(1);
        assertThat(up.requests()).hasSize(1);
    }
}
