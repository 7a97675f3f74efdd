package dev.freeport.flow;

import dev.freeport.api.ChatRequest;
import dev.freeport.api.ChatResult;
import dev.freeport.api.EmbeddingsRequest;
import dev.freeport.api.EmbeddingsResult;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.module.AttemptWatch;
import dev.freeport.provider.Call;
import dev.freeport.provider.Cancellation;
import dev.freeport.provider.ChunkStream;
import dev.freeport.provider.EmbeddingsCall;
import dev.freeport.route.Deadline;
import dev.freeport.route.Dispatched;
import dev.freeport.route.Target;
import dev.freeport.route.assembly.GatewayRuntime;
import io.vertx.core.Future;

import java.util.List;
import java.util.function.Function;

/**
 * The dispatch step's sending side: one attempt per target the dispatcher tries, for a chat, a stream or
 * embeddings (the guardrails' rewrite of the request for that target and the restoring of its answer, the watch of
 * the attempt, the target's requests in flight), and what the router learns from the target that served once the
 * request ends.
 */
final class Attempts {
    private Attempts() {
    }

    /**
     * A non-streamed answer: its attempts end by the deadline themselves (see {@link Deadline#bound}). The caller
     * hands the outcome to {@link #served}, as for the others.
     */
    static Future<Dispatched<ChatResult>> chat(GatewayRuntime rt, Exchange ex, ChatRequest chat, List<Target> plan,
                                                Cancellation cancellation) {
        return rt.dispatcher().dispatchBounded(plan, ex.fallbackPlans, cancellation, ex.deadline,
                target -> attempt(ex, target, w -> Guarding.restored(ex, target, target.provider().chat(new Call(
                        Guarding.request(ex, target, chat), target.upstreamModel(),
                        ex.deadline.bound(target.timeouts()), cancellation,
                        w.headers())))));
    }

    static Future<Dispatched<ChunkStream>> stream(GatewayRuntime rt, Exchange ex, ChatRequest chat, List<Target> plan,
                                                   Cancellation cancellation) {
        return rt.dispatcher().dispatch(plan, ex.fallbackPlans, cancellation, ex.deadline,
                target -> attempt(ex, target, w -> Guarding.restoring(ex, target, target.provider().chatStream(new Call(
                        Guarding.request(ex, target, chat), target.upstreamModel(), target.timeouts(), cancellation,
                        w.headers())))));
    }

    static Future<Dispatched<EmbeddingsResult>> embeddings(GatewayRuntime rt, Exchange ex, EmbeddingsRequest req,
                                                           List<Target> plan, Cancellation cancellation) {
        return rt.dispatcher().dispatchBounded(plan, ex.fallbackPlans, cancellation, ex.deadline,
                target -> attempt(ex, target, w -> target.provider().embeddings(new EmbeddingsCall(
                        Guarding.request(ex, target, req), target.upstreamModel(),
                        ex.deadline.bound(target.timeouts()), cancellation,
                        w.headers()))));
    }

    /**
     * One attempt: counted in its target's requests in flight (least-busy) and watched; a failed attempt ends here,
     * a served one when the request is recorded.
     */
    private static <T> Future<T> attempt(Exchange ex, Target target, Function<AttemptWatch, Future<T>> send) {
        AttemptWatch watch = ex.watch.attempt(target);
        target.stats().started();
        Future<T> attempt;
        try {
            attempt = send.apply(watch);
        } catch (RuntimeException e) {
            target.stats().ended();
            watch.failed(e);
            throw e;
        }
        return attempt.onFailure(e -> {
            target.stats().ended();
            watch.failed(e);
        });
    }

    /**
     * The dispatch's outcome kept on the exchange (the target that served, the attempts); the answer returned. The
     * caller's next step calls it (no listener of its own on the dispatch).
     */
    static <T> T served(Exchange ex, Dispatched<T> d) {
        ex.served = d.target();
        ex.attempts = d.attempts();
        return d.value();
    }

    /** What the router learns from a served request: in flight no more, latency and speed, vendor share. */
    static void learn(GatewayRuntime rt, Exchange ex) {
        Target t = ex.served;
        if (t == null) {
            return;
        }
        t.stats().ended();
        Exchange.Answer a = ex.answer();
        UsageEvent.Status status = ex.ending().status();
        if (status == UsageEvent.Status.OK && !ex.attempts.isEmpty()) {
            long now = System.nanoTime();
            long firstMillis = ex.attempts.get(ex.attempts.size() - 1).millis();
            long afterFirst = ex.stream && ex.firstTokenNanos > 0 ? (now - ex.firstTokenNanos) / 1_000_000 : 0;
            t.stats().observe(firstMillis, a.usage().outputTokens(), afterFirst, System.currentTimeMillis());
        }
        if (status == UsageEvent.Status.OK || status == UsageEvent.Status.CUT) {
            rt.routeState().concentration().record(t.profile().vendor(), a.costNanos(),
                    a.usage().inputTokens() + a.usage().outputTokens(), System.currentTimeMillis());
        }
    }
}
