package dev.freeport.dialect.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.json.Json;
import dev.freeport.tokens.TokenCounter;

/**
 * {@code POST /v1/messages/count_tokens}: Freeport's estimate of the prompt's tokens (cl100k_base over the OpenAI
 * translation, see {@link TokenCounter#countPrompt}); not Claude's tokenizer, so it differs from Anthropic's count
 * by some percent. Decode the body with {@link MessagesDecoder#decodeForCount}.
 */
public final class CountTokens {
    private CountTokens() {
    }

    public static int count(MessagesRequest request) {
        return TokenCounter.countPrompt(request.chat());
    }

    /** {@code {"input_tokens": N}}. */
    public static ObjectNode response(MessagesRequest request) {
        return Json.NODES.objectNode().put("input_tokens", count(request));
    }
}
