package dev.freeport.observe;

import dev.freeport.api.Usage;
import dev.freeport.caller.Principal;
import dev.freeport.config.ObserveConfig;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.module.RequestWatch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the metrics add to one request: the end-of-request update of an answered streamed request (counters,
 * duration, time-to-first-token and token histograms, per-key meters) on cached meters. Run with
 * {@code bench/metrics.sh} (add {@code -prof gc} for the bytes allocated per request).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MetricsBench {
    private RequestWatch watch;
    private UsageEvent event;

    @Setup
    public void setUp() {
        watch = new GatewayMetrics(ObserveConfig.Metrics.DEFAULT, ObserveModuleTest.EMPTY, null).watch();
        event = UsageEvent.builder("req_1", Instant.now()).caller("fp-abc").endpoint("chat").alias("m")
                .target("pa", "gpt-a").usage(new Usage(1200, 300, 0, 0, 0, false)).costNanos(123_456)
                .latency(820, 140L).stream(true).build();
    }

    @Benchmark
    public void answeredRequest() {
        watch.ended(event, Principal.ANONYMOUS, "openai", List.of());
    }
}
