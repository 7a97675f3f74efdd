package dev.freeport.dialect.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.Usage;
import dev.freeport.json.JsonFields;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Anthropic's usage counts. Anthropic reports {@code input_tokens} without the cached parts, so the total prompt
 * is input + cache_read + cache_creation; OpenAI's {@code prompt_tokens} and Freeport's {@link Usage} both want
 * that total. What the bill also depends on rides along: the 1-hour part of the cache writes
 * ({@code cache_creation.ephemeral_1h_input_tokens}) and the server-tool calls billed per call
 * ({@code server_tool_use.web_search_requests}, {@code web_fetch_requests}).
 */
public record AnthropicUsage(long inputTokens, long cacheReadTokens, long cacheCreationTokens, long outputTokens,
                             long cacheWrite1hTokens, Map<String, Long> serverToolCalls) {

    public static final AnthropicUsage ZERO = new AnthropicUsage(0, 0, 0, 0);
    /** Anthropic's {@code server_tool_use} counters and the catalog's names for the tools they count. */
    private static final Map<String, String> SERVER_TOOLS = Map.of("web_search_requests", "web_search",
            "web_fetch_requests", "web_fetch");

    public AnthropicUsage {
        serverToolCalls = serverToolCalls == null ? Map.of() : Map.copyOf(serverToolCalls);
    }

    public AnthropicUsage(long inputTokens, long cacheReadTokens, long cacheCreationTokens, long outputTokens) {
        this(inputTokens, cacheReadTokens, cacheCreationTokens, outputTokens, 0, Map.of());
    }

    /** Reads an Anthropic {@code usage} object (missing fields are 0). */
    public static AnthropicUsage of(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return ZERO;
        }
        return ZERO.updatedBy(usage);
    }

    /**
     * Overlays a later (cumulative) usage report such as message_delta's: fields present there win, absent
     * ones keep this report's value.
     */
    public AnthropicUsage updatedBy(JsonNode later) {
        if (later == null || !later.isObject()) {
            return this;
        }
        Map<String, Long> tools = new LinkedHashMap<>(serverToolCalls);
        JsonNode stu = later.get("server_tool_use");
        if (stu != null && stu.isObject()) {
            SERVER_TOOLS.forEach((field, name) -> {
                JsonNode v = stu.get(field);
                if (v != null && v.isNumber() && v.asLong() > 0) {
                    tools.put(name, v.asLong());
                }
            });
        }
        return new AnthropicUsage(pick(later, "input_tokens", inputTokens),
                pick(later, "cache_read_input_tokens", cacheReadTokens),
                pick(later, "cache_creation_input_tokens", cacheCreationTokens),
                pick(later, "output_tokens", outputTokens),
                pick(later.path("cache_creation"), "ephemeral_1h_input_tokens", cacheWrite1hTokens), tools);
    }

    public long promptTokens() {
        return inputTokens + cacheReadTokens + cacheCreationTokens;
    }

    public Usage toUsage() {
        return new Usage(promptTokens(), outputTokens, cacheReadTokens, cacheCreationTokens, 0, false,
                Math.min(cacheWrite1hTokens, cacheCreationTokens), serverToolCalls);
    }

    /**
     * The OpenAI {@code usage} object. Cache writes have no OpenAI field; they are reported as
     * {@code cache_creation_input_tokens} (the name LiteLLM uses) when non-zero, with Anthropic's own
     * {@code cache_creation} split when some were written for an hour, and Anthropic's {@code server_tool_use}
     * when server tools were called (what the ledger prices them by).
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
        if (cacheWrite1hTokens > 0) {
            long oneHour = Math.min(cacheWrite1hTokens, cacheCreationTokens);
            u.putObject("cache_creation").put("ephemeral_5m_input_tokens", cacheCreationTokens - oneHour)
                    .put("ephemeral_1h_input_tokens", oneHour);
        }
        if (!serverToolCalls.isEmpty()) {
            ObjectNode s = u.putObject("server_tool_use");
            SERVER_TOOLS.forEach((field, name) -> {
                Long n = serverToolCalls.get(name);
                if (n != null) {
                    s.put(field, n);
                }
            });
        }
        return u;
    }

    private static long pick(JsonNode node, String field, long fallback) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isNumber() ? v.asLong() : fallback;
    }
}
