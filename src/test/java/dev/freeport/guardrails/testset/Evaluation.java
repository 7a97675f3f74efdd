package dev.freeport.guardrails.testset;

import dev.freeport.guardrails.TextScanner;
import dev.freeport.guardrails.detect.Finding;
import dev.freeport.guardrails.detect.Kind;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Scores a scanner on labelled samples: a finding counts as a true positive only with the labelled kind and
 * exact span; every other finding is a false positive of its kind; every labelled span not found exactly is a
 * false negative.
 */
public final class Evaluation {
    /** True positives, false positives and false negatives of one kind (or all). */
    public record Score(int tp, int fp, int fn) {
        public double precision() {
            return tp + fp == 0 ? 1 : (double) tp / (tp + fp);
        }

        public double recall() {
            return tp + fn == 0 ? 1 : (double) tp / (tp + fn);
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    private final Map<Kind, int[]> counts = new EnumMap<>(Kind.class);
    private final List<String> misses = new ArrayList<>();
    private int samples;
    private int negatives;

    private Evaluation() {
        for (Kind k : Kind.values()) {
            counts.put(k, new int[3]);
        }
    }

    public static Evaluation of(List<LabelledSet.Sample> set, TextScanner scanner) {
        Evaluation e = new Evaluation();
        for (LabelledSet.Sample s : set) {
            e.samples++;
            e.negatives += s.expected().isEmpty() ? 1 : 0;
            List<Finding> found = scanner.scan(s.text());
            for (Finding f : found) {
                boolean hit = s.expected().contains(f);
                e.counts.get(f.kind())[hit ? 0 : 1]++;
                if (!hit) {
                    e.misses.add("FP " + f + " " + s.source() + ": " + s.text().substring(f.start(), f.end()));
                }
            }
            for (Finding x : s.expected()) {
                if (!found.contains(x)) {
                    e.counts.get(x.kind())[2]++;
                    e.misses.add("FN " + x + " " + s.source() + ": " + s.text().substring(x.start(), x.end()));
                }
            }
        }
        return e;
    }

    public Score score(Kind k) {
        int[] c = counts.get(k);
        return new Score(c[0], c[1], c[2]);
    }

    public Score total() {
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

    public int negatives() {
        return negatives;
    }

    /** Misses (synthetic values only), one per line, for the test log. */
    public List<String> misses() {
        return misses;
    }

    /** A markdown table of every kind and the total. */
    public String table(String title) {
        StringBuilder b = new StringBuilder(String.format("%s: %d samples (%d without any finding)%n", title,
                samples, negatives));
        b.append(String.format("| %-18s | %4s | %3s | %3s | %9s | %6s |%n", "kind", "TP", "FP", "FN", "precision",
                "recall"));
        b.append("|--------------------|------|-----|-----|-----------|--------|\n");
        for (Kind k : Kind.values()) {
            Score s = score(k);
            b.append(row(k.configName(), s));
        }
        return b.append(row("all", total())).toString();
    }

    private static String row(String name, Score s) {
        return String.format("| %-18s | %4d | %3d | %3d | %9.3f | %6.3f |%n", name, s.tp(), s.fp(), s.fn(),
                s.precision(), s.recall());
    }
}
