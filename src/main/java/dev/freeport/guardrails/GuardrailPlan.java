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
    private final RequestRewriter embeddingsRewriter;

    GuardrailPlan(Map<Kind, Action> actions, ScanSettings settings, Allowlist allowlist) {
        Map<Kind, Action> copy = new EnumMap<>(Kind.class);
        copy.putAll(actions);
        this.actions = Collections.unmodifiableMap(copy);
        this.empty = copy.isEmpty();
        TextScanner scanner = empty ? null : TextScanner.of(copy.keySet(), settings, allowlist);
        this.rewriter = empty ? null : new RequestRewriter(scanner, this.actions);
        Map<Kind, Action> masked = new EnumMap<>(Kind.class);
        copy.forEach((k, a) -> masked.put(k, a == Action.PSEUDONYMISE ? Action.MASK : a));
        this.embeddingsRewriter = empty ? null : new RequestRewriter(scanner, masked, true);
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

    /**
     * Scans and rewrites an embeddings request's {@code input} (a string or an array; token-id arrays are not text
     * and pass unscanned); never mutates {@code body}. Pseudonymise acts as mask: a vector has no answer to restore
     * the placeholder in, and a stable placeholder would only make unrelated texts look alike.
     */
    public Guarded applyToEmbeddings(ObjectNode body) {
        if (empty) {
            return new Guarded(body, Findings.NONE, Vault.EMPTY);
        }
        return embeddingsRewriter.apply(body);
    }

    @Override
    public String toString() {
        return "GuardrailPlan" + actions;
    }
}
