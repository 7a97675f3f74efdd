package dev.freeport.dialect.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.Usage;
import dev.freeport.json.Json;

import java.util.ArrayList;
import java.util.List;

/**
 * A complete answer and the stream of chunks it adds up to, both ways, in OpenAI's chat format (one choice): a kept
 * answer replayed as a stream ({@link #chunks}), and a stream's chunks added up to the answer they made
 * ({@link Assembler}). OpenAI's stream shape: a first delta with the role and the content, a delta with the finish
 * reason, and a last chunk with {@code "choices": []} and the usage (sent when the caller asked for
 * {@code stream_options.include_usage}; fronts drop it otherwise).
 */
public final class Completions {

    private Completions() {
    }

    /** The chunks of {@code completion}'s first choice, each a new tree, under the id {@code id}. */
    public static List<ObjectNode> chunks(ObjectNode completion, String id) {
        long created = completion.path("created").asLong(System.currentTimeMillis() / 1000);
        String model = completion.path("model").asText("");
        JsonNode choice = completion.path("choices").path(0);
        JsonNode message = choice.path("message");
        List<ObjectNode> out = new ArrayList<>(3);
        ObjectNode delta = Json.MAPPER.createObjectNode().put("role", "assistant");
        for (String field : List.of("content", "reasoning_content", "refusal")) {
            JsonNode v = message.get(field);
            if (v != null && v.isTextual()) {
                delta.put(field, v.textValue());
            }
        }
        JsonNode calls = message.get("tool_calls");
        if (calls != null && calls.isArray() && !calls.isEmpty()) {
            ArrayNode indexed = delta.putArray("tool_calls");
            for (int i = 0; i < calls.size(); i++) {
                indexed.add(((ObjectNode) calls.get(i).deepCopy()).put("index", i));
            }
        }
        out.add(chunk(id, created, model, delta, null));
        String finish = choice.path("finish_reason").asText("stop");
        out.add(chunk(id, created, model, Json.MAPPER.createObjectNode(), finish));
        JsonNode usage = completion.get("usage");
        if (usage != null && usage.isObject()) {
            ObjectNode last = head(id, created, model);
            last.putArray("choices");
            last.set("usage", usage.deepCopy());
            out.add(last);
        }
        return out;
    }

    private static ObjectNode chunk(String id, long created, String model, ObjectNode delta, String finish) {
        ObjectNode c = head(id, created, model);
        ObjectNode choice = c.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        return c;
    }

    private static ObjectNode head(String id, long created, String model) {
        return Json.MAPPER.createObjectNode().put("id", id).put("object", "chat.completion.chunk")
                .put("created", created).put("model", model);
    }

    /** OpenAI's usage object for {@code u}. */
    public static ObjectNode usage(Usage u) {
        ObjectNode o = Json.MAPPER.createObjectNode().put("prompt_tokens", u.inputTokens())
                .put("completion_tokens", u.outputTokens()).put("total_tokens", u.inputTokens() + u.outputTokens());
        if (u.cachedInputTokens() > 0) {
            o.putObject("prompt_tokens_details").put("cached_tokens", u.cachedInputTokens());
        }
        if (u.reasoningTokens() > 0) {
            o.putObject("completion_tokens_details").put("reasoning_tokens", u.reasoningTokens());
        }
        return o;
    }

    /**
     * Adds a stream's chunks up to the answer they made: the first choice's content and reasoning text and its
     * finish reason. A stream that calls tools is not added up (its deltas are fragments of arguments):
     * {@link #completion} is then null.
     */
    public static final class Assembler {
        private final StringBuilder content = new StringBuilder();
        private final StringBuilder reasoning = new StringBuilder();
        private boolean toolCalls;
        private String finishReason;
        private String id;
        private long created;

        /** One chunk as a tree. */
        public void add(JsonNode chunk) {
            if (id == null && chunk.hasNonNull("id")) {
                id = chunk.get("id").asText();
                created = chunk.path("created").asLong(0);
            }
            for (JsonNode choice : chunk.path("choices")) {
                if (choice.path("index").asInt(0) != 0) {
                    toolCalls = true; // more than one choice: not one answer to keep
                    continue;
                }
                JsonNode delta = choice.path("delta");
                append(content, delta.get("content"));
                append(reasoning, delta.get("reasoning_content"));
                JsonNode calls = delta.get("tool_calls");
                if (calls != null && !calls.isNull() && !calls.isEmpty()) {
                    toolCalls = true;
                }
                JsonNode fr = choice.get("finish_reason");
                if (fr != null && fr.isTextual()) {
                    finishReason = fr.textValue();
                }
            }
        }

        private static void append(StringBuilder sb, JsonNode n) {
            if (n != null && n.isTextual()) {
                sb.append(n.textValue());
            }
        }

        /** The answer the stream made, with {@code usage}; null when it called tools or never finished. */
        public ObjectNode completion(String model, Usage usage) {
            if (toolCalls || finishReason == null) {
                return null;
            }
            ObjectNode c = Json.MAPPER.createObjectNode().put("id", id == null ? "chatcmpl-cached" : id)
                    .put("object", "chat.completion")
                    .put("created", created > 0 ? created : System.currentTimeMillis() / 1000).put("model", model);
            ObjectNode choice = c.putArray("choices").addObject().put("index", 0);
            ObjectNode message = choice.putObject("message").put("role", "assistant")
                    .put("content", content.toString());
            if (!reasoning.isEmpty()) {
                message.put("reasoning_content", reasoning.toString());
            }
            choice.put("finish_reason", finishReason);
            c.set("usage", usage(usage));
            return c;
        }
    }
}
