package dev.freeport.provider;

import dev.freeport.api.ChatRequest;
import dev.freeport.api.ChatResult;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * A back end's own batch API (OpenAI's Files and Batches, Anthropic's Message Batches), offered by a provider
 * configured {@code batch: native} (the default for OpenAI and Anthropic on their official base URLs): the
 * provider's dialect for one contained request and its answer, and raw requests to the batch endpoints over the
 * shared upstream transport with the provider's credentials. What the batch endpoints are is the batch module's.
 */
public interface BatchApi {

    /** "openai" (Files + Batches) or "anthropic" (Message Batches). */
    String dialect();

    /**
     * One contained request's body in the back end's dialect, for the upstream model (what a normal request would
     * send, without streaming).
     *
     * @throws UpstreamException when the request cannot be expressed in the dialect
     */
    Buffer encodeLine(ChatRequest request, String upstreamModel);

    /**
     * One contained request's 2xx answer as the back end wrote it, read like a normal answer.
     *
     * @throws UpstreamException of kind MALFORMED when it cannot be read
     */
    ChatResult decodeLine(ChatRequest request, String upstreamModel, Buffer body);

    /** One contained request's error answer mapped like a normal request's. */
    UpstreamFailure mapError(int status, Buffer body);

    /**
     * A request to the back end's batch endpoints ({@code path} below the provider's base URL, e.g.
     * {@code /batches}); completes with any HTTP answer, fails only when no answer came (connection, timeout).
     */
    Future<Answer> send(String method, String path, String contentType, Buffer body);

    /** An HTTP answer of the batch endpoints: status, headers (Retry-After), body. */
    record Answer(int status, MultiMap headers, Buffer body) {
    }
}
