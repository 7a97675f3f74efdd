package dev.freeport.route.complexity;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The bundled labelled set has the promised shape (docs/COMPLEXITY.md). */
class LabelledPromptTest {
    private final List<LabelledPrompt> all = LabelledPrompt.bundled();

    @Test
    void hasAtLeast400DistinctPrompts() {
        assertThat(all).hasSizeGreaterThanOrEqualTo(400);
        assertThat(new HashSet<>(all.stream().map(LabelledPrompt::text).toList())).hasSameSizeAs(all);
    }

    @Test
    void thirtyToFortyPercentAreHard() {
        double hard = all.stream().filter(LabelledPrompt::hard).count() / (double) all.size();
        assertThat(hard).isBetween(0.30, 0.40);
    }

    @Test
    void aboutATenthToAThirdIsHeldOutPerLabel() {
        for (boolean label : new boolean[] {true, false}) {
            List<LabelledPrompt> group = all.stream().filter(p -> p.hard() == label).toList();
            double test = group.stream().filter(LabelledPrompt::test).count() / (double) group.size();
            assertThat(test).isBetween(0.25, 0.30);
        }
    }

    /** Length alone must not give the label away: short hard and long easy prompts exist in numbers. */
    @Test
    void lengthAloneIsAWeakPredictor() {
        long shortHard = all.stream().filter(p -> p.hard() && p.text().length() < 120).count();
        long longEasy = all.stream().filter(p -> !p.hard() && p.text().length() > 300).count();
        assertThat(shortHard).isGreaterThanOrEqualTo(30);
        assertThat(longEasy).isGreaterThanOrEqualTo(30);
        double[] len = all.stream().mapToDouble(p -> p.text().length()).toArray();
        boolean[] hard = ComplexityTrainer.labels(all);
        assertThat(ComplexityEval.auc(len, hard)).isLessThan(0.90);
    }
}
