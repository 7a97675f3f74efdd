package dev.freeport.provider.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Shapes an {@link Answer} into OpenAI's wire JSON: a {@code chat.completion} body, or the sequence of
 * {@code chat.completion.chunk}s of a stream (content chunks, the finish chunk, then the usage chunk with
 * {@code "choices":[]} as OpenAI sends it with {@code stream_options.include_usage}).
 */
final class OpenAiShapes {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private OpenAiShapes() {
    }

    static ObjectNode completion(String id, long created, String model, Answer answer, int promptTokens) {
        ObjectNode body = head(id, "chat.completion", created, model);
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        if (answer.isToolCalls()) {
            message.putNull("content");
            ArrayNode calls = message.putArray("tool_calls");
            for (Answer.ToolCall c : answer.toolCalls()) {
                ObjectNode call = calls.addObject();
                call.put("id", c.id());
                call.put("type", "function");
                ObjectNode fn = call.putObject("function");
                fn.put("name", c.name());
                fn.put("arguments", c.arguments());
            }
        } else {
            message.put("content", answer.content());
        }
        message.putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", answer.finishReason());
        body.set("usage", usage(promptTokens, answer.completionTokens()));
        return body;
    }

    /**
     * The chunks of a stream. The first {@code result.paced()} chunks carry the answer and are paced by the
     * stream; the remaining two (finish, usage) follow the last one at once.
     */
    static Chunks chunks(String id, long created, String model, Answer answer, int promptTokens) {
        List<ObjectNode> out = new ArrayList<>();
        if (answer.isToolCalls()) {
            boolean first = true;
            for (int i = 0; i < answer.toolCalls().size(); i++) {
                Answer.ToolCall c = answer.toolCalls().get(i);
                ObjectNode delta = F.objectNode();
                if (first) {
                    delta.put("role", "assistant");
                    delta.putNull("content");
                    first = false;
                }
                ObjectNode call = delta.putArray("tool_calls").addObject();
                call.put("index", i);
                call.put("id", c.id());
                call.put("type", "function");
                ObjectNode fn = call.putObject("function");
                fn.put("name", c.name());
                fn.put("arguments", "");
                out.add(chunk(id, created, model, delta, null));
                for (String fragment : AnswerWriter.fragments(c.arguments())) {
                    ObjectNode d = F.objectNode();
                    ObjectNode part = d.putArray("tool_calls").addObject();
                    part.put("index", i);
                    part.putObject("function").put("arguments", fragment);
                    out.add(chunk(id, created, model, d, null));
                }
            }
        } else {
            List<String> pieces = answer.contentPieces();
            for (int i = 0; i < Math.max(1, pieces.size()); i++) {
                ObjectNode delta = F.objectNode();
                if (i == 0) {
                    delta.put("role", "assistant");
                }
                delta.put("content", pieces.isEmpty() ? "" : pieces.get(i));
                out.add(chunk(id, created, model, delta, null));
            }
        }
        int paced = out.size();
        out.add(chunk(id, created, model, F.objectNode(), answer.finishReason()));
        ObjectNode usage = head(id, "chat.completion.chunk", created, model);
        usage.putArray("choices");
        usage.set("usage", usage(promptTokens, answer.completionTokens()));
        out.add(usage);
        return new Chunks(List.copyOf(out), paced);
    }

    /** All chunks of a stream; the first {@code paced} carry the answer. */
    record Chunks(List<ObjectNode> all, int paced) {
    }

    static ObjectNode usage(int promptTokens, int completionTokens) {
        ObjectNode u = F.objectNode();
        u.put("prompt_tokens", promptTokens);
        u.put("completion_tokens", completionTokens);
        u.put("total_tokens", promptTokens + completionTokens);
        u.putObject("prompt_tokens_details").put("cached_tokens", 0);
        u.putObject("completion_tokens_details").put("reasoning_tokens", 0);
        return u;
    }

    private static ObjectNode chunk(String id, long created, String model, ObjectNode delta, String finish) {
        ObjectNode c = head(id, "chat.completion.chunk", created, model);
        ObjectNode choice = c.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        return c;
    }

    private static ObjectNode head(String id, String object, long created, String model) {
        ObjectNode o = F.objectNode();
        o.put("id", id);
        o.put("object", object);
        o.put("created", created);
        o.put("model", model);
        return o;
    }
}
