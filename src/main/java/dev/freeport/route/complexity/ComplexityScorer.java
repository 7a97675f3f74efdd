package dev.freeport.route.complexity;

import dev.freeport.api.ChatRequest;

/**
 * Scores how hard a chat request is, 0 (easy) .. 1 (hard), for the complexity strategy: easy requests go to a
 * cheap model, hard ones to a strong one. Implementations may block (an ONNX embedding takes milliseconds): the
 * gateway calls {@link #score} on a worker thread. Thread-safe.
 */
public interface ComplexityScorer {

    /** The request's difficulty, 0..1. */
    double score(ChatRequest request);

    /**
     * The threshold that sends {@code strongShare} (0..1) of typical traffic to the strong model: the
     * (1 - strongShare) quantile of the scores of a calibration set of prompts. Score >= threshold is hard.
     */
    double thresholdForShare(double strongShare);

    /** What scores, for the ledger and explanations, e.g. "minilm-l6-v2+features v1". */
    String name();
}
