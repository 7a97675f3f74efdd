package dev.freeport.guardrails;

import dev.freeport.guardrails.detect.Kind;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Findings counted since the gateway started, per kind and action (never values): bounded labels (23 kinds × 3
 * actions) for a metrics endpoint. Thread-safe; counting is a few {@link LongAdder} increments.
 */
public final class FindingCounter {
    private final LongAdder[][] counts = new LongAdder[Kind.values().length][Action.values().length];

    public FindingCounter() {
        for (LongAdder[] row : counts) {
            for (int a = 0; a < row.length; a++) {
                row[a] = new LongAdder();
            }
        }
    }

    /** Counts every finding of one request. */
    public void count(Findings findings) {
        for (BodyFinding f : findings.all()) {
            counts[f.kind().ordinal()][f.action().ordinal()].increment();
        }
    }

    public long get(Kind kind, Action action) {
        return counts[kind.ordinal()][action.ordinal()].sum();
    }

    /** The counts that are not zero, by kind then action. */
    public Map<Kind, Map<Action, Long>> snapshot() {
        Map<Kind, Map<Action, Long>> out = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            for (Action a : Action.values()) {
                long n = get(k, a);
                if (n > 0) {
                    out.computeIfAbsent(k, x -> new EnumMap<>(Action.class)).put(a, n);
                }
            }
        }
        return Collections.unmodifiableMap(out);
    }
}
