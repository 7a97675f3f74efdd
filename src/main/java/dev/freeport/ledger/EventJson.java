package dev.freeport.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.catalog.PriceCatalog;
import dev.freeport.json.Json;

/**
 * One usage event and its routing decision as JSON, the shape {@code freeport explain --json} prints and
 * {@code GET /admin/requests/{id}} answers: {@code {"event": {...snake_case...}, "decision": {...} | null}}.
 */
public final class EventJson {
    private static final ObjectMapper MAPPER = Json.MAPPER;

    private EventJson() {
    }

    public static ObjectNode explain(UsageEvent e) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode ev = root.putObject("event");
        RequestFacts f = e.facts();
        ev.put("id", e.id());
        ev.put("time", String.valueOf(e.time()));
        ev.put("caller", e.caller());
        ev.put("team", f.team());
        ev.put("tags", f.tags());
        ev.put("endpoint", e.endpoint());
        ev.put("alias", e.alias());
        ev.put("front", f.front());
        ev.put("stream", e.stream());
        ev.put("status", e.status() == null ? null : e.status().name());
        ev.put("http_status", e.httpStatus());
        ev.put("error_kind", e.errorKind());
        ev.put("error_message", e.errorMessage());
        ev.put("provider", e.provider());
        ev.put("upstream_model", e.upstreamModel());
        ev.put("attempts", e.attempts());
        ev.put("latency_ms", e.latencyMillis());
        ev.put("ttft_ms", e.ttftMillis());
        ev.put("input_tokens", e.inputTokens());
        ev.put("output_tokens", e.outputTokens());
        ev.put("cached_input_tokens", e.cachedInputTokens());
        ev.put("cache_creation_tokens", e.cacheCreationTokens());
        ev.put("reasoning_tokens", e.reasoningTokens());
        ev.put("estimated", e.estimated());
        ev.put("cost_nanos", e.costNanos());
        ev.put("cost_usd", e.costKnown() ? PriceCatalog.formatUsd(e.costNanos()) : "unknown");
        ev.put("cost_status", e.cost().status().ledgerName());
        if (e.cost().currency() != null) {
            ev.put("cost_original", PriceCatalog.formatUsd(e.cost().originalNanos()) + " " + e.cost().currency());
        }
        ev.put("finish_reason", f.finishReason());
        if (e.cache() != null) {
            ev.put("cache", e.cache());
            ev.put("saved_usd", PriceCatalog.formatUsd(e.savedNanos()));
        }
        root.set("decision", decision(f.decision()));
        return root;
    }

    private static JsonNode decision(String raw) {
        if (raw == null || raw.isBlank()) {
            return MAPPER.nullNode();
        }
        try {
            return withServedTarget(MAPPER.readTree(raw));
        } catch (JsonProcessingException ex) {
            return MAPPER.getNodeFactory().textNode(raw);
        }
    }

    /**
     * The decision with {@code target} first in every attempt: the ledger stores the attempt that served without it
     * (it is {@code chosen}; see {@code route.DecisionJson}), the readers show it as it was before.
     */
    private static JsonNode withServedTarget(JsonNode d) {
        JsonNode chosen = d.path("chosen");
        JsonNode attempts = d.path("attempts");
        if (!chosen.isTextual() || !attempts.isArray()) {
            return d;
        }
        ArrayNode filled = MAPPER.createArrayNode();
        for (JsonNode a : attempts) {
            if (a.isObject() && !a.has("target")) {
                ObjectNode withTarget = MAPPER.createObjectNode().set("target", chosen);
                withTarget.setAll((ObjectNode) a);
                filled.add(withTarget);
            } else {
                filled.add(a);
            }
        }
        ((ObjectNode) d).set("attempts", filled);
        return d;
    }
}
