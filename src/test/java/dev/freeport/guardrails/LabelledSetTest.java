package dev.freeport.guardrails;

import dev.freeport.guardrails.detect.Kind;
import dev.freeport.guardrails.testset.Evaluation;
import dev.freeport.guardrails.testset.LabelledSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Precision and recall of every detector with all kinds on and default settings, on the development set
 * (labelled.txt plus generated samples, which the detectors were tuned on) and on the held-out set
 * (heldout.txt, scored as written). Prints both tables; asserts the floors below.
 */
class LabelledSetTest {
    /** Development set, per detector: tuned on, so the floors are high; a regression shows here first. */
    private static final double DEV_MIN_PRECISION = 0.95;
    private static final double DEV_MIN_RECALL = 0.95;
    /** Held-out set, over all kinds (a few samples per kind, so per-kind numbers are too coarse to assert). */
    private static final double HELD_OUT_MIN_PRECISION = 0.90;
    private static final double HELD_OUT_MIN_RECALL = 0.85;

    private static Evaluation dev;
    private static Evaluation heldOut;
    private static Evaluation agents;

    @BeforeAll
    static void evaluate() throws Exception {
        TextScanner scanner = TextScanner.all();
        dev = Evaluation.of(LabelledSet.all(), scanner);
        heldOut = Evaluation.of(LabelledSet.heldOut(), scanner);
        System.out.println(dev.table("development set"));
        dev.misses().forEach(System.out::println);
        System.out.println(heldOut.table("held-out set"));
        heldOut.misses().forEach(System.out::println);
        agents = Evaluation.of(LabelledSet.agents(), scanner);
        System.out.println(agents.table("agent-traffic set"));
        agents.misses().forEach(System.out::println);
    }

    @Test
    void everyKindHasPositivesInTheDevelopmentSet() {
        for (Kind k : Kind.values()) {
            Evaluation.Score s = dev.score(k);
            assertThat(s.tp() + s.fn()).as("labelled positives of %s", k).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void theDevelopmentSetHasHardNegatives() {
        assertThat(dev.negatives()).isGreaterThanOrEqualTo(150);
    }

    @Test
    void everyDetectorMeetsThePrecisionFloorOnTheDevelopmentSet() {
        for (Kind k : Kind.values()) {
            assertThat(dev.score(k).precision()).as("precision of %s", k).isGreaterThanOrEqualTo(DEV_MIN_PRECISION);
        }
    }

    @Test
    void everyDetectorMeetsTheRecallFloorOnTheDevelopmentSet() {
        for (Kind k : Kind.values()) {
            assertThat(dev.score(k).recall()).as("recall of %s", k).isGreaterThanOrEqualTo(DEV_MIN_RECALL);
        }
    }

    @Test
    void heldOutPrecisionMeetsItsFloor() {
        assertThat(heldOut.total().precision()).isGreaterThanOrEqualTo(HELD_OUT_MIN_PRECISION);
    }

    @Test
    void agentTrafficMeetsTheHeldOutFloors() {
        assertThat(agents.total().precision()).isGreaterThanOrEqualTo(HELD_OUT_MIN_PRECISION);
        assertThat(agents.total().recall()).isGreaterThanOrEqualTo(HELD_OUT_MIN_RECALL);
    }

    @Test
    void heldOutRecallMeetsItsFloor() {
        assertThat(heldOut.total().recall()).isGreaterThanOrEqualTo(HELD_OUT_MIN_RECALL);
    }
}
