package dev.freeport.route;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class CircuitBreakerTest {
    private long now;
    private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(30), () -> now);

    @Test
    void staysClosedBelowTheThreshold() {
        breaker.onFailure();
        breaker.onFailure();
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void successResetsTheConsecutiveCount() {
        breaker.onFailure();
        breaker.onFailure();
        breaker.onSuccess();
        breaker.onFailure();
        breaker.onFailure();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void opensAfterConsecutiveFailuresAndRejects() {
        fail(3);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.tryAcquire()).isFalse();
    }

    @Test
    void letsExactlyOneProbeThroughAfterTheOpenPeriod() {
        fail(3);
        now += Duration.ofSeconds(30).toNanos();
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.tryAcquire()).isFalse();
    }

    @Test
    void successfulProbeClosesTheCircuit() {
        fail(3);
        now += Duration.ofSeconds(31).toNanos();
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.onSuccess();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.tryAcquire()).isTrue();
    }

    @Test
    void failedProbeOpensTheCircuitAgainForAFullPeriod() {
        fail(3);
        now += Duration.ofSeconds(31).toNanos();
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.onFailure();
        assertThat(breaker.tryAcquire()).isFalse();
        now += Duration.ofSeconds(29).toNanos();
        assertThat(breaker.tryAcquire()).isFalse();
        now += Duration.ofSeconds(2).toNanos();
        assertThat(breaker.tryAcquire()).isTrue();
    }

    @Test
    void neutralOutcomeReleasesTheProbeWithoutJudging() {
        fail(3);
        now += Duration.ofSeconds(31).toNanos();
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.onNeutral();
        assertThat(breaker.tryAcquire()).isTrue();
    }

    @Test
    void opensAndClosesAreLoggedWithTheTarget() {
        java.util.List<String> logged = new java.util.ArrayList<>();
        java.util.logging.Handler h = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                logged.add(r.getLevel() + " " + r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(CircuitBreaker.class.getName());
        log.addHandler(h);
        try {
            CircuitBreaker named = new CircuitBreaker(2, Duration.ofSeconds(30), () -> now, "ds/deepseek-chat");
            named.onFailure();
            named.onFailure();
            named.onFailure();
            now += Duration.ofSeconds(31).toNanos();
            assertThat(named.tryAcquire()).isTrue();
            named.onSuccess();
            named.onSuccess();
        } finally {
            log.removeHandler(h);
        }
        assertThat(logged).containsExactly("WARNING circuit of ds/deepseek-chat opened for 30000 ms: 2 failures in a row",
                "INFO circuit of ds/deepseek-chat closed: its probe succeeded");
    }

    private void fail(int n) {
        for (int i = 0; i < n; i++) {
            breaker.tryAcquire();
            breaker.onFailure();
        }
    }
}
