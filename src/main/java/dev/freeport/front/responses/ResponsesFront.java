package dev.freeport.front.responses;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.dialect.responses.InputTokens;
import dev.freeport.dialect.responses.ResponsesDecoder;
import dev.freeport.dialect.responses.ResponsesErrors;
import dev.freeport.dialect.responses.ResponsesRequest;
import dev.freeport.front.Endpoint;
import dev.freeport.front.ErrorShape;
import dev.freeport.front.Front;
import dev.freeport.front.QueryHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;

import java.time.Clock;
import java.util.List;

/**
 * OpenAI's Responses API ({@code /v1/responses}) over the pure translation in {@code dialect/responses} and the
 * response store: create (JSON or the event stream, through the whole request flow), retrieve and delete a kept
 * response, cancel (always refused: nothing runs in the background), and count input tokens. Errors in OpenAI's
 * shape. Each path also answers without its {@code /v1} prefix, like the OpenAI front. Served by
 * {@link ResponsesModule}, which owns the store.
 */
public final class ResponsesFront implements Front {
    private static final ErrorShape ERRORS = ResponsesErrors::body;

    private final Vertx vertx;
    private final KeptResponses kept;
    private final UnknownFields unknown = new UnknownFields();
    private final List<Endpoint> endpoints;

    ResponsesFront(Vertx vertx, KeptResponses kept, Clock clock) {
        this.vertx = vertx;
        this.kept = kept;
        this.endpoints = List.of(
                new Endpoint.Chat(this, HttpMethod.POST, List.of("/v1/responses", "/responses"),
                        () -> new ResponsesSession(kept, unknown, clock)),
                new Endpoint.Query(this, HttpMethod.POST, List.of("/v1/responses/input_tokens",
                        "/responses/input_tokens"), QueryHandler.later(this::inputTokens)),
                new Endpoint.Query(this, HttpMethod.GET, List.of("/v1/responses/{id}", "/responses/{id}"),
                        QueryHandler.later(this::retrieve)),
                new Endpoint.Query(this, HttpMethod.DELETE, List.of("/v1/responses/{id}", "/responses/{id}"),
                        QueryHandler.later(this::delete)),
                new Endpoint.Query(this, HttpMethod.POST, List.of("/v1/responses/{id}/cancel",
                        "/responses/{id}/cancel"), QueryHandler.later(this::cancel)));
    }

    @Override
    public String name() {
        return "responses";
    }

    @Override
    public List<Endpoint> endpoints() {
        return endpoints;
    }

    @Override
    public ErrorShape errors() {
        return ERRORS;
    }

    /** {@code GET /v1/responses/{id}}: the kept response as the caller got it; 404 when unknown or not its own. */
    private Future<ObjectNode> retrieve(QueryHandler.Call call) {
        String id = call.params().get("id");
        return kept.response(id, call.principal().keyId())
                .map(found -> found.orElseThrow(() -> ResponsesErrors.notFound(id).toException()));
    }

    /** {@code DELETE /v1/responses/{id}}: {@code {id, object: "response", deleted: true}}, or 404. */
    private Future<ObjectNode> delete(QueryHandler.Call call) {
        String id = call.params().get("id");
        return kept.delete(id, call.principal().keyId()).map(deleted -> {
            if (!deleted) {
                throw ResponsesErrors.notFound(id).toException();
            }
            return ResponsesErrors.deleted(id);
        });
    }

    /**
     * {@code POST /v1/responses/{id}/cancel}: Freeport runs no response in the background ({@code background: true}
     * is refused at create), so a kept response is answered as OpenAI answers one created without background mode
     * (400), and any other id with 404.
     */
    private Future<ObjectNode> cancel(QueryHandler.Call call) {
        String id = call.params().get("id");
        return kept.response(id, call.principal().keyId()).map(found -> {
            throw (found.isPresent() ? ResponsesErrors.notCancellable(id) : ResponsesErrors.notFound(id))
                    .toException();
        });
    }

    /**
     * {@code POST /v1/responses/input_tokens}: validated like a create request, the earlier conversation of a
     * previous_response_id loaded, counted on a worker (the tokenizer is CPU work, and its first use loads it).
     */
    private Future<ObjectNode> inputTokens(QueryHandler.Call call) {
        ResponsesRequest decoded = ResponsesDecoder.decodeForCount(call.body());
        Future<ResponsesRequest> complete = !decoded.needsHistory() ? Future.succeededFuture(decoded)
                : kept.conversation(decoded.previousResponseId(), call.principal().keyId(), decoded::withHistory)
                .map(found -> found.orElseThrow(() ->
                        ResponsesErrors.previousNotFound(decoded.previousResponseId()).toException()));
        return complete.compose(r -> vertx.executeBlocking(() -> InputTokens.response(r), false));
    }

    UnknownFields unknownFields() {
        return unknown;
    }
}
