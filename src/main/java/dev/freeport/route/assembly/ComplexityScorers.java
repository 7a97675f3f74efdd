package dev.freeport.route.assembly;

import dev.freeport.route.complexity.ComplexityScorer;
import dev.freeport.route.complexity.EmbeddingComplexityScorer;

/** Where the gateway gets its complexity scorer. */
public final class ComplexityScorers {
    private ComplexityScorers() {
    }

    /**
     * The shared scorer (MiniLM-L6-v2 + features), loaded on first use: blocks ~2 s then, so call it on a worker.
     * Null when it cannot be loaded (logged once); complexity aliases then route every request as hard.
     */
    public static ComplexityScorer shared() {
        try {
            return EmbeddingComplexityScorer.shared();
        } catch (RuntimeException | LinkageError e) {
            if (!warned) {
                warned = true;
                java.util.logging.Logger.getLogger(ComplexityScorers.class.getName()).log(
                        java.util.logging.Level.SEVERE, "the complexity scorer could not be loaded", e);
            }
            return null;
        }
    }

    private static volatile boolean warned;
}
