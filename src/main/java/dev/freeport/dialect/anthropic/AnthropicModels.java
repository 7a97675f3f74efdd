package dev.freeport.dialect.anthropic;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.json.Json;

import java.util.List;

/**
 * Anthropic-shaped model listing ({@code GET /v1/models} for Anthropic callers, {@code GET /v1/models/{id}}):
 * each alias as a model whose display name is the alias. {@code created_at} is a fixed date: aliases have none.
 */
public final class AnthropicModels {
    public static final String CREATED_AT = "2025-01-01T00:00:00Z";

    private AnthropicModels() {
    }

    /** {@code {"data":[...],"has_more":false,"first_id","last_id"}} (ids null when there are no aliases). */
    public static ObjectNode list(List<String> aliases) {
        return list(aliases, aliases);
    }

    /** As {@link #list(List)} with a display name per alias (e.g. "coder (also claude-*)"). */
    public static ObjectNode list(List<String> aliases, List<String> displayNames) {
        ObjectNode out = Json.NODES.objectNode();
        ArrayNode data = out.putArray("data");
        for (int i = 0; i < aliases.size(); i++) {
            data.add(one(aliases.get(i)).put("display_name", displayNames.get(i)));
        }
        out.put("has_more", false);
        out.put("first_id", aliases.isEmpty() ? null : aliases.getFirst());
        out.put("last_id", aliases.isEmpty() ? null : aliases.getLast());
        return out;
    }

    /** {@code {"type":"model","id","display_name","created_at"}}. */
    public static ObjectNode one(String alias) {
        return Json.NODES.objectNode().put("type", "model").put("id", alias).put("display_name", alias)
                .put("created_at", CREATED_AT);
    }
}
