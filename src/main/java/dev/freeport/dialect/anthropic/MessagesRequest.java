package dev.freeport.dialect.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.ChatRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * A validated Anthropic Messages request. {@code chat} is its translation to the canonical OpenAI chat request
 * every back end speaks; {@code original} is the caller's Anthropic body exactly as sent (cache_control,
 * thinking and all), for passing through unchanged to an Anthropic back end. Do not mutate {@code original}.
 *
 * @param chat     the OpenAI translation (model = the alias as sent; includeUsage = stream)
 * @param original the caller's Anthropic body
 * @param stream   whether the caller asked for server-sent events
 */
public record MessagesRequest(ChatRequest chat, ObjectNode original, boolean stream) {

    /** The requested model alias. */
    public String model() {
        return chat.model();
    }

    /**
     * {@code thinking.budget_tokens} when the caller enabled extended thinking, else null. Not forwarded to
     * OpenAI-compatible back ends (they have no common field for it); an Anthropic back end reads it from
     * {@link #original}.
     */
    public Integer thinkingBudget() {
        JsonNode t = original.get("thinking");
        if (t == null || !"enabled".equals(t.path("type").asText()) || !t.path("budget_tokens").canConvertToInt()) {
            return null;
        }
        return t.get("budget_tokens").intValue();
    }

    /** The caller's stop_sequences (empty when none). */
    public List<String> stopSequences() {
        List<String> out = new ArrayList<>();
        original.path("stop_sequences").forEach(s -> out.add(s.asText()));
        return out;
    }
}
