package dev.freeport.route;

import dev.freeport.config.RoutingConfig.CapConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConcentrationTrackerTest {
    static final long T0 = 1_800_000_000_000L;

    @Test
    void vendorPastItsShareOfSpendIsOver() {
        ConcentrationTracker t = new ConcentrationTracker();
        t.configure(List.of(new CapConfig("openai", 0.5, "spend", Duration.ofHours(1), 2)));
        t.record("openai", 700, 10, T0);
        t.record("deepseek", 300, 10, T0 + 1000);
        assertThat(t.over("openai", T0 + 2000)).isEqualTo("vendor openai at 70% of spend over 1h > cap 50%");
        assertThat(t.over("deepseek", T0 + 2000)).isNull();
    }

    @Test
    void wildcardCapAppliesToEveryVendor() {
        ConcentrationTracker t = new ConcentrationTracker();
        t.configure(List.of(new CapConfig("*", 0.5, "tokens", Duration.ofHours(1), 1)));
        t.record("deepseek", 0, 100, T0);
        assertThat(t.over("deepseek", T0 + 10)).contains("100% of tokens");
    }

    @Test
    void fewerRequestsThanTheMinimumNeverTripTheCap() {
        ConcentrationTracker t = new ConcentrationTracker();
        t.configure(List.of(new CapConfig("openai", 0.5, "spend", Duration.ofHours(1), 3)));
        t.record("openai", 700, 10, T0);
        t.record("openai", 700, 10, T0);
        assertThat(t.over("openai", T0 + 10)).isNull();
    }

    @Test
    void eventsOlderThanTheWindowNoLongerCount() {
        ConcentrationTracker t = new ConcentrationTracker();
        t.configure(List.of(new CapConfig("openai", 0.5, "spend", Duration.ofMinutes(10), 1)));
        t.record("openai", 900, 10, T0);
        t.record("deepseek", 100, 10, T0 + Duration.ofMinutes(9).toMillis());
        assertThat(t.over("openai", T0 + Duration.ofMinutes(9).toMillis() + 1)).isNotNull();
        assertThat(t.over("openai", T0 + Duration.ofMinutes(11).toMillis())).isNull();
    }
}
