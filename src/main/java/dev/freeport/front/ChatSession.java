package dev.freeport.front;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.ChatRequest;
import dev.freeport.api.ChatResult;
import dev.freeport.caller.Principal;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.util.function.Function;

/**
 * One request at a chat endpoint, from its body to its answer: the translation, plus two steps the flow calls by
 * name for an API that keeps state between requests (the Responses API's {@code previous_response_id} and
 * {@code store}).
 * <ul>
 *   <li>{@link #resume} runs after decode and before the alias is routed: it completes the request from what the
 *       endpoint kept (e.g. loads the earlier conversation) and may fail it with an error in the API's shape;</li>
 *   <li>{@link #keep} runs once the answer's last byte was handed to the caller, whatever the outcome: it keeps
 *       what there is to keep. It must neither block nor throw, and it never changes the answer.</li>
 * </ul>
 * A stateless endpoint shares one session, {@link #of} its translator, among all its requests; an endpoint that
 * keeps state opens a fresh one per request (see {@link Endpoint.Chat#open}), which holds what it decoded until the
 * answer is encoded. A session lives on its request's event loop.
 */
public interface ChatSession extends ChatTranslator {

    /**
     * Step "resume": the request to serve, given the decoded one. Runs on the event loop: blocking work (a store
     * read) belongs on a worker. Fails with a GatewayException for the caller. By default the request as decoded.
     */
    default Future<ChatRequest> resume(Principal caller, ChatRequest decoded) {
        return Future.succeededFuture(decoded);
    }

    /** Step "keep": called once, after the answer was written or failed. By default nothing. */
    default void keep(Principal caller) {
    }

    /** The session of a stateless endpoint: its translator, no steps. One instance serves every request. */
    static ChatSession of(ChatTranslator translator) {
        return new ChatSession() {
            @Override
            public ChatRequest decode(Buffer body) {
                return translator.decode(body);
            }

            @Override
            public ChatRequest decode(Buffer body, Function<String, String> header) {
                return translator.decode(body, header);
            }

            @Override
            public ObjectNode encode(ChatRequest request, ChatResult result) {
                return translator.encode(request, result);
            }

            @Override
            public Buffer encodeBytes(ChatRequest request, ChatResult result) {
                return translator.encodeBytes(request, result);
            }

            @Override
            public StreamWriter streamWriter(ChatRequest request) {
                return translator.streamWriter(request);
            }
        };
    }
}
