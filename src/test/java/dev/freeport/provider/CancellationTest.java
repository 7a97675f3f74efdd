package dev.freeport.provider;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A cancellation runs what was registered, in order, once; what is registered after it runs at once. */
class CancellationTest {

    @Test
    void everyActionRunsOnceInTheOrderItWasRegistered() {
        Cancellation c = new Cancellation();
        List<String> ran = new ArrayList<>();
        for (String name : List.of("provider", "relay", "third", "fourth")) {
            c.onCancel(() -> ran.add(name));
        }
        c.cancel();
        c.cancel();
        assertThat(ran).containsExactly("provider", "relay", "third", "fourth");
    }

    @Test
    void anActionRegisteredAfterTheCancellationRunsAtOnce() {
        Cancellation c = new Cancellation();
        List<String> ran = new ArrayList<>();
        c.cancel();
        c.onCancel(() -> ran.add("late"));
        assertThat(ran).containsExactly("late");
        assertThat(c.isCancelled()).isTrue();
    }
}
