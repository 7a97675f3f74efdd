package dev.freeport.limits;

import dev.freeport.caller.Budget;
import dev.freeport.caller.Limits;
import dev.freeport.caller.MasterKeyAuthenticator;
import dev.freeport.caller.Principal;
import dev.freeport.config.AlertsConfig;
import dev.freeport.config.FreeportConfig;
import dev.freeport.config.LimitsConfig;
import dev.freeport.config.PriceConfig;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.module.Module;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeUpstream;
import io.vertx.core.Future;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Gateways with the limits module in front of a fake upstream. Prices: input free, output $1000 per million
 * tokens, so one output token costs $0.001 and a request with max_tokens 100 reserves exactly $0.10
 * (10^8 nano-USD) whatever its prompt; the fake upstream reports 100 output tokens, so it also costs $0.10.
 */
final class LimitsHarness {
    static final PriceConfig PRICE = new PriceConfig(BigDecimal.ZERO, new BigDecimal("1000"), null, null, null);
    static final long REQUEST_COST = 100_000_000L;
    static final String KEY = "sk-test-key-1";
    /**
     * The counters' deadline ({@code limits.deadline}) of tests that fire hundreds of requests at Redis at once: on a
     * loaded machine the last of them may wait longer than the 2 s default for their answer, and a 503 there says
     * nothing about the counts under test (BackendFailureTest checks the default deadline itself).
     */
    static final Duration LOADED_DEADLINE = Duration.ofSeconds(30);

    /** Generous timeouts and no retries or open circuits: a loaded test machine must not change the counts. */
    static final dev.freeport.api.Timeouts PATIENT = new dev.freeport.api.Timeouts(Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(60));
    static final dev.freeport.config.RouterConfig ROUTER = new dev.freeport.config.RouterConfig(1,
            Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(1), 1_000_000, Duration.ofSeconds(1),
            PATIENT);

    private LimitsHarness() {
    }

    static Principal principal(String id, String team, Limits keyLimits, Budget keyBudget, Limits teamLimits,
                               Budget teamBudget) {
        return new Principal(id, "fp-" + id, team, List.of(), Set.of(), keyLimits, keyBudget, teamLimits,
                teamBudget);
    }

    static Budget hardUsd(String usd, Budget.Period period) {
        return new Budget(nanos(usd), period, true, List.of());
    }

    static long nanos(String usd) {
        return new BigDecimal(usd).movePointRight(9).longValueExact();
    }

    static FreeportConfig limitsConfig(LimitsConfig lc, AlertsConfig ac) {
        return new FreeportConfig(null, Map.of(), List.of(), null, null, Map.of(), null, lc, ac);
    }

    /** A gateway whose keys map to principals, with the limits module on its Vert.x (kept in {@code module}). */
    static TestGateway gateway(FakeUpstream up, LimitsConfig lc, AlertsConfig ac, Clock clock,
                               Map<String, Principal> keys, AtomicReference<LimitsModule> module) {
        return gateway(up, lc, ac, clock, keys, module, SpendBaseline.ZERO);
    }

    /** As above, the budget periods' counters starting from {@code baseline}. */
    static TestGateway gateway(FakeUpstream up, LimitsConfig lc, AlertsConfig ac, Clock clock,
                               Map<String, Principal> keys, AtomicReference<LimitsModule> module,
                               SpendBaseline baseline) {
        return TestGateway.builder().openai("fake", up.baseUrl(), PATIENT).router(ROUTER).pricedAlias("m", PRICE, "fake/gpt-test")
                .masterKey("master-key")
                .limits(lc).alerts(ac)
                .modules(vertx -> {
                    LimitsModule m = LimitsModule.create(vertx, limitsConfig(lc, ac), clock, baseline);
                    module.set(m);
                    return List.of(Module.authenticating(cfg -> presented -> {
                        Principal p = keys.get(presented);
                        return p != null ? Future.succeededFuture(p)
                                : Future.failedFuture(MasterKeyAuthenticator.wrongKey().toException());
                    }), m);
                }).start();
    }

    static String chat(boolean stream, int maxTokens) {
        return "{\"model\":\"m\",\"max_tokens\":" + maxTokens + ",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}";
    }

    /** Runs the calls concurrently on virtual threads and returns their results in order. */
    static <T> List<T> concurrently(List<Callable<T>> calls) {
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<T>> fs = new ArrayList<>();
            for (Callable<T> c : calls) {
                fs.add(ex.submit(c));
            }
            List<T> out = new ArrayList<>();
            for (java.util.concurrent.Future<T> f : fs) {
                out.add(f.get(120, TimeUnit.SECONDS));
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** HTTP/1.1, one connection per request in flight (the JDK's HTTP/2 caps streams per connection). */
    static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    static HttpResponse<String> post(TestGateway gw, String body) {
        try {
            return HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gw.base()
                            + "/v1/chat/completions")).timeout(Duration.ofSeconds(60))
                    .header("content-type", "application/json").header("authorization", "Bearer " + KEY)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static List<HttpResponse<String>> post(TestGateway gw, int n, String body) {
        List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(() -> post(gw, body));
        }
        return concurrently(calls);
    }

    static long ledgerCost(List<UsageEvent> events) {
        return events.stream().mapToLong(UsageEvent::costNanos).sum();
    }

    static String code(HttpResponse<String> r) {
        return TestGateway.json(r.body()).path("error").path("code").asText();
    }

    static String message(HttpResponse<String> r) {
        return TestGateway.json(r.body()).path("error").path("message").asText();
    }

    /** Polls until the condition holds or 10 s pass. */
    static void eventually(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static <T> T await(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {
        private final AtomicReference<Instant> now;

        MutableClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void set(Instant t) {
            now.set(t);
        }

        void advance(Duration d) {
            now.updateAndGet(t -> t.plus(d));
        }

        @Override
        public ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
