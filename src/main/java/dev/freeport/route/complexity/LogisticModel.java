package dev.freeport.route.complexity;

import java.util.Arrays;

/**
 * L2-regularised logistic regression over standardised inputs, trained by plain full-batch gradient descent from
 * zero weights: no randomness, no data-order effects, so the same inputs always give the same weights. Small on
 * purpose (about 400 inputs, a few hundred examples): a bigger learner would only memorise the labelled set.
 *
 * @param mean    per-input mean of the training inputs
 * @param std     per-input standard deviation (floored, never zero)
 * @param weights one weight per standardised input
 * @param bias    the intercept
 */
public record LogisticModel(double[] mean, double[] std, double[] weights, double bias) {
    /** Gradient-descent steps and step size: enough to converge on standardised inputs (loss change < 1e-6). */
    static final int STEPS = 600;
    static final double RATE = 0.5;

    /** The probability that {@code x} is hard. */
    public double predict(double[] x) {
        double z = bias;
        for (int i = 0; i < weights.length; i++) {
            z += weights[i] * (x[i] - mean[i]) / std[i];
        }
        return 1.0 / (1.0 + Math.exp(-z));
    }

    /** Trains on {@code x} (rows of inputs) with labels {@code y}, L2 strength {@code lambda}. */
    public static LogisticModel train(double[][] x, boolean[] y, double lambda) {
        int n = x.length;
        int d = x[0].length;
        double[] mean = new double[d];
        double[] std = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / n;
            }
        }
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                std[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
            }
        }
        for (int j = 0; j < d; j++) {
            std[j] = Math.max(1e-6, Math.sqrt(std[j]));
        }
        double[][] z = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                z[i][j] = (x[i][j] - mean[j]) / std[j];
            }
        }
        double[] w = new double[d];
        double b = 0;
        double[] grad = new double[d];
        for (int step = 0; step < STEPS; step++) {
            Arrays.fill(grad, 0);
            double gb = 0;
            for (int i = 0; i < n; i++) {
                double s = b;
                double[] row = z[i];
                for (int j = 0; j < d; j++) {
                    s += w[j] * row[j];
                }
                double err = 1.0 / (1.0 + Math.exp(-s)) - (y[i] ? 1 : 0);
                gb += err;
                for (int j = 0; j < d; j++) {
                    grad[j] += err * row[j];
                }
            }
            for (int j = 0; j < d; j++) {
                w[j] -= RATE * (grad[j] / n + lambda * w[j]);
            }
            b -= RATE * gb / n;
        }
        return new LogisticModel(mean, std, w, b);
    }
}
