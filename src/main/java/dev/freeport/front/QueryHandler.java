package dev.freeport.front;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.caller.Principal;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An endpoint the gateway answers itself for an authenticated caller. Runs on the event loop: must not block.
 * Throws (or returns a failed future of) a {@link dev.freeport.error.GatewayException} for errors, which the flow
 * renders in the front's shape. A handler that waits for I/O (a store read on a worker) is made with
 * {@link #later}.
 */
@FunctionalInterface
public interface QueryHandler {

    ObjectNode answer(Call call);

    /** The answer when it is ready; what the flow calls. By default {@link #answer}, at once. */
    default Future<ObjectNode> answerLater(Call call) {
        return Future.succeededFuture(answer(call));
    }

    /**
     * The whole reply when it is ready: by default {@link #answerLater}'s JSON with status 200. A handler whose
     * answer is not one JSON object (a file's bytes, JSON Lines) or not a 200 overrides this.
     */
    default Future<Reply> replyLater(Call call) {
        return answerLater(call).map(Reply::json);
    }

    /** A reply: its status, content type and bytes. */
    record Reply(int status, String contentType, Buffer body) {
        public static Reply json(ObjectNode answer) {
            return new Reply(200, "application/json", Buffer.buffer(dev.freeport.json.Json.bytes(answer)));
        }
    }

    /** A handler whose whole reply comes as a future (status, content type, bytes). */
    static QueryHandler replying(Function<Call, Future<Reply>> handler) {
        return new QueryHandler() {
            @Override
            public ObjectNode answer(Call call) {
                throw new IllegalStateException("a replying query handler answers through replyLater");
            }

            @Override
            public Future<Reply> replyLater(Call call) {
                try {
                    return handler.apply(call);
                } catch (RuntimeException e) { // a handler's bad-input exception answers as a failed future
                    return Future.failedFuture(e);
                }
            }
        };
    }

    /** A handler whose answer comes as a future (e.g. read from a store on a worker thread). */
    static QueryHandler later(Function<Call, Future<ObjectNode>> handler) {
        return new QueryHandler() {
            @Override
            public ObjectNode answer(Call call) {
                throw new IllegalStateException("an asynchronous query handler answers through answerLater");
            }

            @Override
            public Future<ObjectNode> answerLater(Call call) {
                return handler.apply(call);
            }
        };
    }

    /**
     * One call: who asks, the path's parameters, the body (empty for a GET), the models this caller may use
     * (computed on demand), and the request's headers and query parameters (null when absent).
     */
    record Call(Principal principal, Map<String, String> params, Buffer body, Supplier<List<ModelEntry>> models,
                Function<String, String> header, Function<String, String> query) {
        public Call {
            params = Map.copyOf(params);
            header = header == null ? name -> null : header;
            query = query == null ? name -> null : query;
        }

        public Call(Principal principal, Map<String, String> params, Buffer body, Supplier<List<ModelEntry>> models) {
            this(principal, params, body, models, null, null);
        }
    }
}
