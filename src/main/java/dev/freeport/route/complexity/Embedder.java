package dev.freeport.route.complexity;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;

/**
 * The all-MiniLM-L6-v2 sentence embedding (384 dimensions, unit length) of the text that decides a request's
 * difficulty: a snippet of the system prompt and the last user turn, cut to a head and a tail so one request
 * costs one model window (the model reads at most 256 word pieces; longer text would be embedded in several
 * windows and cost several times as much). The ONNX model and tokenizer come from the jar; nothing is
 * downloaded. Blocking (milliseconds): call it on a worker thread. Thread-safe (ONNX Runtime sessions are).
 */
public final class Embedder {
    /** Embedding size. */
    public static final int DIMENSIONS = 384;
    static final int SYSTEM_CHARS = 200;
    static final int HEAD_CHARS = 700;
    static final int TAIL_CHARS = 300;

    private final AllMiniLmL6V2EmbeddingModel model;

    /** Loads the model from the classpath (1.6–1.8 s measured; 90 MB of weights, held by ONNX Runtime). */
    public Embedder() {
        // DJL (the tokenizer's native library loader) must never fall back to downloading: the library for
        // this platform is inside the jar, and offline mode turns a missing one into an error instead.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        this.model = new AllMiniLmL6V2EmbeddingModel();
    }

    /** The embedding of a request's deciding text. */
    public float[] embed(RequestText t) {
        return model.embed(input(t)).content().vector();
    }

    /** What is embedded: the system snippet, then the head and tail of the last user turn. */
    static String input(RequestText t) {
        String user = t.lastUser().strip();
        if (user.length() > HEAD_CHARS + TAIL_CHARS) {
            user = user.substring(0, HEAD_CHARS) + " … " + user.substring(user.length() - TAIL_CHARS);
        }
        String system = t.system().strip();
        if (system.length() > SYSTEM_CHARS) {
            system = system.substring(0, SYSTEM_CHARS);
        }
        String text = system.isEmpty() ? user : system + "\n\n" + user;
        return text.isBlank() ? "(empty)" : text;
    }
}
