package dev.freeport.dialect.responses;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.json.Json;
import dev.freeport.tokens.TokenCounter;

/**
 * {@code POST /v1/responses/input_tokens}: Freeport's count of the request's input (cl100k_base over the chat
 * translation, see {@link TokenCounter#countPrompt}; instructions, the earlier conversation of a
 * previous_response_id, the input and the tools). It is not the back end's own tokenizer, so it can differ from
 * the tokens a model is billed by some percent. Decode the body with {@link ResponsesDecoder#decodeForCount}.
 */
public final class InputTokens {
    private InputTokens() {
    }

    /** {@code {"object": "response.input_tokens", "input_tokens": N}}. */
    public static ObjectNode response(ResponsesRequest request) {
        return Json.NODES.objectNode().put("object", "response.input_tokens")
                .put("input_tokens", TokenCounter.countPrompt(request.chat()));
    }
}
