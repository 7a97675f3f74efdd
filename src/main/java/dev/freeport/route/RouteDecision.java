package dev.freeport.route;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.freeport.json.Json;

import java.util.List;
import java.util.Map;

/**
 * Why a request went where it went: the strategy, the request's data class and complexity verdict, every target
 * of the alias with the reason it was excluded (or its rank in the plan), and the target that finally served.
 * Stored as JSON in the ledger ({@code RequestFacts.decision}); {@code freeport explain REQUEST_ID} prints it.
 *
 * @param strategy   the alias's strategy ("ordered", "weighted", "cheapest", "fastest", "least-busy",
 *                   "complexity")
 * @param dataClass  the request's data class, or null
 * @param complexity the complexity verdict (complexity strategy only), or null
 * @param candidates every target of the alias, in plan order first, then the excluded ones
 * @param chosen     the target that served ("provider/model"), or null when none did
 * @param note       anything else worth knowing (e.g. "concentration cap: openai at 62% of spend > 50%"), or null
 * @param attempts   every attempt the dispatcher made, in order, with its error and time (empty before dispatch)
 * @param guardrails what the guardrails found in the request and did about it (counts, never values), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RouteDecision(String strategy, String dataClass, Complexity complexity, List<Candidate> candidates,
                            String chosen, String note, List<Tried> attempts, Screening guardrails) {

    /** decisions written by newer gateways may carry fields this one does not know */
    private static final ObjectReader READER = Json.MAPPER.readerFor(RouteDecision.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public RouteDecision {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }

    public RouteDecision(String strategy, String dataClass, Complexity complexity, List<Candidate> candidates,
                         String chosen, String note, List<Tried> attempts) {
        this(strategy, dataClass, complexity, candidates, chosen, note, attempts, null);
    }

    /** A decision before dispatch (no attempts yet). */
    public RouteDecision(String strategy, String dataClass, Complexity complexity, List<Candidate> candidates,
                         String chosen, String note) {
        this(strategy, dataClass, complexity, candidates, chosen, note, null);
    }

    /**
     * One attempt of the dispatch.
     *
     * @param target "provider/model"
     * @param error  why it failed ("503 server_error (overloaded)"), or null when it served
     * @param millis how long it took until it failed or its answer started
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Tried(String target, String error, long millis) {
        static Tried of(Attempt a) {
            return new Tried(a.target().label(), errorOf(a), a.millis());
        }

        /** Why the attempt failed ("503 server_error (overloaded)"), or null when it served. */
        static String errorOf(Attempt a) {
            if (a.failure() == null) {
                return null;
            }
            String status = a.failure().status() > 0 ? a.failure().status() + " " : "";
            return status + a.failure().kind().name().toLowerCase(java.util.Locale.ROOT) + " ("
                    + a.failure().message() + ")";
        }
    }

    /** This decision with the dispatcher's attempts recorded. */
    public RouteDecision withAttempts(List<Attempt> made) {
        return new RouteDecision(strategy, dataClass, complexity, candidates, chosen, note,
                made.stream().map(Tried::of).toList(), guardrails);
    }

    /**
     * What the guardrails found in a request for the target it went to (or the one that blocked it).
     *
     * @param findings counts by kind ("email": 2), never values
     * @param actions  counts by action taken ("pseudonymise": 2)
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Screening(Map<String, Integer> findings, Map<String, Integer> actions) {
    }

    /** This decision with the guardrails' findings, and {@code blocked} targets marked excluded (with why). */
    public RouteDecision withGuardrails(Screening screening, Map<String, String> blocked) {
        List<Candidate> marked = blocked.isEmpty() ? candidates : candidates.stream()
                .map(c -> blocked.containsKey(c.target()) && c.excluded() == null
                        ? new Candidate(c.target(), c.vendor(), null, blocked.get(c.target()), c.metric()) : c)
                .toList();
        return new RouteDecision(strategy, dataClass, complexity, marked, chosen, note, attempts, screening);
    }

    /**
     * @param score     0 (easy) .. 1 (hard)
     * @param threshold the calibrated threshold: score >= threshold is hard
     * @param hard      the verdict
     * @param model     what scored it (e.g. "minilm-l6-v2+features"), or "fallback: ..." when scoring failed
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Complexity(double score, double threshold, boolean hard, String model) {
    }

    /**
     * @param target   "provider/model"
     * @param vendor   the target's vendor
     * @param rank     1-based position in the plan, or null when excluded
     * @param excluded why the target was left out (policy, data class, kill switch, capability, open circuit,
     *                 concentration cap), or null when it is in the plan
     * @param metric   what the strategy ranked by, e.g. "est. $0.000120", "ttft 180 ms, 85 tok/s", "2 in flight"
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Candidate(String target, String vendor, Integer rank, String excluded, String metric) {
    }

    public RouteDecision withChosen(String target) {
        return new RouteDecision(strategy, dataClass, complexity, candidates, target, note, attempts, guardrails);
    }

    /** This decision as the ledger stores it (see {@link DecisionJson}). */
    public String toJson() {
        return DecisionJson.write(this, chosen, attempts, null);
    }

    /**
     * {@code withChosen(chosen).withAttempts(made).toJson()} without the two intermediate decisions: what the
     * ledger records of a dispatched request.
     */
    public String toJson(String chosen, List<Attempt> made) {
        return DecisionJson.write(this, chosen, null, made);
    }

    /**
     * The decision stored by {@link #toJson}; null for null, blank or unreadable text. An attempt stored without its
     * target (the one that served: see {@link DecisionJson}) gets {@code chosen} back.
     */
    public static RouteDecision fromJson(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            RouteDecision d = READER.readValue(json);
            return d.chosen() == null || d.attempts().stream().allMatch(t -> t.target() != null) ? d
                    : new RouteDecision(d.strategy(), d.dataClass(), d.complexity(), d.candidates(), d.chosen(),
                    d.note(), d.attempts().stream().map(t -> t.target() != null ? t
                            : new Tried(d.chosen(), t.error(), t.millis())).toList(), d.guardrails());
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
