package dev.freeport.observe;

import dev.freeport.config.ConfigLoader;
import dev.freeport.config.FreeportConfig;
import dev.freeport.ledger.Ledger;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.module.RequestWatch;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the module costs the request path: with tracing off, no object per request; with everything off, nothing. */
class ObserveModuleTest {
    final Vertx vertx = Vertx.vertx();

    /** A ledger that holds nothing (the module only reads its lag). */
    static final Ledger EMPTY = new Ledger() {
        @Override
        public void record(UsageEvent event) {
        }

        @Override
        public List<UsageEvent> since(Instant since) {
            return List.of();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @AfterEach
    void close() {
        vertx.close();
    }

    static FreeportConfig config(String yaml) {
        return ConfigLoader.parse(yaml, "test.yaml", Map.of());
    }

    @Test
    void withTracingOffEveryRequestSharesOneWatchAndNoHeaderGoesUpstream() {
        try (ObserveModule m = ObserveModule.open(vertx, config("metrics: { enabled: true }\n"), EMPTY, null)) {
            RequestWatch first = m.watcher().start("chat", h -> "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
            RequestWatch second = m.watcher().start("chat", h -> null);
            assertThat(second).isSameAs(first);
            assertThat(first.attempt(null).headers()).isEmpty();
            assertThat(first.wantsAnswerText()).isFalse();
        }
    }

    @Test
    void withMetricsAndTracingOffTheModuleWatchesNothingAndServesNoPage() {
        try (ObserveModule m = ObserveModule.open(vertx, config("metrics: { enabled: false }\n"), EMPTY, null)) {
            assertThat(m.watcher()).isNull();
            assertThat(m.pages()).isEmpty();
        }
    }

    @Test
    void withTracingOnEachRequestGetsItsOwnWatch() {
        try (ObserveModule m = ObserveModule.open(vertx,
                config("tracing: { endpoint: \"http://127.0.0.1:9/v1/traces\" }\n"), EMPTY, null)) {
            assertThat(m.watcher().start("chat", h -> null)).isNotSameAs(m.watcher().start("chat", h -> null));
        }
    }

    @Test
    void labelValuesPastTheCapCountAsOther() {
        LabelCap cap = new LabelCap(2);
        assertThat(cap.of("a")).isEqualTo("a");
        assertThat(cap.of("b")).isEqualTo("b");
        assertThat(cap.of("c")).isEqualTo("other");
        assertThat(cap.of("a")).isEqualTo("a");
        assertThat(cap.of(null)).isEqualTo("none");
    }
}
