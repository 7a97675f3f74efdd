package dev.freeport.flow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.ChatRequest;
import dev.freeport.api.ChatResult;
import dev.freeport.api.EmbeddingsRequest;
import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;
import dev.freeport.guardrails.Action;
import dev.freeport.guardrails.AnswerRestorer;
import dev.freeport.guardrails.ChunkRestorer;
import dev.freeport.guardrails.FindingCounter;
import dev.freeport.guardrails.Findings;
import dev.freeport.guardrails.GuardrailPlan;
import dev.freeport.guardrails.Guarded;
import dev.freeport.guardrails.Guardrails;
import dev.freeport.guardrails.Vault;
import dev.freeport.guardrails.detect.Kind;
import dev.freeport.provider.ChunkStream;
import dev.freeport.route.FallbackPlans;
import dev.freeport.route.RouteDecision;
import dev.freeport.route.Target;
import dev.freeport.route.assembly.GatewayRuntime;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The "guardrails" step of the request flow (docs/GUARDRAILS.md), between the route plan and dispatch. Each
 * target of the plan (fallbacks included) gets the plan of its trust level and the request's data class: a target
 * whose plan blocks is left out of the plan (403 naming the kind and where when none is left, nothing sent); the
 * others get the request as their plan rewrote it (masked, or pseudonymised with the answer restored, streams
 * included). Targets of one trust level share one rewrite. With no rule configured this step is one field read.
 * Embeddings requests get the same rules on their input texts (block and mask; pseudonymise acts as mask).
 */
final class Guarding {
    private Guarding() {
    }

    /** One request's screening: the rewrite of each plan used, the targets left out and why. */
    static final class State {
        private final Guardrails guardrails;
        private final String dataClass;
        private final ObjectNode body;
        private final boolean embeddings;
        private final Map<GuardrailPlan, Guarded> byPlan = new IdentityHashMap<>(4);
        private final Map<Guarded, Object> requests = new IdentityHashMap<>(4);
        private final Map<String, String> blocked = new LinkedHashMap<>();
        private Guarded firstBlocked;

        /** {@code body}: the canonical chat request's, or with {@code embeddings} the embeddings request's. */
        State(Guardrails guardrails, String dataClass, ObjectNode body, boolean embeddings) {
            this.guardrails = guardrails;
            this.dataClass = dataClass;
            this.body = body;
            this.embeddings = embeddings;
        }

        /** The rewrite for {@code target}; null when no rule applies to it. */
        Guarded forTarget(Target target) {
            GuardrailPlan plan = guardrails.forTarget(target.profile().trust(), dataClass);
            return plan.isEmpty() ? null : byPlan.computeIfAbsent(plan, p -> embeddings ? p.applyToEmbeddings(body)
                    : p.apply(body));
        }

        private List<Target> keep(List<Target> targets) {
            List<Target> kept = new ArrayList<>(targets.size());
            for (Target t : targets) {
                Guarded g = forTarget(t);
                if (g != null && g.blocked()) {
                    firstBlocked = firstBlocked == null ? g : firstBlocked;
                    blocked.put(t.label(), "guardrails: may not receive " + kinds(g.findings(), Action.BLOCK));
                } else {
                    kept.add(t);
                }
            }
            return kept.size() == targets.size() ? targets : kept;
        }

        /** What was applied for the last target tried, else what blocked the request; null when nothing applied. */
        Findings findings(Target last) {
            Guarded g = last != null ? forTarget(last) : firstBlocked;
            return g == null ? null : g.findings();
        }

        RouteDecision note(RouteDecision decision, Target last) {
            Findings f = findings(last);
            if (f == null || f.isEmpty()) {
                return blocked.isEmpty() ? decision : decision.withGuardrails(null, blocked);
            }
            Map<String, Integer> kinds = new LinkedHashMap<>();
            f.countsByKind().forEach((k, n) -> kinds.put(k.configName(), n));
            Map<String, Integer> actions = new LinkedHashMap<>();
            for (Action a : Action.values()) {
                if (f.count(a) > 0) {
                    actions.put(a.name().toLowerCase(Locale.ROOT), f.count(a));
                }
            }
            return decision.withGuardrails(new RouteDecision.Screening(kinds, actions), blocked);
        }
    }

    /**
     * Screens the plan, then continues with {@code next}: directly when no rule is configured (no extra future), on
     * the event loop for a prompt of up to {@link #INLINE_CHARS} characters (tens of microseconds), else on a worker
     * (every rewrite the plan's targets need is made there, so the event loop only looks them up afterwards).
     */
    static <T> Future<T> screened(GatewayRuntime rt, Exchange ex, ChatRequest chat, List<Target> plan,
                                  java.util.function.Function<List<Target>, Future<T>> next) {
        if (rt.guardrails().isEmpty()) {
            return next.apply(plan);
        }
        if (chat.traits().promptChars() <= INLINE_CHARS) {
            return next.apply(screen(rt, ex, chat.body(), false, plan));
        }
        return io.vertx.core.Vertx.currentContext().executeBlocking(() -> screen(rt, ex, chat.body(), false, plan),
                false).compose(next);
    }

    /**
     * As {@link #screened(GatewayRuntime, Exchange, ChatRequest, List, java.util.function.Function)} for an
     * embeddings request: the same rules on its {@code input} texts (block, mask; pseudonymise acts as mask, see
     * {@link GuardrailPlan#applyToEmbeddings}); each target then gets {@link #request(Exchange, Target,
     * EmbeddingsRequest)}.
     */
    static <T> Future<T> screenedEmbeddings(GatewayRuntime rt, Exchange ex, EmbeddingsRequest req, List<Target> plan,
                                            java.util.function.Function<List<Target>, Future<T>> next) {
        if (rt.guardrails().isEmpty()) {
            return next.apply(plan);
        }
        long chars = 0;
        for (String s : req.inputs()) {
            chars += s == null ? 0 : s.length();
        }
        if (chars <= INLINE_CHARS) {
            return next.apply(screen(rt, ex, req.body(), true, plan));
        }
        return io.vertx.core.Vertx.currentContext().executeBlocking(() -> screen(rt, ex, req.body(), true, plan),
                false).compose(next);
    }

    /** Prompts up to this size are scanned on the event loop: about 0.3 ms of CPU with every detector on. */
    static final int INLINE_CHARS = 32 * 1024;

    /**
     * Screens the plan (and the alias's conditional fallbacks): targets a rule blocks for this request are left out;
     * a 403 in the caller's shape when none is left.
     */
    static List<Target> screen(GatewayRuntime rt, Exchange ex, ChatRequest chat, List<Target> plan) {
        return screen(rt, ex, chat.body(), false, plan);
    }

    private static List<Target> screen(GatewayRuntime rt, Exchange ex, ObjectNode body, boolean embeddings,
                                       List<Target> plan) {
        Guardrails guardrails = rt.guardrails();
        if (guardrails.isEmpty()) {
            return plan;
        }
        State st = new State(guardrails, ex.decision == null ? null : ex.decision.dataClass(), body, embeddings);
        ex.guard = st;
        List<Target> kept = st.keep(plan);
        FallbackPlans fb = ex.fallbackPlans;
        if (!fb.onContextWindow().isEmpty() || !fb.onContentPolicy().isEmpty()) {
            ex.fallbackPlans = new FallbackPlans(st.keep(fb.onContextWindow()), st.keep(fb.onContentPolicy()));
        }
        if (kept.isEmpty()) {
            throw new GatewayError(ErrorKind.PERMISSION, 403, st.firstBlocked.findings().blockMessage().orElseThrow(),
                    null, "guardrail_blocked", null).toException();
        }
        return kept;
    }

    /** The request as {@code target} may receive it. */
    static ChatRequest request(Exchange ex, Target target, ChatRequest chat) {
        State st = ex.guard;
        Guarded g = st == null ? null : st.forTarget(target);
        if (g == null || !g.changed(chat.body())) {
            return chat;
        }
        // a rewritten request is translated for an Anthropic back end, never passed on natively
        return (ChatRequest) st.requests.computeIfAbsent(g, x -> new ChatRequest(chat.model(), chat.stream(),
                chat.includeUsage(), chat.maxOutputTokens(), chat.user(), g.body(), null, chat.traits(),
                chat.nativeHeaders()));
    }

    /** The embeddings request as {@code target} may receive it (its input masked where a rule says so). */
    static EmbeddingsRequest request(Exchange ex, Target target, EmbeddingsRequest req) {
        State st = ex.guard;
        Guarded g = st == null ? null : st.forTarget(target);
        if (g == null || !g.changed(req.body())) {
            return req;
        }
        return (EmbeddingsRequest) st.requests.computeIfAbsent(g, x -> new EmbeddingsRequest(req.model(),
                inputs(g.body().get("input")), req.user(), g.body()));
    }

    /** The texts of an embeddings {@code input} as the decoder reads them (token arrays as null). */
    private static List<String> inputs(com.fasterxml.jackson.databind.JsonNode input) {
        if (input == null || input.isTextual()) {
            return java.util.Collections.singletonList(input == null ? null : input.textValue());
        }
        List<String> out = new ArrayList<>(input.size());
        input.forEach(item -> out.add(item.isTextual() ? item.textValue() : null));
        return out;
    }

    private static Vault vault(Exchange ex, Target target) {
        Guarded g = ex.guard == null ? null : ex.guard.forTarget(target);
        return g == null ? Vault.EMPTY : g.vault();
    }

    /** The answer of an attempt, restored when its target's rewrite pseudonymised anything (else the same future). */
    static Future<ChatResult> restored(Exchange ex, Target target, Future<ChatResult> answer) {
        return vault(ex, target).isEmpty() ? answer : answer.map(r -> restore(ex, target, r));
    }

    /** The stream of an attempt, restoring when its target's rewrite pseudonymised anything (else the same future). */
    static Future<ChunkStream> restoring(Exchange ex, Target target, Future<ChunkStream> stream) {
        return vault(ex, target).isEmpty() ? stream : stream.map(s -> restore(ex, target, s));
    }

    /** A complete answer with this target's placeholders restored. */
    static ChatResult restore(Exchange ex, Target target, ChatResult result) {
        Vault vault = vault(ex, target);
        if (vault.isEmpty()) {
            return result;
        }
        ObjectNode body = result.body();
        ObjectNode restored = AnswerRestorer.completion(body, vault);
        return restored == body ? result : new ChatResult(restored, result.usage(), result.finishReason());
    }

    /** A stream with this target's placeholders restored, also when one is split across chunks. */
    static ChunkStream restore(Exchange ex, Target target, ChunkStream stream) {
        Vault vault = vault(ex, target);
        return vault.isEmpty() ? stream : new RestoringStream(stream, new ChunkRestorer(vault));
    }

    /** Counts the request's findings (for metrics) once, when it is recorded. */
    static void count(Exchange ex, FindingCounter counter) {
        if (ex.guard != null) {
            Findings f = ex.guard.findings(ex.lastTarget());
            if (f != null) {
                counter.count(f);
            }
        }
    }

    private static String kinds(Findings f, Action action) {
        List<String> names = new ArrayList<>();
        for (Kind k : f.countsByKind().keySet()) {
            if (f.all().stream().anyMatch(b -> b.kind() == k && b.action() == action)) {
                names.add(k.configName());
            }
        }
        return String.join(", ", names);
    }
}
