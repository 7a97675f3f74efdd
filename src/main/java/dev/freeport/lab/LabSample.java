package dev.freeport.lab;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request the lab keeps: a shadowed or captured request with the primary's answer, or an imported one (primary
 * null until a replay of the incumbent answers it).
 *
 * @param id      the primary request's id (shadow, capture), or a stable id of an imported line
 * @param source  "shadow", "capture" or "import"
 * @param dataClass the request's data class(es) ("a+b"), or null: a replay plans with the same rules
 * @param request the canonical OpenAI chat request
 * @param tags    the caller's tags, comma-separated, or null
 */
public record LabSample(String id, String alias, String source, long timeMillis, String caller, String team,
                        String dataClass, ObjectNode request, LabAnswer primary, String tags) {

    /** A sample without tags. */
    public LabSample(String id, String alias, String source, long timeMillis, String caller, String team,
                     String dataClass, ObjectNode request, LabAnswer primary) {
        this(id, alias, source, timeMillis, caller, team, dataClass, request, primary, null);
    }
}
