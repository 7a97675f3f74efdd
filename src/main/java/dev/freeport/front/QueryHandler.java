package dev.freeport.front;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.caller.Principal;
import io.vertx.core.buffer.Buffer;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * An endpoint the gateway answers itself for an authenticated caller. Runs on the event loop: must not block.
 * Throws (or returns a failed future of) a {@link dev.freeport.error.GatewayException} for errors, which the flow
 * renders in the front's shape.
 */
@FunctionalInterface
public interface QueryHandler {

    ObjectNode answer(Call call);

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
