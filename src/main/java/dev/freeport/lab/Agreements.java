package dev.freeport.lab;

import dev.freeport.route.complexity.Embedder;
import dev.freeport.route.complexity.RequestText;

/**
 * Semantic agreement of two answers: the cosine similarity of their all-MiniLM-L6-v2 embeddings, with the
 * in-process model complexity routing ships ({@link Embedder}: loaded on first use, 1.6-1.8 s; a few milliseconds
 * per answer after that; long answers are embedded by their head and tail). Blocking: call it on a worker.
 */
final class Agreements {
    private Agreements() {
    }

    private static final class Holder {
        static final Embedder EMBEDDER = new Embedder();
    }

    /** A prompt's embedding (for {@link PromptClusters}). */
    static float[] embed(String text) {
        return Holder.EMBEDDER.embed(RequestText.ofUser(text.isBlank() ? " " : text));
    }

    static double cosine(String a, String b) {
        if (a.isBlank() && b.isBlank()) {
            return 1;
        }
        if (a.isBlank() || b.isBlank()) {
            return 0;
        }
        float[] x = Holder.EMBEDDER.embed(RequestText.ofUser(a));
        float[] y = Holder.EMBEDDER.embed(RequestText.ofUser(b));
        double dot = 0;
        double nx = 0;
        double ny = 0;
        for (int i = 0; i < x.length; i++) {
            dot += x[i] * y[i];
            nx += x[i] * x[i];
            ny += y[i] * y[i];
        }
        return nx == 0 || ny == 0 ? 0 : dot / Math.sqrt(nx * ny);
    }
}
