package dev.freeport.dialect.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.dialect.DroppedFields;
import dev.freeport.json.Json;

import java.util.Iterator;
import java.util.List;
import java.util.Set;

import static dev.freeport.dialect.anthropic.Checks.absent;
import static dev.freeport.dialect.anthropic.Checks.invalid;
import static dev.freeport.dialect.anthropic.Checks.object;
import static dev.freeport.dialect.anthropic.Checks.requiredString;
import static dev.freeport.dialect.anthropic.Checks.wrongType;

/**
 * {@code thinking}, {@code output_config} (top level and per system message) and {@code output_format} of a
 * Messages request → the canonical request's {@code reasoning_effort} and {@code response_format}. Pure.
 *
 * <ul>
 *   <li>Effort: the last mid-conversation system message's {@code output_config.effort}, else the top-level one,
 *       else one derived from {@code thinking: {type: enabled, budget_tokens}} (≤ 4096 → low, ≤ 16384 → medium,
 *       above → high, near Google's own budget for each level). low, medium and high keep their name; xhigh and
 *       max become high (the highest level every reasoning back end knows). {@code thinking: adaptive} or
 *       {@code disabled} without an effort leave it to the model. An effort value Freeport does not know is dropped
 *       and counted ({@link DroppedFields}). The effort is a preference: it does not exclude targets that cannot
 *       reason, and each codec sends it only where its back end takes it.</li>
 *   <li>{@code thinking.display} (summarized, omitted) is accepted and has no effect on translated back ends: their
 *       reasoning text, when they send one, comes back as thinking blocks.</li>
 *   <li>{@code output_config.format} (or the older {@code output_format}) {@code {type: json_schema, schema}} →
 *       {@code response_format: {type: json_schema, json_schema: {name: "output", schema, strict: true}}}.</li>
 * </ul>
 */
final class Reasoning {
    static final List<String> EFFORTS = List.of("low", "medium", "high", "xhigh", "max");
    private static final Set<String> CONFIG_FIELDS = Set.of("effort", "format");
    static final int LOW_BUDGET = 4096;
    static final int MEDIUM_BUDGET = 16384;

    /** What the request asks of the answer, in canonical fields; null members are not sent. */
    record Settings(String reasoningEffort, ObjectNode responseFormat) {
    }

    private Reasoning() {
    }

    static Settings read(ObjectNode root, Found found, Integer maxTokens) {
        String budgetEffort = thinking(root.get("thinking"), maxTokens);
        JsonNode config = root.get("output_config");
        String topEffort = null;
        ObjectNode format = null;
        if (!absent(config)) {
            ObjectNode c = object(config, "output_config");
            topEffort = effort(c, "output_config");
            format = format(c.get("format"), "output_config.format");
        }
        if (format == null) {
            format = format(root.get("output_format"), "output_format");
        }
        String effort = found.turnEffort != null ? found.turnEffort : topEffort != null ? topEffort : budgetEffort;
        return new Settings(effort == null ? null : canonical(effort), format);
    }

    /**
     * The {@code effort} of an {@code output_config} object at {@code path}, or null when absent or unknown (dropped
     * and counted, as are unknown members of the object).
     */
    static String effort(ObjectNode config, String path) {
        Iterator<String> names = config.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!CONFIG_FIELDS.contains(name)) {
                DroppedFields.dropped("anthropic", "output_config." + name);
            }
        }
        JsonNode e = config.get("effort");
        if (absent(e)) {
            return null;
        }
        if (!e.isTextual()) {
            throw wrongType(path + ".effort", "a valid string", e);
        }
        if (!EFFORTS.contains(e.textValue())) {
            DroppedFields.dropped("anthropic", "output_config.effort");
            return null;
        }
        return e.textValue();
    }

    /** Anthropic's effort → the canonical reasoning_effort (low, medium, high). */
    static String canonical(String effort) {
        return switch (effort) {
            case "low", "medium" -> effort;
            default -> "high";
        };
    }

    /** Validates {@code thinking}; the effort its budget stands for when enabled, else null. */
    private static String thinking(JsonNode thinking, Integer maxTokens) {
        if (absent(thinking)) {
            return null;
        }
        ObjectNode t = object(thinking, "thinking");
        String type = requiredString(t, "type", "thinking.type");
        String display = Checks.optString(t, "display", "thinking.display");
        if (display != null && !display.equals("summarized") && !display.equals("omitted")) {
            throw invalid("thinking.display", "Input should be 'summarized' or 'omitted', got '" + display + "'");
        }
        switch (type) {
            case "enabled" -> {
                Integer budget = Checks.optInt(t, "budget_tokens", "thinking.budget_tokens", 1024);
                if (budget == null) {
                    throw invalid("thinking.budget_tokens", "Field required");
                }
                if (maxTokens != null && budget >= maxTokens) {
                    throw invalid("thinking.budget_tokens", "must be less than max_tokens (" + budget + " >= "
                            + maxTokens + ")");
                }
                return budget <= LOW_BUDGET ? "low" : budget <= MEDIUM_BUDGET ? "medium" : "high";
            }
            case "disabled", "adaptive" -> {
                return null;
            }
            default -> throw invalid("thinking.type", "Input should be 'enabled', 'adaptive' or 'disabled', got '"
                    + type + "'");
        }
    }

    /** A {@code {type: json_schema, schema}} output format → OpenAI's response_format; null when absent. */
    private static ObjectNode format(JsonNode format, String path) {
        if (absent(format)) {
            return null;
        }
        ObjectNode f = object(format, path);
        String type = requiredString(f, "type", path + ".type");
        if (!type.equals("json_schema")) {
            throw invalid(path + ".type", "Input should be 'json_schema', got '" + type + "'");
        }
        ObjectNode schema = object(f.get("schema"), path + ".schema");
        ObjectNode out = Json.NODES.objectNode().put("type", "json_schema");
        out.putObject("json_schema").put("name", "output").put("strict", true).set("schema", schema.deepCopy());
        return out;
    }
}
