package dev.freeport.observe;

import dev.freeport.caller.Budget;
import dev.freeport.caller.Limits;
import dev.freeport.caller.Principal;
import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;
import dev.freeport.limits.LimitsModule;
import dev.freeport.module.Module;
import dev.freeport.testing.FakeUpstream;
import io.vertx.core.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static dev.freeport.observe.ObservedGateway.sample;
import static org.assertj.core.api.Assertions.assertThat;

/** Budget and rate-limit use per key and team on /metrics, bounded by metrics.max_keys. */
class LimitMetricsTest {
    FakeUpstream up = FakeUpstream.start();
    ObservedGateway gw;

    @AfterEach
    void stop() {
        if (gw != null) {
            gw.close();
        }
        up.close();
    }

    static Principal key(String id) {
        return new Principal(id, "fp-" + id, "search", List.of(), Set.of(), new Limits(100, 100_000L, null),
                new Budget(5_000_000_000L, Budget.Period.MONTH, true, List.of()), Limits.NONE, null);
    }

    ObservedGateway start(String metrics) {
        AtomicReference<LimitsModule> limits = new AtomicReference<>();
        String yaml = """
                providers:
                  up: { type: openai, base_url: %s, api_key: k }
                models:
                  - name: m
                    targets: [ { provider: up, model: gpt-x } ]
                prices:
                  up/gpt-x: { input: 1, output: 2 }
                """.formatted(up.baseUrl()) + metrics;
        return ObservedGateway.start(yaml, (vx, cfg) -> {
            limits.set(LimitsModule.create(vx, cfg));
            return List.<Module>of(limits.get(), Module.authenticating(c -> presented -> presented != null
                    && presented.startsWith("key-") ? Future.succeededFuture(key(presented.substring(4)))
                    : Future.failedFuture(new GatewayError(ErrorKind.AUTHENTICATION, 401, "unknown key", null,
                    "invalid_api_key", null).toException())));
        }, () -> limits.get().use());
    }

    @Test
    void aKeysBudgetAndRateUseAreReported() {
        gw = start("");
        assertThat(gw.chat("m", false, "authorization", "Bearer key-k1").statusCode()).isEqualTo(200);
        String m = gw.metrics();
        assertThat(sample(m, "freeport_budget_limit_usd", Map.of("subject", "key:k1", "period", "month")))
                .isEqualTo(5.0);
        assertThat(sample(m, "freeport_budget_spent_usd", Map.of("subject", "key:k1"))).isGreaterThan(0);
        assertThat(sample(m, "freeport_ratelimit_requests_used", Map.of("subject", "key:k1"))).isEqualTo(1.0);
        assertThat(sample(m, "freeport_ratelimit_requests_limit", Map.of("subject", "key:k1"))).isEqualTo(100.0);
        assertThat(sample(m, "freeport_caller_requests_total", Map.of("key", "fp-k1", "team", "search",
                "status", "ok"))).isEqualTo(1.0);
    }

    @Test
    void keysPastMaxKeysAreSummedAsOther() {
        gw = start("metrics: { max_keys: 1 }\n");
        for (String k : List.of("k1", "k2", "k3")) {
            assertThat(gw.chat("m", false, "authorization", "Bearer key-" + k).statusCode()).isEqualTo(200);
            gw.metrics(); // subjects are listed in the order scrapes first see them
        }
        String m = gw.metrics();
        assertThat(m).doesNotContain("k2").doesNotContain("k3");
        assertThat(sample(m, "freeport_ratelimit_requests_used", Map.of("subject", "key:k1"))).isEqualTo(1.0);
        assertThat(sample(m, "freeport_ratelimit_requests_used", Map.of("subject", "other"))).isEqualTo(2.0);
        assertThat(sample(m, "freeport_caller_requests_total", Map.of("key", "other", "status", "ok")))
                .isEqualTo(2.0);
    }
}
