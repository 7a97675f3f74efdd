package dev.freeport.observe;

import java.time.Duration;

/**
 * Histogram buckets of the OpenTelemetry GenAI metrics, as the semantic conventions advise them (explicit bucket
 * boundaries of {@code gen_ai.client.operation.duration}, {@code gen_ai.server.time_to_first_token} and
 * {@code gen_ai.client.token.usage}), so dashboards built for those conventions read Freeport's histograms.
 */
final class Buckets {
    private Buckets() {
    }

    /** Seconds: 0.01 .. 81.92, doubling. */
    static final Duration[] OPERATION = durations(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24,
            20.48, 40.96, 81.92);

    /** Seconds: 1 ms .. 10 s. */
    static final Duration[] FIRST_TOKEN = durations(0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75,
            1.0, 2.5, 5.0, 7.5, 10.0);

    /** Tokens: 1 .. 67,108,864, by fours. */
    static final double[] TOKENS = {1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216,
            67108864};

    private static Duration[] durations(double... seconds) {
        Duration[] out = new Duration[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            out[i] = Duration.ofNanos(Math.round(seconds[i] * 1e9));
        }
        return out;
    }
}
