package dev.freeport.dialect.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.ChatResult;
import dev.freeport.json.JsonFields;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.UpstreamFailure;

/**
 * Gemini {@code GenerateContentResponse} → OpenAI chat.completion. Each candidate is one choice: its text parts
 * joined → {@code content}, thought parts ({@code thought:true}) → {@code reasoning_content}, functionCall parts →
 * {@code tool_calls} (ids from {@link ToolCallIds}). A prompt blocked before any candidate
 * ({@code promptFeedback.blockReason}) is one empty choice with finish_reason content_filter. Pure.
 */
public final class GeminiResponseMapper {
    private GeminiResponseMapper() {
    }

    /**
     * @param root          the parsed answer
     * @param fallbackModel the model to report when the answer names none
     * @param created       the OpenAI {@code created} timestamp (epoch seconds)
     */
    public static ChatResult map(String provider, JsonNode root, String fallbackModel, long created) {
        if (root == null || !root.isObject()) {
            throw malformed(provider, "answer is not a JSON object");
        }
        JsonNode candidates = root.get("candidates");
        boolean blocked = JsonFields.has(root.get("promptFeedback"), "blockReason");
        if ((candidates == null || !candidates.isArray() || candidates.isEmpty()) && !blocked) {
            if (JsonFields.has(root, "error")) {
                String m = GeminiErrors.parse(root).message();
                throw malformed(provider, "2xx answer carries an error: " + (m == null ? "unknown" : m));
            }
            throw malformed(provider, "answer has no candidates");
        }
        ObjectNode out = JsonFields.object();
        out.put("id", id(root));
        out.put("object", "chat.completion");
        out.put("created", created);
        String model = JsonFields.text(root, "modelVersion");
        out.put("model", model != null ? model : fallbackModel);
        ArrayNode choices = out.putArray("choices");
        String firstFinish = null;
        if (candidates == null || !candidates.isArray() || candidates.isEmpty()) {
            ObjectNode choice = choice(choices, 0, JsonFields.object().put("role", "assistant").put("content", ""));
            choice.put("finish_reason", "content_filter");
            firstFinish = "content_filter";
        } else {
            for (int i = 0; i < candidates.size(); i++) {
                JsonNode c = candidates.get(i);
                int index = c.path("index").isInt() ? c.get("index").asInt() : i;
                String finish = candidate(c, index, choices);
                if (i == 0) {
                    firstFinish = finish;
                }
            }
        }
        GeminiUsage usage = GeminiUsage.of(root.get("usageMetadata"));
        out.set("usage", usage.toOpenAi());
        return new ChatResult(out, usage.toUsage(), firstFinish);
    }

    /** The OpenAI id: "chatcmpl-" + Gemini's responseId, or a fixed one when it sent none. */
    static String id(JsonNode root) {
        String rid = JsonFields.text(root, "responseId");
        return "chatcmpl-" + (rid != null ? rid : "gemini");
    }

    private static String candidate(JsonNode c, int index, ArrayNode choices) {
        StringBuilder text = null;
        StringBuilder thoughts = null;
        ArrayNode calls = JsonFields.F.arrayNode();
        JsonNode parts = c.path("content").path("parts");
        if (parts.isArray()) {
            for (JsonNode p : parts) {
                if (p.has("functionCall")) {
                    calls.add(toolCall(p, calls.size()));
                } else if (JsonFields.text(p, "text") != null) {
                    if (p.path("thought").asBoolean(false)) {
                        thoughts = (thoughts == null ? new StringBuilder() : thoughts).append(p.get("text").asText());
                    } else {
                        text = (text == null ? new StringBuilder() : text).append(p.get("text").asText());
                    }
                }
            }
        }
        ObjectNode msg = JsonFields.object().put("role", "assistant");
        msg.put("content", text != null ? text.toString() : calls.isEmpty() ? "" : null);
        msg.putNull("refusal");
        if (thoughts != null) {
            msg.put("reasoning_content", thoughts.toString());
        }
        if (!calls.isEmpty()) {
            msg.set("tool_calls", calls);
        }
        String reason = JsonFields.text(c, "finishReason");
        String finish = FinishReasons.toOpenAi(reason == null ? "STOP" : reason, !calls.isEmpty());
        choice(choices, index, msg).put("finish_reason", finish);
        return finish;
    }

    private static ObjectNode choice(ArrayNode choices, int index, ObjectNode message) {
        ObjectNode choice = choices.addObject();
        choice.put("index", index);
        choice.set("message", message);
        choice.putNull("logprobs");
        return choice;
    }

    /** One OpenAI tool call for a functionCall part; {@code index} counts function calls in the candidate. */
    static ObjectNode toolCall(JsonNode part, int index) {
        JsonNode fc = part.get("functionCall");
        String name = String.valueOf(JsonFields.text(fc, "name"));
        JsonNode args = fc.get("args");
        String arguments = args == null || args.isNull() ? "{}" : args.toString();
        String id = ToolCallIds.forCall(JsonFields.text(fc, "id"), name, arguments, index,
                JsonFields.text(part, "thoughtSignature"));
        ObjectNode call = JsonFields.object().put("id", id).put("type", "function");
        call.putObject("function").put("name", name).put("arguments", arguments);
        return call;
    }

    public static RuntimeException malformed(String provider, String message) {
        return UpstreamFailure.of(FailureKind.MALFORMED, 200, provider + ": " + message).toException();
    }
}
