package dev.freeport.dialect.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.Usage;
import dev.freeport.json.JsonFields;

/**
 * Gemini {@code usageMetadata} → OpenAI usage and {@link Usage}. prompt_tokens = promptTokenCount (+
 * toolUsePromptTokenCount, also billed as input); completion_tokens = candidatesTokenCount + thoughtsTokenCount
 * (thoughts are billed as output); reasoning_tokens = thoughtsTokenCount; cached_tokens =
 * cachedContentTokenCount.
 */
record GeminiUsage(long prompt, long completion, long cached, long reasoning) {

    static final GeminiUsage ZERO = new GeminiUsage(0, 0, 0, 0);

    static GeminiUsage of(JsonNode meta) {
        if (meta == null || !meta.isObject()) {
            return ZERO;
        }
        long prompt = JsonFields.count(meta, "promptTokenCount") + JsonFields.count(meta, "toolUsePromptTokenCount");
        long thoughts = JsonFields.count(meta, "thoughtsTokenCount");
        long completion = JsonFields.count(meta, "candidatesTokenCount") + thoughts;
        return new GeminiUsage(prompt, completion, Math.min(prompt, JsonFields.count(meta, "cachedContentTokenCount")),
                thoughts);
    }

    ObjectNode toOpenAi() {
        ObjectNode u = JsonFields.object();
        u.put("prompt_tokens", prompt).put("completion_tokens", completion).put("total_tokens", prompt + completion);
        u.putObject("prompt_tokens_details").put("cached_tokens", cached);
        u.putObject("completion_tokens_details").put("reasoning_tokens", reasoning);
        return u;
    }

    Usage toUsage() {
        return new Usage(prompt, completion, cached, 0, reasoning, false);
    }
}
