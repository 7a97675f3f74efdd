package dev.freeport.gateway;

import dev.freeport.route.complexity.ComplexityScorer;

/** Where the gateway gets its complexity scorer. */
final class ComplexityScorers {
    private ComplexityScorers() {
    }

    /** The shared scorer, loaded on first use; null when none is available. */
    static ComplexityScorer shared() {
        return null;
    }
}
