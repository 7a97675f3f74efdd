package dev.freeport.dialect.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.json.JsonFields;

/**
 * OpenAI chat parameters that have no equivalent in another vendor's API (Anthropic Messages, Gemini): a codec
 * translating to one refuses them with a 400 naming the field rather than dropping them silently.
 */
public final class OpenAiOnlyFields {
    private OpenAiOnlyFields() {
    }

    /**
     * The first field of {@code body} that cannot be mapped (logprobs, top_logprobs, audio, non-text modalities,
     * logit_bias, web_search_options, then {@code alsoUnmappable}, then the legacy functions/function_call), as the
     * caller should read it; null when there is none.
     */
    public static String firstUnmappable(JsonNode body, String... alsoUnmappable) {
        if (body.path("logprobs").asBoolean(false)) {
            return "logprobs";
        }
        if (JsonFields.has(body, "top_logprobs") && body.get("top_logprobs").asInt() > 0) {
            return "top_logprobs";
        }
        if (JsonFields.has(body, "audio")) {
            return "audio";
        }
        JsonNode modalities = body.get("modalities");
        if (modalities != null && modalities.isArray()) {
            for (JsonNode m : modalities) {
                if (!"text".equals(m.asText())) {
                    return "modalities=" + modalities;
                }
            }
        }
        JsonNode bias = body.get("logit_bias");
        if (bias != null && bias.isObject() && !bias.isEmpty()) {
            return "logit_bias";
        }
        if (JsonFields.has(body, "web_search_options")) {
            return "web_search_options";
        }
        for (String f : alsoUnmappable) {
            if (JsonFields.has(body, f)) {
                return f;
            }
        }
        if (JsonFields.has(body, "functions") || JsonFields.has(body, "function_call")) {
            return "functions/function_call (legacy; use tools)";
        }
        return null;
    }
}
