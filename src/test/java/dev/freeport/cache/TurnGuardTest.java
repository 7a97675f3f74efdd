package dev.freeport.cache;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TurnGuardTest {

    @Test
    void turnsWithOtherNumbersAreNotCompatible() {
        assertThat(TurnGuard.compatible("What is 15 percent of 80?", "What is 20 percent of 80?")).isFalse();
        assertThat(TurnGuard.compatible("Round 2.5", "Round 2.50")).isFalse();
    }

    @Test
    void theSameWordsInAnotherOrderAreNotCompatible() {
        assertThat(TurnGuard.compatible("Convert 5 kilometers to miles.", "Convert 5 miles to kilometers."))
                .isFalse();
    }

    @Test
    void rewordingsWithTheSameNumbersAreCompatible() {
        assertThat(TurnGuard.compatible("What is the square root of 144?", "What's the square root of 144?"))
                .isTrue();
        assertThat(TurnGuard.compatible("Why is the sky blue?", "why is the sky blue")).isTrue();
    }
}
