package dev.freeport.access;

import dev.freeport.caller.Budget;
import dev.freeport.error.GatewayException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpecsTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void parsesBudgetsInUsdPerPeriodToNanos() {
        assertThat(Specs.budget("budget", "50usd/month", true, List.of()))
                .isEqualTo(new Budget(50_000_000_000L, Budget.Period.MONTH, true, List.of()));
        assertThat(Specs.budget("budget", "$12.5/day", false, List.of(80, 50)))
                .isEqualTo(new Budget(12_500_000_000L, Budget.Period.DAY, false, List.of(50, 80)));
        assertThat(Specs.budget("budget", "200USD/total", true, List.of()).period()).isEqualTo(Budget.Period.TOTAL);
    }

    @Test
    void rejectsBudgetWithoutPeriodNamingTheField() {
        assertThatThrownBy(() -> Specs.budget("budget", "50usd", true, List.of()))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.error().param()).isEqualTo("budget"));
    }

    @Test
    void rejectsZeroBudget() {
        assertThatThrownBy(() -> Specs.budget("budget", "0usd/day", true, List.of()))
                .isInstanceOf(GatewayException.class).hasMessageContaining("more than 0");
    }

    @Test
    void parsesRelativeAndAbsoluteExpiry() {
        assertThat(Specs.expiry("expires", "30d", NOW)).isEqualTo(Instant.parse("2026-01-31T00:00:00Z"));
        assertThat(Specs.expiry("expires", "12h", NOW)).isEqualTo(Instant.parse("2026-01-01T12:00:00Z"));
        assertThat(Specs.expiry("expires", "2026-03-01T00:00:00Z", NOW)).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
    }

    @Test
    void expirySpeaksTheConfigsDurationSyntax() {
        assertThat(Specs.expiry("expires", "1.5d", NOW)).isEqualTo(Instant.parse("2026-01-02T12:00:00Z"));
        assertThatThrownBy(() -> Specs.expiry("expires", "90", NOW)).isInstanceOfSatisfying(GatewayException.class,
                e -> assertThat(e.error().message()).contains("needs a unit"));
    }

    @Test
    void rejectsGarbageExpiryNamingTheField() {
        assertThatThrownBy(() -> Specs.expiry("expires", "soon", NOW))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.error().param()).isEqualTo("expires"));
    }

    @Test
    void secretsAreLongRandomAndPrefixed() {
        String a = Secrets.newSecret();
        String b = Secrets.newSecret();
        assertThat(a).matches("fp-[0-9A-Za-z]{43}").isNotEqualTo(b);
        assertThat(Secrets.prefix(a)).hasSize(11).isEqualTo(a.substring(0, 11));
        assertThat(Secrets.hash(a)).hasSize(64).doesNotContain(a.substring(3));
    }
}
