package dev.freeport.front;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.ChatRequest;
import dev.freeport.api.ChatResult;
import dev.freeport.error.GatewayError;
import io.vertx.core.buffer.Buffer;

import java.util.function.Consumer;

/**
 * One caller-facing chat API (OpenAI chat completions, Anthropic messages): how its requests become Freeport's
 * canonical {@link ChatRequest}, and how canonical answers, streams and errors go back in its format. Pure: no
 * I/O. The request flow is the same for every front.
 */
public interface ChatFront {

    /** "openai" or "anthropic": recorded in the ledger. */
    String name();

    /** Validates and translates a request body; throws a GatewayException (400) naming the field on bad input. */
    ChatRequest decode(Buffer body);

    /** The JSON body of a complete answer. */
    ObjectNode encode(ChatRequest request, ChatResult result);

    /** A writer for one streamed answer. */
    StreamWriter streamWriter(ChatRequest request);

    /** The error body in this API's shape. */
    ObjectNode errorBody(GatewayError error);

    /** The HTTP status this API uses for the error (e.g. Anthropic's 529 for overload). */
    default int errorStatus(GatewayError error) {
        return error.status();
    }

    /** Turns canonical OpenAI chunks into this API's server-sent events. Stateful, one per stream. */
    interface StreamWriter {
        /** The frames for one chunk (none, one or several). */
        void chunk(ObjectNode chunk, Consumer<Buffer> out);

        /** An upstream event in this API's own format, passed through untouched (ignored by default). */
        default void nativeFrame(Buffer frame, Consumer<Buffer> out) {
        }

        /** The frames of a clean end. */
        void end(Consumer<Buffer> out);

        /** The frames of a stream that broke after it started: an error event, never a clean end. */
        void error(GatewayError error, Consumer<Buffer> out);

        /** A keep-alive frame sent while the upstream is silent, or null when the API has none. */
        default Buffer ping() {
            return null;
        }
    }
}
