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

    /**
     * The tag a handed-over request's ledger event carries next to its own: it ran through a back end's batch API and
     * was billed at its batch price (the audit reprices it at batch prices too).
     */
    String NATIVE_BATCH_TAG = "native-batch";

    /** What nothing can send through (a module used without a gateway): every request fails with 503. */
    InnerRequests NONE = request -> Future.failedFuture("no gateway flow is attached");

    /**
     * Runs one request; completes with its answer, errors included (in the endpoint's front's format, with their
     * status). Fails only when the flow could not be entered at all.
     */
    Future<Reply> send(Request request);

    /**
     * The answer of a request handed over to a back end's batch API ({@link Reply#handed}), once it came back:
     * read in the back end's dialect, priced at the catalog's batch rate, recorded as the request's one ledger
     * event (its key, tag, alias and target) with its cost charged to the key's budgets, and answered in the
     * endpoint's front's format (errors included, with their status).
     */
    default Future<Reply> settle(Result result) {
        return Future.failedFuture("no gateway flow is attached");
    }

    /**
     * A handed-over request that will have no answer (cancelled or expired at its provider, or its provider batch
     * failed or was never submitted): the estimate its budgets hold since the hand-over ({@link Handed#heldNanos})
     * is released. Nothing is recorded: the back end did no work.
     */
    default Future<Void> release(Request request, Handed handed) {
        return Future.succeededFuture();
    }

    /**
     * The batch API of the provider a request was handed to, as the gateway's current config has it (its alias's
     * target of that provider and upstream model); null when it has none any more.
     */
    default dev.freeport.provider.BatchApi batchApi(Handed handed) {
        return null;
    }

    /**
     * One request: as the key {@code keyId} (its principal as it stands now: a revoked key gets 401), at
     * {@code endpoint} (a chat or embeddings endpoint of a front), with its body and the extra headers a caller
     * would send (e.g. {@code x-freeport-data-class}), and a {@code tag} the ledger event carries among its tags
     * (e.g. {@code batch:batch_abc}), or null.
     */
    record Request(String keyId, Endpoint endpoint, Buffer body, Map<String, String> headers, String tag,
                   boolean handOver) {
        public Request {
            headers = headers == null ? Map.of() : Map.copyOf(headers);
        }

        public Request(String keyId, Endpoint endpoint, Buffer body, Map<String, String> headers, String tag) {
            this(keyId, endpoint, body, headers, tag, false);
        }
    }

    /**
     * The answer: HTTP status, body, the gateway's request id (the ledger event's id), and the Retry-After header
     * of a request turned away for its rate (null otherwise); or, for a request sent with {@code handOver} whose
     * route chose a provider with a batch API, status 202 and what to put in that provider's batch
     * ({@code handed}): nothing was sent and no ledger event written yet ({@link #settle} does that).
     */
    record Reply(int status, Buffer body, String requestId, String retryAfter, Handed handed) {
        public Reply(int status, Buffer body, String requestId, String retryAfter) {
            this(status, body, requestId, retryAfter, null);
        }
    }

    /**
     * A request admitted (key, rules, data class, guardrails, budget) and routed to a provider with a batch API:
     * the provider, the target's upstream model, the resolved alias, and the body for the provider's batch in its
     * dialect (masked as the guardrails masked it for that provider); and what its key's and team's budgets hold
     * for it from the hand-over until its answer is settled or it is released: its most possible cost at the batch
     * price ({@code heldNanos}), charged as spend at {@code heldAtMs} (epoch millis), on the team {@code team}'s
     * budget too (null: none).
     */
    record Handed(String provider, String upstreamModel, String alias, Buffer body, long heldNanos, long heldAtMs,
                  String team) {
        public Handed(String provider, String upstreamModel, String alias, Buffer body) {
            this(provider, upstreamModel, alias, body, 0, 0, null);
        }
    }

    /**
     * The back end's answer to a handed-over request: the request as first sent (key, endpoint, body, headers, tag)
     * and its request id, what it was handed as, the back end's HTTP status and body for it (its dialect), and when
     * the back end processed it (epoch millis).
     */
    record Result(Request request, String requestId, Handed handed, int status, Buffer body, long processedAtMs) {
    }
}
