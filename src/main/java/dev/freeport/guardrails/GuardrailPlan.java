package dev.freeport.guardrails;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.guardrails.detect.Kind;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What to do with which kinds for one (target trust, data class): the request path calls
 * {@link #apply(ObjectNode)} before dispatch. {@link #isEmpty()} is a field read, so a request no policy
 * applies to costs nothing; {@code apply} on an empty plan returns the body untouched without looking at it.
 * Immutable and thread-safe.
 */
public final class GuardrailPlan {
    public static final GuardrailPlan EMPTY = new GuardrailPlan(Map.of(), ScanSettings.DEFAULT, Allowlist.NONE);

    private final Map<Kind, Action> actions;
    private final boolean empty;
    private final RequestRewriter rewriter;

    GuardrailPlan(Map<Kind, Action> actions, ScanSettings settings, Allowlist allowlist) {
        Map<Kind, Action> copy = new EnumMap<>(Kind.class);
        copy.putAll(actions);
        this.actions = Collections.unmodifiableMap(copy);
        this.empty = copy.isEmpty();
        this.rewriter = empty ? null
                : new RequestRewriter(TextScanner.of(copy.keySet(), settings, allowlist), this.actions);
    }

    /** A plan from an explicit map of kinds to actions (tests, tools); normally from {@link Guardrails#forTarget}. */
    public static GuardrailPlan of(Map<Kind, Action> actions, ScanSettings settings, Allowlist allowlist) {
        return actions.isEmpty() ? EMPTY : new GuardrailPlan(actions, settings, allowlist);
    }

    public boolean isEmpty() {
        return empty;
    }

    public Map<Kind, Action> actions() {
        return actions;
    }

    /** Scans and rewrites a canonical chat request; never mutates {@code body}. */
    public Guarded apply(ObjectNode body) {
        if (empty) {
            return new Guarded(body, Findings.NONE, Vault.EMPTY);
        }
        return rewriter.apply(body);
    }

    @Override
    public String toString() {
        return "GuardrailPlan" + actions;
    }
}
