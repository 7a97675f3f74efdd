package dev.freeport.guardrails;

import dev.freeport.guardrails.testset.LabelledSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Precision and recall of every detector on the labelled set (hand-written hard negatives and tricky positives
 * plus generated samples), with all kinds on and default settings. A finding counts only with the labelled kind
 * and exact span. Prints the table; asserts floors per detector and overall.
 */
class LabelledSetTest {
    /** Floors: set below the measured values with some margin for the generated half; see docs/GUARDRAILS.md. */
    private static final double MIN_PRECISION = 0.95;
    private static final double MIN_RECALL = 0.90;
    private static final double MIN_OVERALL_F1 = 0.97;

    private record Score(int tp, int fp, int fn) {
        double precision() {
            return tp + fp == 0 ? 1 : (double) tp / (tp + fp);
        }

        double recall() {
            return tp + fn == 0 ? 1 : (double) tp / (tp + fn);
        }
    }

    private static final Map<Kind, int[]> counts = new EnumMap<>(Kind.class);
    private static final List<String> misses = new ArrayList<>();
    private static int samples;
    private static int negatives;

    @BeforeAll
    static void evaluate() throws Exception {
        TextScanner scanner = TextScanner.all();
        for (Kind k : Kind.values()) {
            counts.put(k, new int[3]);
        }
        for (LabelledSet.Sample s : LabelledSet.all()) {
            samples++;
            negatives += s.expected().isEmpty() ? 1 : 0;
            List<Finding> found = scanner.scan(s.text());
            for (Finding f : found) {
                boolean hit = s.expected().contains(f);
                counts.get(f.kind())[hit ? 0 : 1]++;
                if (!hit) {
                    misses.add("FP " + f + " " + s.source() + ": " + s.text().substring(f.start(), f.end()));
                }
            }
            for (Finding e : s.expected()) {
                if (!found.contains(e)) {
                    counts.get(e.kind())[2]++;
                    misses.add("FN " + e + " " + s.source() + ": " + s.text().substring(e.start(), e.end()));
                }
            }
        }
        System.out.println(table());
        misses.forEach(System.out::println);
    }

    private static Score score(Kind k) {
        int[] c = counts.get(k);
        return new Score(c[0], c[1], c[2]);
    }

    private static Score total() {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (int[] c : counts.values()) {
            tp += c[0];
            fp += c[1];
            fn += c[2];
        }
        return new Score(tp, fp, fn);
    }

    static String table() {
        StringBuilder b = new StringBuilder(String.format("labelled set: %d samples (%d without any finding)%n",
                samples, negatives));
        b.append(String.format("| %-18s | %4s | %3s | %3s | %9s | %6s |%n", "kind", "TP", "FP", "FN", "precision",
                "recall"));
        b.append("|--------------------|------|-----|-----|-----------|--------|\n");
        for (Kind k : Kind.values()) {
            Score s = score(k);
            b.append(String.format("| %-18s | %4d | %3d | %3d | %9.3f | %6.3f |%n", k.configName(), s.tp(), s.fp(),
                    s.fn(), s.precision(), s.recall()));
        }
        Score t = total();
        b.append(String.format("| %-18s | %4d | %3d | %3d | %9.3f | %6.3f |%n", "all", t.tp(), t.fp(), t.fn(),
                t.precision(), t.recall()));
        return b.toString();
    }

    @Test
    void everyKindHasPositivesInTheSet() {
        for (Kind k : Kind.values()) {
            Score s = score(k);
            assertThat(s.tp() + s.fn()).as("labelled positives of %s", k).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void theSetHasHardNegatives() {
        assertThat(negatives).isGreaterThanOrEqualTo(150);
    }

    @Test
    void everyDetectorMeetsThePrecisionFloor() {
        for (Kind k : Kind.values()) {
            assertThat(score(k).precision()).as("precision of %s", k).isGreaterThanOrEqualTo(MIN_PRECISION);
        }
    }

    @Test
    void everyDetectorMeetsTheRecallFloor() {
        for (Kind k : Kind.values()) {
            assertThat(score(k).recall()).as("recall of %s", k).isGreaterThanOrEqualTo(MIN_RECALL);
        }
    }

    @Test
    void overallF1MeetsItsFloor() {
        Score t = total();
        double f1 = 2 * t.precision() * t.recall() / (t.precision() + t.recall());
        assertThat(f1).isGreaterThanOrEqualTo(MIN_OVERALL_F1);
    }
}
