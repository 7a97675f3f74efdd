package dev.freeport.limits;

import dev.freeport.caller.Budget;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A period's name, read per request (counter keys, the limits' metrics): a constant, never a string made per call. */
class PeriodsNameTest {
    @Test
    void eachPeriodsNameIsOneConstantInLowerCase() {
        for (Budget.Period p : Budget.Period.values()) {
            assertThat(Periods.name(p)).isEqualTo(p.name().toLowerCase(java.util.Locale.ROOT))
                    .isSameAs(Periods.name(p));
        }
    }
}
