package dev.freeport.guardrails;

import dev.freeport.guardrails.detect.Kind;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a plan found in one request, without any value: for the 403, the ledger and the metrics. */
public record Findings(List<BodyFinding> all) {
    public static final Findings NONE = new Findings(List.of());

    public Findings {
        all = List.copyOf(all);
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }

    /** Counts by kind (only kinds that occurred), in {@link Kind} order. */
    public Map<Kind, Integer> countsByKind() {
        Map<Kind, Integer> m = new EnumMap<>(Kind.class);
        for (BodyFinding f : all) {
            m.merge(f.kind(), 1, Integer::sum);
        }
        return Collections.unmodifiableMap(m);
    }

    public int count(Action action) {
        int n = 0;
        for (BodyFinding f : all) {
            n += f.action() == action ? 1 : 0;
        }
        return n;
    }

    /** The first finding whose action is {@link Action#BLOCK}. */
    public Optional<BodyFinding> blocking() {
        return all.stream().filter(f -> f.action() == Action.BLOCK).findFirst();
    }

    /**
     * The 403 message when blocked: names the kind and where, never the value. E.g. "This request contains an
     * AWS access key id in /messages/1/content at characters 12-32, which may not be sent to this model. Remove
     * it and try again."
     */
    public Optional<String> blockMessage() {
        return blocking().map(f -> {
            int more = count(Action.BLOCK) - 1;
            return "This request contains " + f.describe() + (more > 0 ? " (and " + more + " more)" : "")
                    + ", which may not be sent to this model. Remove it and try again.";
        });
    }

    @Override
    public String toString() {
        return "Findings" + countsByKind();
    }
}
