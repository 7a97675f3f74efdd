package dev.freeport.front;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.error.GatewayError;

/** How one API renders Freeport's one error model: the JSON body and the HTTP status. */
public interface ErrorShape {

    ObjectNode body(GatewayError error);

    /** The HTTP status this API uses for the error (e.g. Anthropic's 529 for overload). */
    default int status(GatewayError error) {
        return error.status();
    }
}
