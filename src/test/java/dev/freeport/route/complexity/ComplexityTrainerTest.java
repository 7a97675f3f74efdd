package dev.freeport.route.complexity;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The committed weights are what training on the committed set gives (re-run the trainer after editing it). */
class ComplexityTrainerTest {

    @Test
    void committedWeightsMatchTheCommittedSet() {
        assertThat(ScorerWeights.bundled().datasetSha()).isEqualTo(ComplexityTrainer.datasetSha());
    }

    @Test
    void retrainingReproducesTheCommittedWeights() {
        List<LabelledPrompt> train = LabelledPrompt.split(LabelledPrompt.bundled(), false);
        double[][] x = ComplexityTrainer.inputs(new Embedder(), train);
        ScorerWeights fresh = ComplexityTrainer.train(x, ComplexityTrainer.labels(train), ComplexityTrainer.LAMBDA,
                ComplexityTrainer.datasetSha());
        ScorerWeights committed = ScorerWeights.bundled();
        assertThat(fresh.lambda()).isEqualTo(committed.lambda());
        assertThat(fresh.model().bias()).isCloseTo(committed.model().bias(), within(1e-4));
        double[] a = fresh.model().weights();
        double[] b = committed.model().weights();
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).as("weight %d", i).isCloseTo(b[i], within(1e-4));
        }
        assertThat(fresh.calibration()).hasSameSizeAs(committed.calibration());
        for (int i = 0; i < fresh.calibration().length; i++) {
            assertThat(fresh.calibration()[i]).isCloseTo(committed.calibration()[i], within(1e-4));
        }
    }

    @Test
    void trainingIsDeterministicAndLearnsASeparableRule() {
        double[][] x = new double[40][];
        boolean[] y = new boolean[40];
        for (int i = 0; i < 40; i++) {
            x[i] = new double[] {i % 7, i % 2 == 0 ? 1.0 + i * 0.01 : -1.0 - i * 0.01};
            y[i] = i % 2 == 0;
        }
        LogisticModel m1 = LogisticModel.train(x, y, 0.01);
        LogisticModel m2 = LogisticModel.train(x, y, 0.01);
        assertThat(m1.weights()).containsExactly(m2.weights());
        assertThat(m1.predict(new double[] {3, 1.5})).isGreaterThan(0.9);
        assertThat(m1.predict(new double[] {3, -1.5})).isLessThan(0.1);
    }
}
