package dev.freeport.route.complexity;

import dev.freeport.api.ChatRequest;

/**
 * The complexity strategy's scorer: the all-MiniLM-L6-v2 embedding of the request's deciding text (system
 * snippet and last user turn, see {@link Embedder}) plus the hand features of {@link Features}, fed to a logistic
 * regression trained on the bundled labelled prompts (docs/COMPLEXITY.md).
 *
 * <p><b>Trained offline, weights committed.</b> Training needs the embedding of every train prompt (seconds of
 * ONNX work) and five more fits for the out-of-fold calibration scores; doing that at every gateway start would
 * delay the first complexity-routed request and make the thresholds depend on the machine's float rounding. So
 * {@link ComplexityTrainer} writes {@code complexity/model-v1.json} once, and a test re-trains from the set and
 * checks it reproduces the committed weights and matches the set's hash. Loading is then the ONNX model alone.
 *
 * <p>{@link #score} blocks for a few milliseconds (one model window): call it on a worker thread. Thread-safe.
 */
public final class EmbeddingComplexityScorer implements ComplexityScorer {
    /** The {@link #name()}. */
    public static final String NAME = "minilm-l6-v2+features v1";

    private final Embedder embedder;
    private final ScorerWeights weights;

    /** A scorer over a loaded embedder and weights (tests and the trainer build their own). */
    public EmbeddingComplexityScorer(Embedder embedder, ScorerWeights weights) {
        this.embedder = embedder;
        this.weights = weights;
    }

    /** Loads the model from the jar and the committed weights (1.6–1.8 s measured; the 90 MB model sits in ONNX Runtime). */
    public static EmbeddingComplexityScorer load() {
        return new EmbeddingComplexityScorer(new Embedder(), ScorerWeights.bundled());
    }

    /** The process-wide scorer, loaded on first use (blocking: first call on a worker thread). */
    public static EmbeddingComplexityScorer shared() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final EmbeddingComplexityScorer INSTANCE = load();
    }

    @Override
    public double score(ChatRequest request) {
        return score(RequestText.of(request.body()));
    }

    /** The difficulty of already extracted request text. */
    public double score(RequestText text) {
        return weights.model().predict(inputs(embedder, text));
    }

    /** The difficulty of a single user prompt. */
    public double scorePrompt(String prompt) {
        return score(RequestText.ofUser(prompt));
    }

    @Override
    public double thresholdForShare(double strongShare) {
        return threshold(weights.calibration(), strongShare);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The weights in use. */
    public ScorerWeights weights() {
        return weights;
    }

    /** The classifier's input: embedding then features. */
    static double[] inputs(Embedder embedder, RequestText text) {
        float[] e = embedder.embed(text);
        double[] f = Features.of(text);
        double[] x = new double[e.length + f.length];
        for (int i = 0; i < e.length; i++) {
            x[i] = e[i];
        }
        System.arraycopy(f, 0, x, e.length, f.length);
        return x;
    }

    /**
     * The (1 - share) quantile of ascending {@code sorted} scores, linearly interpolated: non-increasing in
     * {@code share}. Share 0 gives a threshold above every score (nothing strong), share 1 gives 0 (everything).
     */
    static double threshold(double[] sorted, double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be within 0..1: " + share);
        }
        if (share == 0) {
            return Math.nextUp(1.0);
        }
        if (share == 1) {
            return 0.0;
        }
        double pos = (1 - share) * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
