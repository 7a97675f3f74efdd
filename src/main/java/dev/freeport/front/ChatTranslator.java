package dev.freeport.front;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.ChatRequest;
import dev.freeport.api.ChatResult;
import dev.freeport.json.Json;
import io.vertx.core.buffer.Buffer;

import java.util.function.Function;

/**
 * A chat endpoint's translation: how its requests become Freeport's canonical {@link ChatRequest}, and how
 * canonical answers and streams go back in its format. Pure: no I/O.
 */
public interface ChatTranslator {

    /** Validates and translates a request body; throws a GatewayException (400) naming the field on bad input. */
    ChatRequest decode(Buffer body);

    /**
     * As {@link #decode(Buffer)}, with the caller's request headers ({@code header.apply(name)}, null when absent)
     * for a front that carries some of them on to a back end speaking its own API.
     */
    default ChatRequest decode(Buffer body, Function<String, String> header) {
        return decode(body);
    }

    /** The JSON body of a complete answer. */
    ObjectNode encode(ChatRequest request, ChatResult result);

    /**
     * The bytes of a complete answer; by default {@link #encode} serialised. A front whose format is the canonical
     * one overrides it to relay an upstream's bytes without building their tree.
     */
    default Buffer encodeBytes(ChatRequest request, ChatResult result) {
        return Buffer.buffer(Json.bytes(encode(request, result)));
    }

    /** A writer for one streamed answer. */
    StreamWriter streamWriter(ChatRequest request);
}
