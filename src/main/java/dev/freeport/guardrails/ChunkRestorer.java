package dev.freeport.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Restores pseudonyms in a stream of OpenAI {@code chat.completion.chunk} objects: one {@link StreamRestorer}
 * per choice for {@code delta.content}, one for {@code delta.reasoning_content} and one per tool call (by its
 * {@code index}) for {@code function.arguments}. What is held back is released in the chunk that carries the
 * choice's {@code finish_reason}, or by {@link #flush(ObjectNode)} when a stream ends without one. One per
 * response; not thread-safe.
 */
public final class ChunkRestorer {
    private final Vault vault;
    /** Keys: "c{choice}" content, "r{choice}" reasoning, "t{choice}.{tool index}" tool arguments. */
    private final Map<String, StreamRestorer> streams = new LinkedHashMap<>();

    public ChunkRestorer(Vault vault) {
        this.vault = vault;
    }

    /** The chunk with placeholders restored (a new object when anything changed; the input is not mutated). */
    public ObjectNode restore(ObjectNode chunk) {
        if (vault.isEmpty() || !(chunk.get("choices") instanceof ArrayNode choices) || choices.isEmpty()
                || (!holding() && !mayNeedWork(choices))) {
            return chunk;
        }
        ObjectNode copy = chunk.deepCopy();
        boolean changed = false;
        ArrayNode outChoices = (ArrayNode) copy.get("choices");
        for (int i = 0; i < outChoices.size(); i++) {
            if (!(outChoices.get(i) instanceof ObjectNode choice)) {
                continue;
            }
            int idx = choice.path("index").asInt(i);
            ObjectNode delta = choice.get("delta") instanceof ObjectNode d ? d : null;
            if (delta != null) {
                changed |= feed(delta, "content", "c" + idx, false);
                changed |= feed(delta, "reasoning_content", "r" + idx, false);
                if (delta.get("tool_calls") instanceof ArrayNode calls) {
                    for (JsonNode call : calls) {
                        if (call.get("function") instanceof ObjectNode fn) {
                            changed |= feed(fn, "arguments", "t" + idx + "." + call.path("index").asInt(0), true);
                        }
                    }
                }
            }
            JsonNode finish = choice.get("finish_reason");
            if (finish != null && !finish.isNull()) {
                if (delta == null) {
                    delta = choice.putObject("delta");
                }
                changed |= release(idx, delta);
            }
        }
        return changed ? copy : chunk;
    }

    /** False when no delta text holds a '<' and no choice finishes: the chunk passes as it is, uncopied. */
    private static boolean mayNeedWork(ArrayNode choices) {
        for (JsonNode c : choices) {
            JsonNode finish = c.get("finish_reason");
            if (finish != null && !finish.isNull()) {
                return true;
            }
            JsonNode d = c.get("delta");
            if (d != null && (d.path("content").asText("").indexOf('<') >= 0
                    || d.path("reasoning_content").asText("").indexOf('<') >= 0
                    || d.has("tool_calls") && d.get("tool_calls").toString().indexOf('<') >= 0)) {
                return true;
            }
        }
        return false;
    }

    /** True while any text is held back. */
    public boolean holding() {
        return streams.values().stream().anyMatch(StreamRestorer::holding);
    }

    /**
     * For a stream that ends without a finish_reason: a chunk like {@code template} (its id, model, created)
     * carrying what is still held back, or null when nothing is.
     */
    public ObjectNode flush(ObjectNode template) {
        if (!holding()) {
            return null;
        }
        ObjectNode out = template.deepCopy();
        ArrayNode choices = out.putArray("choices");
        for (String key : streams.keySet()) {
            int idx = Integer.parseInt(key.substring(1).split("\\.")[0]);
            boolean present = false;
            for (JsonNode c : choices) {
                present |= c.path("index").asInt() == idx;
            }
            if (!present) {
                ObjectNode c = choices.addObject();
                c.put("index", idx);
                release(idx, c.putObject("delta"));
                c.putNull("finish_reason");
            }
        }
        return out;
    }

    private boolean feed(ObjectNode holder, String field, String key, boolean json) {
        JsonNode v = holder.get(field);
        if (v == null || !v.isTextual()) {
            return false;
        }
        String out = streams.computeIfAbsent(key, k -> vault.streamRestorer(json)).feed(v.textValue());
        if (out.equals(v.textValue())) {
            return false;
        }
        holder.put(field, out);
        return true;
    }

    /** Appends everything held for choice {@code idx} to {@code delta}. */
    private boolean release(int idx, ObjectNode delta) {
        boolean changed = false;
        for (Map.Entry<String, StreamRestorer> e : streams.entrySet()) {
            String key = e.getKey();
            String rest = e.getValue().finish();
            if (rest.isEmpty() || !key.substring(1).split("\\.")[0].equals(Integer.toString(idx))) {
                continue;
            }
            changed = true;
            if (key.charAt(0) == 't') {
                int tool = Integer.parseInt(key.substring(key.indexOf('.') + 1));
                ObjectNode fn = toolCall(delta, tool).withObjectProperty("function");
                fn.put("arguments", fn.path("arguments").asText("") + rest);
            } else {
                String field = key.charAt(0) == 'c' ? "content" : "reasoning_content";
                JsonNode v = delta.get(field);
                delta.put(field, (v != null && v.isTextual() ? v.textValue() : "") + rest);
            }
        }
        return changed;
    }

    private static ObjectNode toolCall(ObjectNode delta, int tool) {
        ArrayNode calls = delta.get("tool_calls") instanceof ArrayNode a ? a : delta.putArray("tool_calls");
        for (JsonNode c : calls) {
            if (c.path("index").asInt() == tool && c instanceof ObjectNode o) {
                return o;
            }
        }
        ObjectNode c = calls.addObject();
        c.put("index", tool);
        return c;
    }

    @Override
    public String toString() {
        return "ChunkRestorer[" + streams.size() + " streams]";
    }

}
