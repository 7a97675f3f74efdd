package dev.freeport.dialect.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.Usage;
import dev.freeport.json.JsonFields;

/**
 * Anthropic's usage counts. Anthropic reports {@code input_tokens} without the cached parts, so the total prompt
 * is input + cache_read + cache_creation; OpenAI's {@code prompt_tokens} and Freeport's {@link Usage} both want
 * that total.
 */
public record AnthropicUsage(long inputTokens, long cacheReadTokens, long cacheCreationTokens, long outputTokens) {

    public static final AnthropicUsage ZERO = new AnthropicUsage(0, 0, 0, 0);

    /** Reads an Anthropic {@code usage} object (missing fields are 0). */
    public static AnthropicUsage of(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return ZERO;
        }
        return new AnthropicUsage(JsonFields.longAt(usage, "input_tokens"), JsonFields.longAt(usage, "cache_read_input_tokens"),
                JsonFields.longAt(usage, "cache_creation_input_tokens"), JsonFields.longAt(usage, "output_tokens"));
    }

    /**
     * Overlays a later (cumulative) usage report such as message_delta's: fields present there win, absent
     * ones keep this report's value.
     */
    public AnthropicUsage updatedBy(JsonNode later) {
        if (later == null || !later.isObject()) {
            return this;
        }
        return new AnthropicUsage(pick(later, "input_tokens", inputTokens),
                pick(later, "cache_read_input_tokens", cacheReadTokens),
                pick(later, "cache_creation_input_tokens", cacheCreationTokens),
                pick(later, "output_tokens", outputTokens));
    }

    public long promptTokens() {
        return inputTokens + cacheReadTokens + cacheCreationTokens;
    }

    public Usage toUsage() {
        return new Usage(promptTokens(), outputTokens, cacheReadTokens, cacheCreationTokens, 0, false);
    }

    /**
     * The OpenAI {@code usage} object. Cache writes have no OpenAI field; they are reported as
     * {@code cache_creation_input_tokens} (the name LiteLLM uses) when non-zero.
     */
    public ObjectNode toOpenAi() {
        ObjectNode u = JsonFields.object();
        u.put("prompt_tokens", promptTokens());
        u.put("completion_tokens", outputTokens);
        u.put("total_tokens", promptTokens() + outputTokens);
        u.putObject("prompt_tokens_details").put("cached_tokens", cacheReadTokens);
        if (cacheCreationTokens > 0) {
            u.put("cache_creation_input_tokens", cacheCreationTokens);
        }
        return u;
    }

    private static long pick(JsonNode node, String field, long fallback) {
        JsonNode v = node.get(field);
        return v != null && v.isNumber() ? v.asLong() : fallback;
    }
}
