package dev.freeport.route.complexity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The held-out evaluation of a scorer on the test split: accuracy at the 0.5 decision, AUC, and for each target
 * share of strong traffic the calibrated threshold, the share of held-out prompts that actually land on the
 * strong side, and the accuracy at that threshold; plus the scoring time per request. Used by the tests and by
 * {@code freeport complexity --eval}.
 *
 * @param n           held-out prompts
 * @param hardShare   share labelled hard
 * @param accuracy    accuracy at score >= 0.5
 * @param auc         area under the ROC curve
 * @param shares      one row per target share
 * @param medianMicros median scoring time per request, after warm-up
 * @param p99Micros   99th percentile scoring time
 */
public record ComplexityEval(int n, double hardShare, double accuracy, double auc, List<ShareRow> shares,
                             long medianMicros, long p99Micros) {
    /** The target shares reported. */
    public static final double[] TARGETS = {0.10, 0.20, 0.30, 0.50};

    /**
     * One target share.
     *
     * @param target    the share asked for
     * @param threshold the threshold from the calibration set
     * @param actual    the share of held-out prompts scoring at or above it
     * @param accuracy  accuracy on held-out prompts when that threshold decides hard/easy
     */
    public record ShareRow(double target, double threshold, double actual, double accuracy) {
    }

    /** Scores the test prompts twice (the first pass warms up, the second is timed) and evaluates. */
    public static ComplexityEval run(EmbeddingComplexityScorer scorer, List<LabelledPrompt> test) {
        double[] scores = new double[test.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = scorer.scorePrompt(test.get(i).text());
        }
        long[] nanos = new long[test.size()];
        for (int i = 0; i < scores.length; i++) {
            long t0 = System.nanoTime();
            scorer.scorePrompt(test.get(i).text());
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        return of(scorer, scores, ComplexityTrainer.labels(test), nanos[nanos.length / 2] / 1000,
                nanos[Math.min(nanos.length - 1, (int) Math.ceil(nanos.length * 0.99) - 1)] / 1000);
    }

    /** The evaluation of given held-out scores and labels. */
    public static ComplexityEval of(ComplexityScorer scorer, double[] scores, boolean[] hard, long median, long p99) {
        List<ShareRow> rows = new ArrayList<>();
        for (double t : TARGETS) {
            double th = scorer.thresholdForShare(t);
            rows.add(new ShareRow(t, th, share(scores, th), accuracy(scores, hard, th)));
        }
        int h = 0;
        for (boolean b : hard) {
            h += b ? 1 : 0;
        }
        return new ComplexityEval(scores.length, (double) h / scores.length, accuracy(scores, hard, 0.5),
                auc(scores, hard), List.copyOf(rows), median, p99);
    }

    /** Share of scores at or above {@code threshold}. */
    public static double share(double[] scores, double threshold) {
        int k = 0;
        for (double s : scores) {
            k += s >= threshold ? 1 : 0;
        }
        return (double) k / scores.length;
    }

    /** Share of items where (score >= threshold) equals the label. */
    public static double accuracy(double[] scores, boolean[] hard, double threshold) {
        int ok = 0;
        for (int i = 0; i < scores.length; i++) {
            ok += (scores[i] >= threshold) == hard[i] ? 1 : 0;
        }
        return (double) ok / scores.length;
    }

    /** Probability that a random hard item outscores a random easy one (ties count half). */
    public static double auc(double[] scores, boolean[] hard) {
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < scores.length; i++) {
            if (!hard[i]) {
                continue;
            }
            for (int j = 0; j < scores.length; j++) {
                if (hard[j]) {
                    continue;
                }
                pairs++;
                wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
            }
        }
        return pairs == 0 ? Double.NaN : wins / pairs;
    }

    /** The report as text. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("held-out prompts: %d (%.0f%% labelled hard)%n", n, hardShare * 100));
        sb.append(String.format("accuracy at 0.5: %.3f%nAUC: %.3f%n", accuracy, auc));
        sb.append(String.format("%-8s %-10s %-14s %s%n", "target", "threshold", "actual share", "accuracy"));
        for (ShareRow r : shares) {
            sb.append(String.format("%-8s %-10.4f %-14s %.3f%n", Math.round(r.target() * 100) + "%", r.threshold(),
                    String.format("%.1f%%", r.actual() * 100), r.accuracy()));
        }
        sb.append(String.format("scoring time per request: median %d µs, p99 %d µs%n", medianMicros, p99Micros));
        return sb.toString();
    }
}
