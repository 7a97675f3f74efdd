package dev.freeport.limits;

import dev.freeport.caller.Budget;
import dev.freeport.caller.Limits;
import dev.freeport.caller.Principal;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PrincipalLinesTest {
    private static final long THURSDAY_NOON = Instant.parse("2026-11-26T12:00:00Z").toEpochMilli();
    private static final long FRIDAY = Instant.parse("2026-11-27T00:00:00Z").toEpochMilli();

    private static Principal key(Budget keyBudget, Limits limits) {
        return new Principal("k1", "fp-k1", "search", List.of(), Set.of(), limits, keyBudget, Limits.NONE,
                LimitsHarness.hardUsd("50", Budget.Period.MONTH));
    }

    @Test
    void aKeysLinesAreMadeOnceNotPerRequest() {
        PrincipalLines lines = new PrincipalLines();
        Principal p = key(LimitsHarness.hardUsd("1", Budget.Period.DAY), new Limits(100, 1000L, null));
        assertThat(lines.rates(p)).isSameAs(lines.rates(p));
        assertThat(lines.budgets(p, THURSDAY_NOON)).isSameAs(lines.budgets(p, THURSDAY_NOON + 1000));
        assertThat(lines.budgets(p, THURSDAY_NOON).get(0).counterKey())
                .isSameAs(lines.budgets(p, THURSDAY_NOON + 1).get(0).counterKey());
    }

    @Test
    void aNewDayGetsTheNewPeriodsLines() {
        PrincipalLines lines = new PrincipalLines();
        Principal p = key(LimitsHarness.hardUsd("1", Budget.Period.DAY), Limits.NONE);
        BudgetLine thursday = lines.budgets(p, FRIDAY - 1).get(0);
        BudgetLine friday = lines.budgets(p, FRIDAY).get(0);
        assertThat(thursday.periodEnd()).isEqualTo(Instant.ofEpochMilli(FRIDAY));
        assertThat(friday.periodStart()).isEqualTo(Instant.ofEpochMilli(FRIDAY));
        assertThat(friday.counterKey()).isNotEqualTo(thursday.counterKey());
        assertThat(lines.budgets(p, FRIDAY - 1).get(0)).isEqualTo(thursday); // a clock that steps back: its own day
    }

    @Test
    void aKeyWhoseSettingsChangedGetsNewLinesAtOnce() {
        PrincipalLines lines = new PrincipalLines();
        Principal before = key(LimitsHarness.hardUsd("1", Budget.Period.DAY), new Limits(100, null, null));
        Principal after = key(LimitsHarness.hardUsd("2", Budget.Period.DAY), new Limits(5, null, null));
        lines.rates(before);
        lines.budgets(before, THURSDAY_NOON);
        assertThat(lines.rates(after).get(0).rpmText()).hasToString("5");
        assertThat(lines.budgets(after, THURSDAY_NOON).get(0).budget()).isEqualTo(after.keyBudget());
        assertThat(lines.budgets(after, THURSDAY_NOON)).hasSize(2); // the key's and the team's
    }
}
