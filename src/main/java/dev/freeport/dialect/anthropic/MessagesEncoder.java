package dev.freeport.dialect.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.ChatResult;
import dev.freeport.api.Usage;
import dev.freeport.json.Json;

/**
 * An OpenAI chat.completion → an Anthropic Message. Content order: a thinking block (from
 * {@code reasoning_content}/{@code reasoning}, with an empty signature: only Anthropic can sign), a text block
 * (content, or the refusal text), then one tool_use block per tool call (id kept; arguments parsed, see
 * {@link Shapes#toolInput}). {@code stop_reason} via {@code StopReasons.toAnthropic}, tool_use whenever calls are
 * present; {@code stop_sequence} is set (with stop_reason stop_sequence) only when the host names the matched
 * string (vLLM/SGLang's {@code choices[0].stop_reason}), since OpenAI does not say which stop matched.
 * The model reported is the alias the caller asked for. Pure.
 */
public final class MessagesEncoder {
    private MessagesEncoder() {
    }

    /** Encodes with the result's own usage. */
    public static ObjectNode encode(ChatResult result, String requestedModel) {
        return encode(result, requestedModel, result.usage());
    }

    /** Encodes with the given usage (e.g. Freeport's estimate when the upstream reported none). */
    public static ObjectNode encode(ChatResult result, String requestedModel, Usage usage) {
        ObjectNode body = result.body();
        String id = Shapes.messageId(body.path("id").asText(null));
        JsonNode choice = body.path("choices").path(0);
        JsonNode message = choice.path("message");

        ArrayNode content = Json.NODES.arrayNode();
        String reasoning = Shapes.reasoning(message);
        if (reasoning != null && !reasoning.isEmpty()) {
            content.addObject().put("type", "thinking").put("thinking", reasoning).put("signature", "");
        }
        String text = text(message.get("content"));
        if (text == null || text.isEmpty()) {
            text = message.path("refusal").isTextual() ? message.get("refusal").textValue() : text;
        }
        if (text != null && !text.isEmpty()) {
            content.addObject().put("type", "text").put("text", text);
        }
        JsonNode calls = message.get("tool_calls");
        int n = 0;
        if (calls != null && calls.isArray()) {
            for (JsonNode call : calls) {
                JsonNode fn = call.path("function");
                String callId = call.path("id").isTextual() ? call.get("id").textValue() : Shapes.toolUseId(id, n);
                ObjectNode block = content.addObject().put("type", "tool_use").put("id", callId)
                        .put("name", fn.path("name").asText(""));
                block.set("input", Shapes.toolInput(fn.path("arguments").asText(null)));
                n++;
            }
        }
        String finish = result.finishReason() != null ? result.finishReason()
                : choice.path("finish_reason").asText(null);
        String matched = Shapes.matchedStop(choice);
        String stopReason = Shapes.stopReason(finish, n > 0, matched);

        ObjectNode out = Json.NODES.objectNode();
        out.put("id", id);
        out.put("type", "message");
        out.put("role", "assistant");
        out.put("model", requestedModel);
        out.set("content", content);
        out.put("stop_reason", stopReason);
        if ("stop_sequence".equals(stopReason)) {
            out.put("stop_sequence", matched);
        } else {
            out.putNull("stop_sequence");
        }
        out.set("usage", Shapes.usage(usage));
        return out;
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
