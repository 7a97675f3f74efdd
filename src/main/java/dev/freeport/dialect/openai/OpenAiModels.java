package dev.freeport.dialect.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.front.ModelEntry;
import dev.freeport.json.Json;

import java.util.List;

/**
 * OpenAI-shaped model listing ({@code GET /v1/models}, {@code GET /v1/models/{id}}): each alias as a model owned
 * by "freeport", with a {@code freeport} object saying how it routes: strategy, the patterns of other model names
 * that route to it ({@code matches}), whether it is the default alias and (for admins only) its targets; a provider
 * wildcard is listed by its name ({@code deepseek/*}). {@code created} is a fixed date: aliases have none.
 */
public final class OpenAiModels {
    static final long CREATED = 1_735_689_600L; // 2025-01-01

    private OpenAiModels() {
    }

    public static ObjectNode list(List<ModelEntry> models) {
        ObjectNode root = Json.NODES.objectNode();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        models.forEach(m -> data.add(one(m)));
        return root;
    }

    public static ObjectNode one(ModelEntry model) {
        ObjectNode m = Json.NODES.objectNode();
        m.put("id", model.alias());
        m.put("object", "model");
        m.put("created", CREATED);
        m.put("owned_by", "freeport");
        ObjectNode fp = m.putObject("freeport");
        fp.put("simulated", model.simulated());
        if (model.description() != null) {
            fp.put("description", model.description());
        }
        fp.put("strategy", model.strategy());
        if (!model.matches().isEmpty()) {
            ArrayNode matches = fp.putArray("matches");
            model.matches().forEach(matches::add);
        }
        if (model.isDefault()) {
            fp.put("default", true);
        }
        if (model.targets().isEmpty()) {
            return m; // where it routes is shown to admins only
        }
        ArrayNode targets = fp.putArray("targets");
        for (ModelEntry.Target t : model.targets()) {
            targets.addObject().put("provider", t.provider()).put("model", t.model()).put("simulated", t.simulated())
                    .put("circuit", t.circuit());
        }
        return m;
    }
}
