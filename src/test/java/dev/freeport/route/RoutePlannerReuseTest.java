package dev.freeport.route;

import dev.freeport.api.Timeouts;
import dev.freeport.config.ModelConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plan made of an alias's own targets in its own order, every one passed and nothing to say about any, is made
 * once and handed out again (no decision per request); anything that changes it (a vendor switched off, an open
 * circuit, another data class) gets a plan of its own.
 */
class RoutePlannerReuseTest {
    private final AtomicBoolean acmeOff = new AtomicBoolean();
    private final RoutePlanner planner = new RoutePlanner(vendor -> acmeOff.get() && vendor.equals("acme")
            ? new VendorSwitches.Off(vendor, "drill", java.time.Instant.EPOCH) : null, new ConcentrationTracker(), 0);
    private final CircuitBreaker breaker = new CircuitBreaker(1, Duration.ofMinutes(1), CircuitBreaker.Clock.SYSTEM);
    private final Target a = target("acme", breaker);
    private final Target b = target("other", new CircuitBreaker(1, Duration.ofMinutes(1), CircuitBreaker.Clock.SYSTEM));
    private final AliasRoute route = new AliasRoute("m", ModelConfig.Strategy.ORDERED, List.of(a, b), null, false);

    private static Target target(String vendor, CircuitBreaker breaker) {
        return new Target(new DispatcherSenderTest.Named(vendor), "model", 1, null, Timeouts.DEFAULTS, breaker,
                new TargetProfile(vendor, null, null, Trust.PUBLIC_API, null), new TargetStats());
    }

    private static RoutePlanner.Request request(String dataClass) {
        return new RoutePlanner.Request(RoutePlanner.Needs.NONE, dataClass, p -> null, p -> null, null);
    }

    private RoutePlanner.Plan plan(String dataClass) {
        return planner.plan(route, name -> null, request(dataClass), new Random(1), 0);
    }

    @Test
    void theSamePlainPlanIsHandedOutAgain() {
        RoutePlanner.Plan first = plan(null);
        assertThat(first.targets()).containsExactly(a, b);
        assertThat(first.decision().candidates()).extracting(RouteDecision.Candidate::rank).containsExactly(1, 2);
        assertThat(plan(null)).isSameAs(first);
    }

    @Test
    void aVendorSwitchedOffAnOpenCircuitOrAnotherDataClassGetAPlanOfItsOwn() {
        RoutePlanner.Plan first = plan(null);
        acmeOff.set(true);
        assertThat(plan(null).targets()).containsExactly(b);
        acmeOff.set(false);
        RoutePlanner.Plan confidential = plan("confidential");
        assertThat(confidential).isNotSameAs(first);
        assertThat(confidential.decision().dataClass()).isEqualTo("confidential");
        breaker.onFailure();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        RoutePlanner.Plan open = plan(null);
        assertThat(open).isNotSameAs(first);
        assertThat(open.decision().candidates().getFirst().metric()).isEqualTo("circuit open");
    }
}
