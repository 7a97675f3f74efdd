package dev.freeport.dialect.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.json.JsonFields;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.UpstreamFailure;

/**
 * A Bedrock Converse answer → an Anthropic Message, which {@code AnthropicResponseMapper} turns into an OpenAI
 * chat.completion (the same road as Claude's own API). Text, toolUse and reasoning blocks map to text, tool_use
 * and thinking / redacted_thinking; other blocks (images, citations) are dropped. Stop reasons keep their names
 * (end_turn, tool_use, max_tokens, stop_sequence, model_context_window_exceeded) but guardrail_intervened and
 * content_filtered, which become refusal (OpenAI: content_filter). Usage: Converse's inputTokens exclude cache
 * reads and writes, as Anthropic's input_tokens do. Pure.
 */
public final class ConverseAnswers {
    private ConverseAnswers() {
    }

    /** @param id the message id to give the answer (Converse answers carry none in the body) */
    public static ObjectNode toMessage(String provider, JsonNode answer, String model, String id) {
        if (answer == null || !answer.isObject()) {
            throw malformed(provider, "answer is not a JSON object");
        }
        JsonNode message = answer.path("output").path("message");
        if (!message.path("content").isArray()) {
            throw malformed(provider, "answer has no output.message.content");
        }
        ObjectNode out = JsonFields.object();
        out.put("id", id);
        out.put("type", "message");
        out.put("role", "assistant");
        out.put("model", model);
        ArrayNode content = out.putArray("content");
        for (JsonNode b : message.get("content")) {
            ObjectNode block = block(b);
            if (block != null) {
                content.add(block);
            }
        }
        out.put("stop_reason", stopReason(JsonFields.text(answer, "stopReason")));
        out.putNull("stop_sequence");
        out.set("usage", usage(answer.get("usage")));
        return out;
    }

    static ObjectNode block(JsonNode b) {
        if (b.has("text")) {
            return JsonFields.object().put("type", "text").put("text", b.get("text").asText());
        }
        if (b.has("toolUse")) {
            JsonNode t = b.get("toolUse");
            ObjectNode out = JsonFields.object().put("type", "tool_use").put("id", JsonFields.text(t, "toolUseId"))
                    .put("name", JsonFields.text(t, "name"));
            JsonNode input = t.get("input");
            out.set("input", input == null || input.isNull() ? JsonFields.object() : input.deepCopy());
            return out;
        }
        JsonNode reasoning = b.get("reasoningContent");
        if (reasoning != null) {
            if (reasoning.has("redactedContent")) {
                return JsonFields.object().put("type", "redacted_thinking")
                        .put("data", reasoning.get("redactedContent").asText());
            }
            JsonNode r = reasoning.path("reasoningText");
            ObjectNode out = JsonFields.object().put("type", "thinking")
                    .put("thinking", String.valueOf(JsonFields.text(r, "text")));
            if (JsonFields.text(r, "signature") != null) {
                out.put("signature", JsonFields.text(r, "signature"));
            }
            return out;
        }
        return null;
    }

    /** Converse stopReason → Anthropic stop_reason. */
    public static String stopReason(String converse) {
        if (converse == null) {
            return "end_turn";
        }
        return switch (converse) {
            case "end_turn", "tool_use", "max_tokens", "stop_sequence", "model_context_window_exceeded" -> converse;
            case "guardrail_intervened", "content_filtered" -> "refusal";
            default -> "end_turn";
        };
    }

    /** Converse TokenUsage → Anthropic usage. */
    public static ObjectNode usage(JsonNode u) {
        ObjectNode out = JsonFields.object();
        out.put("input_tokens", JsonFields.longAt(u, "inputTokens"));
        out.put("output_tokens", JsonFields.longAt(u, "outputTokens"));
        out.put("cache_read_input_tokens", JsonFields.longAt(u, "cacheReadInputTokens"));
        out.put("cache_creation_input_tokens", JsonFields.longAt(u, "cacheWriteInputTokens"));
        return out;
    }

    static RuntimeException malformed(String provider, String message) {
        return UpstreamFailure.of(FailureKind.MALFORMED, 200, provider + ": " + message).toException();
    }
}
