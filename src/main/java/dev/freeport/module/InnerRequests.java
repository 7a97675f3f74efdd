package dev.freeport.module;

import dev.freeport.front.Endpoint;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.util.Map;

/**
 * How a module sends a request through the gateway's whole flow as one of its keys, without a socket: the key's
 * current principal (aliases, allowed models, vendor rules, data class), policies (budgets, rate limits),
 * guardrails, routing with fallback, and one ledger event, as for a caller (the batch APIs' contained requests).
 * Handed to modules by {@link Module#attach} once the gateway's flow exists.
 */
@FunctionalInterface
public interface InnerRequests {

    /** What nothing can send through (a module used without a gateway): every request fails with 503. */
    InnerRequests NONE = request -> Future.failedFuture("no gateway flow is attached");

    /**
     * Runs one request; completes with its answer, errors included (in the endpoint's front's format, with their
     * status). Fails only when the flow could not be entered at all.
     */
    Future<Reply> send(Request request);

    /**
     * One request: as the key {@code keyId} (its principal as it stands now: a revoked key gets 401), at
     * {@code endpoint} (a chat or embeddings endpoint of a front), with its body and the extra headers a caller
     * would send (e.g. {@code x-freeport-data-class}), and a {@code tag} the ledger event carries among its tags
     * (e.g. {@code batch:batch_abc}), or null.
     */
    record Request(String keyId, Endpoint endpoint, Buffer body, Map<String, String> headers, String tag) {
        public Request {
            headers = headers == null ? Map.of() : Map.copyOf(headers);
        }
    }

    /**
     * The answer: HTTP status, body, the gateway's request id (the ledger event's id), and the Retry-After header
     * of a request turned away for its rate (null otherwise).
     */
    record Reply(int status, Buffer body, String requestId, String retryAfter) {
    }
}
