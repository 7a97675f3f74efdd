package dev.freeport.dialect.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.api.Usage;

import java.io.IOException;
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

    /**
     * The usage object at the parser's current token ({@code START_OBJECT}), read as {@link #from(JsonNode)} reads
     * its tree but without building one; leaves the parser at the object's {@code END_OBJECT}. The same fields, the
     * same rules (a later duplicate wins, a non-number counts 0, a fraction is truncated).
     */
    public static Usage from(JsonParser p) throws IOException {
        Counts c = new Counts();
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "prompt_tokens" -> c.input = count(p, v);
                case "completion_tokens" -> c.output = count(p, v);
                case "prompt_cache_hit_tokens" -> c.cacheHit = count(p, v);
                case "cached_tokens" -> c.cachedTop = count(p, v);
                case "cache_creation_input_tokens" -> c.cacheWrite = count(p, v);
                case "prompt_tokens_details" -> c.cachedDetail = member(p, v, "cached_tokens");
                case "completion_tokens_details" -> c.reasoning = member(p, v, "reasoning_tokens");
                case "cache_creation" -> c.oneHour = member(p, v, "ephemeral_1h_input_tokens");
                case "server_tool_use" -> {
                    c.toolsObject = v == JsonToken.START_OBJECT;
                    long[] calls = members(p, v, "web_search_requests", "web_fetch_requests");
                    c.search = calls[0];
                    c.fetch = calls[1];
                }
                default -> p.skipChildren();
            }
        }
        return c.usage();
    }

    /** What {@link #from(JsonParser)} (or {@link UsageBytes}) has read so far. */
    static final class Counts {
        long input, output, cachedDetail, cacheHit, cachedTop, reasoning, cacheWrite, oneHour, search, fetch;
        boolean toolsObject;

        Usage usage() {
            long cached = cachedDetail != 0 ? cachedDetail : cacheHit != 0 ? cacheHit : cachedTop;
            long writes = Math.min(cacheWrite, input);
            Map<String, Long> tools = Map.of();
            if (toolsObject && (search > 0 || fetch > 0)) {
                tools = new HashMap<>();
                if (search > 0) {
                    tools.put("web_search", search);
                }
                if (fetch > 0) {
                    tools.put("web_fetch", fetch);
                }
            }
            return new Usage(input, output, Math.min(cached, input), writes, Math.min(reasoning, output), false,
                    Math.min(oneHour, writes), tools);
        }
    }

    /** The count in {@code name} of the object at the current token (0 when it is no object or has none). */
    private static long member(JsonParser p, JsonToken v, String name) throws IOException {
        return members(p, v, name, null)[0];
    }

    private static long[] members(JsonParser p, JsonToken v, String first, String second) throws IOException {
        long[] out = new long[2];
        if (v != JsonToken.START_OBJECT) {
            p.skipChildren();
            return out;
        }
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (name.equals(first)) {
                out[0] = count(p, value);
            } else if (name.equals(second)) {
                out[1] = count(p, value);
            } else {
                p.skipChildren();
            }
        }
        return out;
    }

    /** A number token as {@link #count(JsonNode)} reads its node: truncated, wrapped as Jackson's nodes wrap. */
    private static long count(JsonParser p, JsonToken v) throws IOException {
        long n;
        if (v == JsonToken.VALUE_NUMBER_INT) {
            n = p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue().longValue()
                    : p.getLongValue();
        } else if (v == JsonToken.VALUE_NUMBER_FLOAT) {
            n = p.getDecimalValue().longValue();
        } else {
            p.skipChildren();
            return 0;
        }
        return Math.max(n, 0);
    }
}
