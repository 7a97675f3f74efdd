package dev.freeport.route.complexity;

import dev.freeport.api.ChatRequest;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TrafficThresholdTest {
    /** A stand-in calibration (not a mock of anything the gateway talks to): always answers 0.9. */
    private static final ComplexityScorer FIXED = new ComplexityScorer() {
        @Override
        public double score(ChatRequest request) {
            return 0;
        }

        @Override
        public double thresholdForShare(double strongShare) {
            return 0.9;
        }

        @Override
        public String name() {
            return "fixed";
        }
    };

    @Test
    void usesTheFallbackUntilEnoughTrafficWasSeen() {
        TrafficThreshold t = new TrafficThreshold(FIXED, 100, 50);
        for (int i = 0; i < 49; i++) {
            t.observe(0.1);
        }
        assertThat(t.thresholdForShare(0.2)).isEqualTo(0.9);
        t.observe(0.1);
        assertThat(t.thresholdForShare(0.2)).isEqualTo(0.1);
    }

    @Test
    void sendsTheTargetShareOfAShiftedStream() {
        TrafficThreshold t = new TrafficThreshold(FIXED, 2000, 200);
        SplittableRandom r = new SplittableRandom(7);
        int strong = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            double s = Math.pow(r.nextDouble(), 3); // skewed towards easy, unlike the calibration set
            if (i >= 2000 && s >= t.thresholdForShare(0.2)) {
                strong++;
            }
            t.observe(s);
        }
        assertThat(strong / (double) (n - 2000)).isCloseTo(0.20, within(0.02));
    }

    @Test
    void forgetsScoresOlderThanTheWindow() {
        TrafficThreshold t = new TrafficThreshold(FIXED, 100, 10);
        for (int i = 0; i < 100; i++) {
            t.observe(0.9);
        }
        for (int i = 0; i < 100; i++) {
            t.observe(0.2);
        }
        assertThat(t.thresholdForShare(0.5)).isEqualTo(0.2);
    }

    @Test
    void rejectsAWindowSmallerThanTheMinimum() {
        assertThatThrownBy(() -> new TrafficThreshold(FIXED, 100, 101)).isInstanceOf(IllegalArgumentException.class);
    }
}
