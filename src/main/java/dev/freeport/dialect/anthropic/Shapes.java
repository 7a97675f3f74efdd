package dev.freeport.dialect.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.Usage;
import dev.freeport.json.Json;

import java.util.concurrent.ThreadLocalRandom;

/** Pieces of the Anthropic answer shared by the JSON and the stream encoders. */
final class Shapes {
    /** Where unparseable tool arguments go in a tool_use input (see {@link #toolInput}). */
    static final String INVALID_ARGUMENTS = "_freeport_invalid_arguments";

    private Shapes() {
    }

    /**
     * An Anthropic message id for an OpenAI completion id: an id that already is one ({@code msg_...}, from an
     * Anthropic back end) is kept; {@code chatcmpl-abc} becomes {@code msg_abc}; a missing id becomes a random one.
     */
    static String messageId(String openAiId) {
        if (openAiId == null || openAiId.isBlank()) {
            return "msg_" + Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE)
                    + Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
        }
        if (openAiId.startsWith("msg_")) {
            return openAiId;
        }
        String rest = openAiId.startsWith("chatcmpl-") ? openAiId.substring("chatcmpl-".length()) : openAiId;
        return "msg_" + rest.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    /** A tool_use id for a call the upstream sent without one. */
    static String toolUseId(String messageId, int index) {
        return "toolu_" + messageId.substring(messageId.startsWith("msg_") ? 4 : 0) + "_" + index;
    }

    /**
     * Anthropic usage: input_tokens excludes the cached parts (Anthropic's convention), which are reported as
     * cache_read_input_tokens and cache_creation_input_tokens.
     */
    static ObjectNode usage(Usage u) {
        Usage usage = u == null ? Usage.NONE : u;
        long input = Math.max(0, usage.inputTokens() - usage.cachedInputTokens() - usage.cacheCreationTokens());
        ObjectNode out = Json.NODES.objectNode();
        out.put("input_tokens", input);
        out.put("cache_creation_input_tokens", usage.cacheCreationTokens());
        out.put("cache_read_input_tokens", usage.cachedInputTokens());
        out.put("output_tokens", usage.outputTokens());
        return out;
    }

    /**
     * A tool_use input from OpenAI arguments text: empty → {}, a JSON object → itself. Anything else (invalid or
     * truncated JSON, a non-object) → {@code {"_freeport_invalid_arguments": "<raw text>"}}, so the client's schema
     * check fails visibly with what the model sent instead of the tool running with no arguments.
     */
    static ObjectNode toolInput(String arguments) {
        if (arguments == null || arguments.isBlank()) {
            return Json.NODES.objectNode();
        }
        try {
            JsonNode parsed = Json.MAPPER.readTree(arguments);
            if (parsed != null && parsed.isObject()) {
                return (ObjectNode) parsed;
            }
        } catch (JsonProcessingException e) {
            // fall through
        }
        return Json.NODES.objectNode().put(INVALID_ARGUMENTS, arguments);
    }

    /** The reasoning text of an OpenAI message or delta: reasoning_content (DeepSeek, Qwen, Kimi, vLLM) or reasoning (Groq, OpenRouter, Ollama). */
    static String reasoning(JsonNode messageOrDelta) {
        JsonNode r = messageOrDelta.get("reasoning_content");
        if (r == null || !r.isTextual()) {
            r = messageOrDelta.get("reasoning");
        }
        return r != null && r.isTextual() ? r.textValue() : null;
    }

    /**
     * The stop_reason for an OpenAI finish_reason. A stop with tool calls present is tool_use (some hosts say
     * "stop" there, and agent loops key on tool_use); no finish reason is end_turn (or tool_use with calls).
     */
    static String stopReason(String finishReason, boolean hasToolCalls, String matchedStop) {
        String r = StopReasons.toAnthropic(finishReason);
        if (hasToolCalls && (r == null || r.equals("end_turn"))) {
            return "tool_use";
        }
        if (matchedStop != null && (r == null || r.equals("end_turn"))) {
            return "stop_sequence";
        }
        return r == null ? "end_turn" : r;
    }

    /** vLLM/SGLang name the matched stop string in a choice's {@code stop_reason}; others say nothing. */
    static String matchedStop(JsonNode choice) {
        JsonNode s = choice == null ? null : choice.get("stop_reason");
        String fr = choice == null ? null : choice.path("finish_reason").asText(null);
        return s != null && s.isTextual() && "stop".equals(fr) ? s.textValue() : null;
    }
}
