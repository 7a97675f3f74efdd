package dev.freeport.provider;

import dev.freeport.api.ChatResult;
import dev.freeport.api.EmbeddingsResult;
import io.vertx.core.Future;

/**
 * A configured back end (one entry under {@code providers:} in the config). Futures fail with
 * {@link UpstreamException}. Every method is called on a Vert.x event loop and must not block it.
 */
public interface Provider {

    /** The provider's name from the config (e.g. "deepseek"). */
    String name();

    /** The provider type: "openai", "anthropic", "sandbox". */
    String type();

    /** Non-streaming chat: completes with the whole answer. */
    Future<ChatResult> chat(Call call);

    /**
     * Streaming chat: completes once the first chunk has arrived (the point after which the router may no
     * longer fall back), or fails if the upstream failed before that.
     */
    Future<ChunkStream> chatStream(Call call);

    /** Embeddings; fails with CLIENT_ERROR when the provider has none. */
    Future<EmbeddingsResult> embeddings(EmbeddingsCall call);

    /** The back end's own batch API when the provider sends batches there ({@code batch: native}); else null. */
    default BatchApi batchApi() {
        return null;
    }

    /**
     * Whether {@link #chat} and {@link #embeddings} fail on their own (a TIMEOUT) once the call's total timeout has
     * passed: the dispatcher then passes a request's deadline in that timeout instead of arming a timer of its own
     * for each attempt (one timer per non-streamed request, not two).
     */
    default boolean endsByTotalTimeout() {
        return false;
    }

    /** Whether the models behind it are simulated (the sandbox). */
    default boolean simulated() {
        return false;
    }
}
