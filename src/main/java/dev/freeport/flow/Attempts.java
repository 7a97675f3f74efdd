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
import dev.freeport.provider.UpstreamException;
import dev.freeport.route.Deadline;
import dev.freeport.route.Dispatched;
import dev.freeport.route.Dispatcher;
import dev.freeport.route.Target;
import dev.freeport.route.assembly.GatewayRuntime;
import io.vertx.core.Future;

import java.util.List;

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
        return rt.dispatcher().dispatch(plan, ex.fallbackPlans, cancellation, ex.deadline, true,
                new Sending<ChatResult>(ex) {
                    @Override
                    Future<ChatResult> call(Target target, AttemptWatch w) {
                        return Guarding.restored(ex, target, target.provider().chat(new Call(
                                Guarding.request(ex, target, chat), target.upstreamModel(),
                                ex.deadline.bound(target.timeouts()), cancellation, w.headers())));
                    }
                });
    }

    static Future<Dispatched<ChunkStream>> stream(GatewayRuntime rt, Exchange ex, ChatRequest chat, List<Target> plan,
                                                   Cancellation cancellation) {
        return rt.dispatcher().dispatch(plan, ex.fallbackPlans, cancellation, ex.deadline, false,
                new Sending<ChunkStream>(ex) {
                    @Override
                    Future<ChunkStream> call(Target target, AttemptWatch w) {
                        return Guarding.restoring(ex, target, target.provider().chatStream(new Call(
                                Guarding.request(ex, target, chat), target.upstreamModel(), target.timeouts(),
                                cancellation, w.headers())));
                    }
                });
    }

    static Future<Dispatched<EmbeddingsResult>> embeddings(GatewayRuntime rt, Exchange ex, EmbeddingsRequest req,
                                                           List<Target> plan, Cancellation cancellation) {
        return rt.dispatcher().dispatch(plan, ex.fallbackPlans, cancellation, ex.deadline, true,
                new Sending<EmbeddingsResult>(ex) {
                    @Override
                    Future<EmbeddingsResult> call(Target target, AttemptWatch w) {
                        return target.provider().embeddings(new EmbeddingsCall(Guarding.request(ex, target, req),
                                target.upstreamModel(), ex.deadline.bound(target.timeouts()), cancellation,
                                w.headers()));
                    }
                });
    }

    /**
     * A request's attempts, one at a time (the dispatcher starts the next only once the last one ended): each counted
     * in its target's requests in flight (least-busy) and watched; a failed attempt ends when the dispatcher says so
     * ({@link #failed}, from its own listener on the attempt), a served one when the request is recorded.
     */
    private abstract static class Sending<T> implements Dispatcher.Sender<T> {
        private final Exchange ex;
        /** the watch of the attempt under way */
        private AttemptWatch watch = AttemptWatch.NONE;

        Sending(Exchange ex) {
            this.ex = ex;
        }

        /** The attempt's call to {@code target}'s provider, with the watch's headers. */
        abstract Future<T> call(Target target, AttemptWatch w);

        @Override
        public final Future<T> send(Target target) {
            AttemptWatch w = ex.watch.attempt(target);
            watch = w;
            target.stats().started();
            try {
                return call(target, w);
            } catch (UpstreamException e) {
                throw e; // the dispatcher fails the attempt with it, and calls failed
            } catch (RuntimeException e) {
                failed(target, e);
                throw e;
            }
        }

        @Override
        public final void failed(Target target, Throwable cause) {
            target.stats().ended();
            watch.failed(cause);
        }
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
        long nowMillis = System.currentTimeMillis(); // one wall-clock read for both
        if (status == UsageEvent.Status.OK && !ex.attempts.isEmpty()) {
            long firstMillis = ex.attempts.get(ex.attempts.size() - 1).millis();
            long afterFirst = ex.stream && ex.firstTokenNanos > 0 // a stream's time after its first token only
                    ? (System.nanoTime() - ex.firstTokenNanos) / 1_000_000 : 0;
            t.stats().observe(firstMillis, a.usage().outputTokens(), afterFirst, nowMillis);
        }
        if (status == UsageEvent.Status.OK || status == UsageEvent.Status.CUT) {
            rt.routeState().concentration().record(t.profile().vendor(), a.costNanos(),
                    a.usage().inputTokens() + a.usage().outputTokens(), nowMillis);
        }
    }
}
