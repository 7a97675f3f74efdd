package dev.freeport.dialect.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.api.Usage;

import java.util.HashMap;
import java.util.Map;

/**
 * Reads an OpenAI-style {@code usage} object, including the cache counters of hosts that spell them differently:
 * OpenAI's {@code prompt_tokens_details.cached_tokens}, DeepSeek's {@code prompt_cache_hit_tokens} and
 * Moonshot/Kimi's top-level {@code cached_tokens}, and {@code cache_creation_input_tokens} (cache writes). Public so stream accounting can read usage chunks the same way.
 */
public final class OpenAiUsage {

    private OpenAiUsage() {
    }

    /** The usage in {@code node}, or {@link Usage#NONE} when it is absent, null or not an object. */
    public static Usage from(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Usage.NONE;
        }
        long input = count(node.get("prompt_tokens"));
        long output = count(node.get("completion_tokens"));
        long cached = count(node.path("prompt_tokens_details").get("cached_tokens"));
        if (cached == 0) {
            cached = count(node.get("prompt_cache_hit_tokens"));
        }
        if (cached == 0) {
            cached = count(node.get("cached_tokens"));
        }
        long reasoning = count(node.path("completion_tokens_details").get("reasoning_tokens"));
        // cache writes have no OpenAI field; translated Anthropic streams carry them under LiteLLM's name
        long cacheWrite = count(node.get("cache_creation_input_tokens"));
        long writes = Math.min(cacheWrite, input);
        // a translated Anthropic answer carries the 1-hour part of its cache writes and its server-tool calls in
        // Anthropic's own fields (AnthropicUsage.toOpenAi): the ledger prices them
        long oneHour = Math.min(count(node.path("cache_creation").get("ephemeral_1h_input_tokens")), writes);
        return new Usage(input, output, Math.min(cached, input), writes, Math.min(reasoning, output), false, oneHour,
                serverTools(node.get("server_tool_use")));
    }

    private static Map<String, Long> serverTools(JsonNode n) {
        if (n == null || !n.isObject()) {
            return Map.of();
        }
        Map<String, Long> out = new HashMap<>();
        long search = count(n.get("web_search_requests"));
        long fetch = count(n.get("web_fetch_requests"));
        if (search > 0) {
            out.put("web_search", search);
        }
        if (fetch > 0) {
            out.put("web_fetch", fetch);
        }
        return out;
    }

    private static long count(JsonNode n) {
        if (n == null || !n.isNumber()) {
            return 0;
        }
        long v = n.asLong();
        return Math.max(v, 0);
    }
}
