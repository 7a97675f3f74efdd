package dev.freeport.front.responses;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.ChatRequest;
import dev.freeport.api.ChatResult;
import dev.freeport.caller.Principal;
import dev.freeport.dialect.responses.ResponseEncoder;
import dev.freeport.dialect.responses.ResponseIds;
import dev.freeport.dialect.responses.ResponsesDecoder;
import dev.freeport.dialect.responses.ResponsesErrors;
import dev.freeport.dialect.responses.ResponsesRequest;
import dev.freeport.dialect.responses.ResponsesStreamEncoder;
import dev.freeport.front.ChatSession;
import dev.freeport.front.StreamWriter;
import dev.freeport.responses.StoredResponse;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.time.Clock;

/**
 * One {@code POST /v1/responses}: decodes the request and keeps its Responses form, loads the conversation of a
 * {@code previous_response_id} before routing (step "resume", on a worker; a missing, expired or another caller's
 * one is a 400 {@code previous_response_not_found}), encodes the answer as a response object or the Responses
 * event stream with this response's ids, and when the request says {@code store} keeps the response the caller got
 * (completed, incomplete or failed) with its conversation (step "keep", on a worker, after the last byte).
 */
final class ResponsesSession implements ChatSession {
    private final KeptResponses kept;
    private final UnknownFields unknown;
    private final Clock clock;
    private final ResponseIds ids = ResponseIds.random();
    private ResponsesRequest request;
    private long createdAt;
    private ObjectNode answer;
    private ResponsesStreamEncoder stream;

    ResponsesSession(KeptResponses kept, UnknownFields unknown, Clock clock) {
        this.kept = kept;
        this.unknown = unknown;
        this.clock = clock;
    }

    @Override
    public ChatRequest decode(Buffer body) {
        request = ResponsesDecoder.decode(body);
        createdAt = clock.instant().getEpochSecond();
        unknown.seen(request.ignoredFields(), request.droppedTools());
        return request.chat();
    }

    @Override
    public Future<ChatRequest> resume(Principal caller, ChatRequest decoded) {
        if (!request.needsHistory()) {
            return Future.succeededFuture(decoded);
        }
        String previous = request.previousResponseId();
        // the earlier conversation is translated with this input on the worker too (pure; long ones cost CPU)
        return kept.conversation(previous, caller.keyId(), request::withHistory).map(found -> {
            request = found.orElseThrow(() -> ResponsesErrors.previousNotFound(previous).toException());
            return request.chat();
        });
    }

    @Override
    public ObjectNode encode(ChatRequest chat, ChatResult result) {
        answer = ResponseEncoder.encode(request, result, ids, createdAt);
        return answer;
    }

    @Override
    public StreamWriter streamWriter(ChatRequest chat) {
        stream = new ResponsesStreamEncoder(request, ids, createdAt);
        return stream;
    }

    @Override
    public void keep(Principal caller) {
        ObjectNode response = answer != null ? answer : stream != null ? stream.finalResponse() : null;
        if (response == null || !request.store() || !kept.enabled()) {
            return;   // nothing answered (an error before the answer, or the caller left), or not to be kept
        }
        ResponsesRequest served = request;
        String owner = caller.keyId();
        kept.put(response.path("id").asText(), () -> StoredResponse.of(response, served.conversation(response),
                owner, clock.instant()));
    }
}
