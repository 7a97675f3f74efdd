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
     * One call: who asks, the path's parameters, the body (empty for a GET), and the models this caller may use
     * (computed on demand).
     */
    record Call(Principal principal, Map<String, String> params, Buffer body, Supplier<List<ModelEntry>> models) {
        public Call {
            params = Map.copyOf(params);
        }
    }
}
