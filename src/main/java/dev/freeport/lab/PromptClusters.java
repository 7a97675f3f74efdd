package dev.freeport.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Clusters of similar prompts, for the report's per-cluster breakdown: each prompt embedded (all-MiniLM-L6-v2, the
 * model {@link Agreements} uses), unit-normalised, then spherical k-means (cosine) with k-means++ seeding from a fixed
 * seed, so the same samples always give the same clusters. k is the one of 2..{@link #MAX_K} with the best mean
 * silhouette (on at most {@link #SILHOUETTE_SAMPLE} prompts); fewer than {@link #MIN_PROMPTS} prompts are one
 * cluster. A cluster is labelled by its most typical prompt (the one nearest its centre): its first words.
 */
final class PromptClusters {
    static final int MAX_K = 8;
    static final int MIN_PROMPTS = 6;
    static final int SILHOUETTE_SAMPLE = 400;
    static final long SEED = 13;
    private static final int LABEL_WORDS = 8;
    private static final int ITERATIONS = 40;

    private PromptClusters() {
    }

    /** Each key's cluster label, for keys in {@code prompts} order; labels are unique. */
    static Map<String, String> of(Map<String, String> prompts, Function<String, float[]> embed) {
        List<String> keys = new ArrayList<>(prompts.keySet());
        Map<String, String> out = new LinkedHashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        float[][] x = new float[keys.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = unit(embed.apply(prompts.get(keys.get(i))));
        }
        int[] best = new int[x.length];
        if (x.length >= MIN_PROMPTS) {
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int k = 2; k <= Math.min(MAX_K, x.length / 3); k++) {
                int[] a = kmeans(x, k);
                double s = silhouette(x, a, k);
                if (s > bestScore + 1e-9) {
                    bestScore = s;
                    best = a;
                }
            }
        }
        int k = 0;
        for (int a : best) {
            k = Math.max(k, a + 1);
        }
        String[] labels = new String[k];
        for (int c = 0; c < k; c++) {
            float[] centre = centre(x, best, c);
            int typical = -1;
            double top = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < x.length; i++) {
                if (best[i] == c && dot(x[i], centre) > top) {
                    top = dot(x[i], centre);
                    typical = i;
                }
            }
            labels[c] = unique(label(prompts.get(keys.get(typical))), labels, c);
        }
        for (int i = 0; i < keys.size(); i++) {
            out.put(keys.get(i), labels[best[i]]);
        }
        return out;
    }

    /** The first words of a prompt, quoted: "Extract the invoice fields as JSON: …". */
    static String label(String prompt) {
        String[] words = prompt.strip().split("\\s+");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(LABEL_WORDS, words.length); i++) {
            sb.append(i == 0 ? "" : " ").append(words[i]);
        }
        String l = sb.length() > 60 ? sb.substring(0, 60) : sb.toString();
        return "\u201c" + l + (words.length > LABEL_WORDS || sb.length() > 60 ? " \u2026" : "") + "\u201d";
    }

    private static String unique(String label, String[] taken, int upTo) {
        String l = label;
        for (int n = 2; ; n++) {
            boolean clash = false;
            for (int i = 0; i < upTo; i++) {
                clash |= l.equals(taken[i]);
            }
            if (!clash) {
                return l;
            }
            l = label + " (" + n + ")";
        }
    }

    /** Spherical k-means: k-means++ seeding (fixed seed), then assign by cosine and re-centre until stable. */
    static int[] kmeans(float[][] x, int k) {
        SplittableRandom random = new SplittableRandom(SEED + k);
        float[][] centres = new float[k][];
        centres[0] = x[random.nextInt(x.length)];
        double[] d = new double[x.length];
        for (int c = 1; c < k; c++) {
            double sum = 0;
            for (int i = 0; i < x.length; i++) {
                double best = Double.MAX_VALUE;
                for (int j = 0; j < c; j++) {
                    best = Math.min(best, 1 - dot(x[i], centres[j]));
                }
                d[i] = Math.max(0, best) * Math.max(0, best);
                sum += d[i];
            }
            double r = random.nextDouble() * sum;
            int pick = x.length - 1;
            for (int i = 0; i < x.length; i++) {
                r -= d[i];
                if (r <= 0) {
                    pick = i;
                    break;
                }
            }
            centres[c] = x[pick];
        }
        int[] a = new int[x.length];
        for (int it = 0; it < ITERATIONS; it++) {
            boolean moved = false;
            for (int i = 0; i < x.length; i++) {
                int nearest = nearest(x[i], centres);
                moved |= nearest != a[i] || it == 0;
                a[i] = nearest;
            }
            if (!moved) {
                break;
            }
            for (int c = 0; c < k; c++) {
                float[] m = centre(x, a, c);
                centres[c] = m == null ? centres[c] : m;
            }
        }
        return compact(a, k);
    }

    /** Cluster numbers 0..m-1 in order of first appearance (empty clusters dropped). */
    private static int[] compact(int[] a, int k) {
        int[] map = new int[k];
        java.util.Arrays.fill(map, -1);
        int next = 0;
        int[] out = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            if (map[a[i]] < 0) {
                map[a[i]] = next++;
            }
            out[i] = map[a[i]];
        }
        return out;
    }

    /** Mean silhouette (cosine distance) over an evenly spaced sample of the points. */
    static double silhouette(float[][] x, int[] a, int k) {
        int step = Math.max(1, x.length / SILHOUETTE_SAMPLE);
        double total = 0;
        int n = 0;
        for (int i = 0; i < x.length; i += step) {
            double[] sum = new double[k];
            int[] count = new int[k];
            for (int j = 0; j < x.length; j++) {
                if (j != i) {
                    sum[a[j]] += 1 - dot(x[i], x[j]);
                    count[a[j]]++;
                }
            }
            if (count[a[i]] == 0) {
                n++;
                continue; // a singleton's silhouette is 0
            }
            double own = sum[a[i]] / count[a[i]];
            double other = Double.MAX_VALUE;
            for (int c = 0; c < k; c++) {
                if (c != a[i] && count[c] > 0) {
                    other = Math.min(other, sum[c] / count[c]);
                }
            }
            total += other == Double.MAX_VALUE ? 0 : (other - own) / Math.max(own, other);
            n++;
        }
        return n == 0 ? 0 : total / n;
    }

    private static int nearest(float[] v, float[][] centres) {
        int best = 0;
        double top = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < centres.length; c++) {
            double s = dot(v, centres[c]);
            if (s > top) {
                top = s;
                best = c;
            }
        }
        return best;
    }

    /** The unit mean of cluster {@code c}'s points, or null when it has none. */
    private static float[] centre(float[][] x, int[] a, int c) {
        float[] m = null;
        for (int i = 0; i < x.length; i++) {
            if (a[i] == c) {
                if (m == null) {
                    m = new float[x[i].length];
                }
                for (int j = 0; j < m.length; j++) {
                    m[j] += x[i][j];
                }
            }
        }
        return m == null ? null : unit(m);
    }

    private static float[] unit(float[] v) {
        double n = 0;
        for (float f : v) {
            n += f * f;
        }
        float[] out = new float[v.length];
        if (n == 0) {
            return out;
        }
        double inv = 1 / Math.sqrt(n);
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] * inv);
        }
        return out;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

}
