package dev.freeport.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.ChatRequest;
import dev.freeport.ledger.Fingerprints;
import dev.freeport.ledger.RequestFacts;
import dev.freeport.tokens.TokenCounter;

/**
 * The shape of a logged OpenAI-format request: the same fingerprints the gateway records ({@link Fingerprints}),
 * plus what the ledger does not keep (images, JSON output). Used by the log importers.
 */
record RequestShape(RequestFacts facts, boolean images, boolean jsonOutput, long promptChars, ChatRequest chat) {

    static RequestShape of(ObjectNode request, String team, String tags) {
        Integer max = request.hasNonNull("max_completion_tokens") ? Integer.valueOf(request.get("max_completion_tokens").asInt())
                : request.hasNonNull("max_tokens") ? Integer.valueOf(request.get("max_tokens").asInt()) : null;
        ChatRequest chat = new ChatRequest(request.path("model").asText(null), request.path("stream").asBoolean(false),
                false, max, request.path("user").asText(null), request);
        Fingerprints.Fingerprint fp = Fingerprints.of(chat, "openai");
        RequestFacts f = fp.facts();
        RequestFacts withOwner = new RequestFacts(f.front(), team, tags, f.promptHash(), f.prefixHash(),
                f.prefixTokens(), f.conversationKey(), f.messageCount(), f.maxTokens(), null, f.tools(), null);
        String format = request.path("response_format").path("type").asText("");
        return new RequestShape(withOwner, hasImages(request.path("messages")),
                format.equals("json_object") || format.equals("json_schema"), fp.promptChars(), chat);
    }

    /** The facts once the input tokens (and finish reason) are known. */
    RequestFacts settle(long inputTokens, String finishReason) {
        return Fingerprints.settlePrefix(facts, promptChars, inputTokens).withFinishReason(finishReason);
    }

    int countPromptTokens() {
        return TokenCounter.countPrompt(chat);
    }

    private static boolean hasImages(JsonNode messages) {
        for (JsonNode m : messages) {
            for (JsonNode part : m.path("content")) {
                String type = part.path("type").asText("");
                if (type.equals("image_url") || type.equals("input_image") || type.equals("image")) {
                    return true;
                }
            }
        }
        return false;
    }
}
