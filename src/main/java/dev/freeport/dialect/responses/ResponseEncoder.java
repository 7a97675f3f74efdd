package dev.freeport.dialect.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.ChatResult;
import dev.freeport.api.Usage;
import dev.freeport.json.Json;

/**
 * A canonical chat.completion → a Responses API {@code response} object. Output order: a reasoning item (from
 * {@code reasoning_content}, or {@code reasoning} as Groq/OpenRouter/Ollama name it), a message (content as one
 * output_text part with empty annotations, or the refusal as a refusal part), then one function_call or
 * custom_tool_call item per tool call, by how the tool was declared (ids kept; a custom call's input taken from
 * its {@code input} argument). {@code status}: completed, or incomplete with {@code incomplete_details.reason}
 * max_output_tokens (finish_reason length) or content_filter; the last item of an incomplete response is marked
 * incomplete. The model reported is the one the caller asked for. Pure.
 */
public final class ResponseEncoder {
    private ResponseEncoder() {
    }

    /**
     * @param ids       the ids of this response and its items
     * @param createdAt Unix seconds
     */
    public static ObjectNode encode(ResponsesRequest request, ChatResult result, ResponseIds ids, long createdAt) {
        return encode(request, result, result.usage(), ids, createdAt);
    }

    /** As {@link #encode(ResponsesRequest, ChatResult, ResponseIds, long)} with the given usage (e.g. an estimate). */
    public static ObjectNode encode(ResponsesRequest request, ChatResult result, Usage usage, ResponseIds ids,
                                    long createdAt) {
        JsonNode choice = result.body().path("choices").path(0);
        JsonNode message = choice.path("message");
        ArrayNode output = Json.NODES.arrayNode();
        int n = 0;
        String reasoning = reasoning(message);
        if (reasoning != null && !reasoning.isEmpty()) {
            output.add(OutputItems.reasoning(ids.reasoning(n++), reasoning, "completed"));
        }
        String text = text(message.get("content"));
        String refusal = message.path("refusal").isTextual() ? message.get("refusal").textValue() : null;
        if (text != null && !text.isEmpty()) {
            output.add(OutputItems.message(ids.message(n++), text, false, "completed"));
        } else if (refusal != null && !refusal.isEmpty()) {
            output.add(OutputItems.message(ids.message(n++), refusal, true, "completed"));
        }
        JsonNode calls = message.get("tool_calls");
        if (calls != null && calls.isArray()) {
            for (JsonNode call : calls) {
                JsonNode fn = call.path("function");
                ToolNames.Tool tool = request.tools().resolve(fn.path("name").asText(""));
                String callId = call.path("id").isTextual() && !call.get("id").textValue().isEmpty()
                        ? call.get("id").textValue() : ids.callId(n);
                String id = tool.kind() == ToolNames.Kind.CUSTOM ? ids.customCall(n) : ids.functionCall(n);
                output.add(OutputItems.call(id, callId, tool, fn.path("arguments").asText(""), "completed"));
                n++;
            }
        }
        String finish = result.finishReason() != null ? result.finishReason()
                : choice.path("finish_reason").asText(null);
        String[] status = ResponseObject.status(finish);
        if (status[1] != null && !output.isEmpty()) {
            ((ObjectNode) output.get(output.size() - 1)).put("status", "incomplete");
        }
        return ResponseObject.build(request, ids.response(), createdAt, status[0], status[1], output, usage, null);
    }

    /** The reasoning text of a chat message or delta (reasoning_content, else reasoning), or null. */
    static String reasoning(JsonNode messageOrDelta) {
        JsonNode r = messageOrDelta.get("reasoning_content");
        if (r == null || !r.isTextual()) {
            r = messageOrDelta.get("reasoning");
        }
        return r != null && r.isTextual() ? r.textValue() : null;
    }

    /** Message content as text: a string, or the text parts of an array joined. */
    private static String text(JsonNode content) {
        if (content == null || content.isNull()) {
            return null;
        }
        if (content.isTextual()) {
            return content.textValue();
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : content) {
            if (part.path("text").isTextual()) {
                sb.append(part.get("text").textValue());
            }
        }
        return sb.toString();
    }
}
