package dev.freeport.dialect.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.ChatResult;
import dev.freeport.json.JsonFields;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.UpstreamFailure;

/**
 * Anthropic Message → OpenAI chat.completion. Text blocks are joined into {@code content}, tool_use blocks
 * become {@code tool_calls} (input serialized as the arguments string), thinking blocks become
 * {@code reasoning_content}. With a json_schema {@link JsonOutput}, the forced tool's input becomes the content.
 * Pure.
 */
public final class AnthropicResponseMapper {
    private AnthropicResponseMapper() {
    }

    /**
     * @param message       the parsed Anthropic response body
     * @param fallbackModel the model to report when the body has none
     * @param created       the OpenAI {@code created} timestamp (epoch seconds)
     * @param json          the request's JSON-output emulation
     * @throws dev.freeport.provider.UpstreamException MALFORMED when {@code message} is not a Message
     */
    public static ChatResult map(JsonNode message, String fallbackModel, long created, JsonOutput json) {
        if (message == null || !message.isObject() || !"message".equals(JsonFields.text(message, "type"))
                || !message.path("content").isArray()) {
            throw UpstreamFailure.of(FailureKind.MALFORMED, 200, "anthropic answer is not a message").toException();
        }
        StringBuilder text = null;
        StringBuilder thinking = null;
        String jsonAnswer = null;
        ArrayNode toolCalls = JsonFields.F.arrayNode();
        for (JsonNode block : message.get("content")) {
            switch (String.valueOf(JsonFields.text(block, "type"))) {
                case "text" -> text = append(text, JsonFields.text(block, "text"));
                case "thinking" -> thinking = append(thinking, JsonFields.text(block, "thinking"));
                case "tool_use" -> {
                    String input = block.path("input").isMissingNode() ? "{}" : block.get("input").toString();
                    if (json.isJsonTool(JsonFields.text(block, "name"))) {
                        jsonAnswer = input;
                    } else {
                        toolCalls.add(toolCall(JsonFields.text(block, "id"), JsonFields.text(block, "name"), input));
                    }
                }
                default -> {
                    // redacted_thinking, server tool blocks: nothing OpenAI can show
                }
            }
        }
        String content = jsonAnswer != null ? jsonAnswer
                : text != null ? text.toString() : toolCalls.isEmpty() ? "" : null;
        ObjectNode msg = JsonFields.object().put("role", "assistant").put("content", content);
        msg.putNull("refusal");
        if (thinking != null) {
            msg.put("reasoning_content", thinking.toString());
        }
        if (!toolCalls.isEmpty()) {
            msg.set("tool_calls", toolCalls);
        }
        String finish = StopReasons.toOpenAi(JsonFields.text(message, "stop_reason"));
        if ("tool_calls".equals(finish) && toolCalls.isEmpty() && jsonAnswer != null) {
            finish = "stop";
        }
        AnthropicUsage usage = AnthropicUsage.of(message.get("usage"));

        ObjectNode out = JsonFields.object();
        out.put("id", JsonFields.text(message, "id"));
        out.put("object", "chat.completion");
        out.put("created", created);
        String model = JsonFields.text(message, "model");
        out.put("model", model != null ? model : fallbackModel);
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("message", msg);
        choice.putNull("logprobs");
        choice.put("finish_reason", finish);
        out.set("usage", usage.toOpenAi());
        return new ChatResult(out, usage.toUsage(), finish);
    }

    /** One OpenAI tool call (also used by the stream decoder's first delta for a tool). */
    static ObjectNode toolCall(String id, String name, String arguments) {
        ObjectNode call = JsonFields.object().put("id", id).put("type", "function");
        call.putObject("function").put("name", name).put("arguments", arguments);
        return call;
    }

    private static StringBuilder append(StringBuilder sb, String s) {
        StringBuilder out = sb == null ? new StringBuilder() : sb;
        return s == null ? out : out.append(s);
    }
}
