package dev.freeport.flow;

import dev.freeport.route.assembly.GatewayRuntime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.ChatRequest;
import dev.freeport.api.ChatResult;
import dev.freeport.api.EmbeddingsRequest;
import dev.freeport.api.EmbeddingsResult;
import dev.freeport.api.Usage;
import dev.freeport.catalog.PriceCatalog;
import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;
import dev.freeport.error.GatewayException;
import dev.freeport.front.ChatFront;
import dev.freeport.front.anthropic.AnthropicFront;
import dev.freeport.dialect.anthropic.CountTokens;
import dev.freeport.dialect.anthropic.MessagesDecoder;
import dev.freeport.dialect.openai.ChatDecoder;
import dev.freeport.front.openai.OpenAiFront;
import dev.freeport.ledger.Fingerprints;
import dev.freeport.ledger.Ledger;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.policy.Admission;
import dev.freeport.policy.Outcome;
import dev.freeport.provider.Call;
import dev.freeport.provider.Cancellation;
import dev.freeport.provider.ChunkStream;
import dev.freeport.provider.EmbeddingsCall;
import dev.freeport.provider.StreamItem;
import dev.freeport.route.AliasRoute;
import dev.freeport.route.DispatchFailed;
import dev.freeport.route.Dispatched;
import dev.freeport.route.Target;
import dev.freeport.tokens.TokenCounter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The request flow. {@link #chat} reads top to bottom: authenticate → read and decode the body → route plan →
 * dispatch with fallback → encode (JSON or a relayed stream) → ledger. Each step is a named method; errors from
 * any step end in {@link #answerError}, and every request ends in {@link #record}, exactly once.
 */
public final class RequestFlow {
    private static final Logger LOG = Logger.getLogger(RequestFlow.class.getName());

    private final Supplier<GatewayRuntime> runtime;
    private final Ledger ledger;
    private final Guard guard;
    private final PolicyChain policies;

    public RequestFlow(Supplier<GatewayRuntime> runtime, Ledger ledger, Guard guard, PolicyChain policies) {
        this.runtime = runtime;
        this.ledger = ledger;
        this.guard = guard;
        this.policies = policies;
    }

    public void chat(HttpServerRequest http, ChatFront front) {
        GatewayRuntime rt = runtime.get();
        Exchange ex = new Exchange(newRequestId(), "chat");
        Cancellation cancellation = cancelOnDisconnect(http, ex);
        guard.authenticate(rt, http, ex)
                .compose(v -> guard.readBody(rt, http))
                .map(front::decode)
                .<Void>compose(chat -> {
                    ex.fingerprint = Fingerprints.of(chat, front.name());
                    ex.stream = chat.stream();
                    AliasRoute route = routeFor(rt, ex, chat.model());
                    return admit(rt, ex, route, chat)
                            .compose(v -> Routing.planChat(rt, http, ex, chat, route))
                            .compose(plan -> chat.stream()
                                    ? dispatchStream(rt, ex, chat, plan, cancellation)
                                    .compose(stream -> relayStream(http, ex, front, chat, stream, cancellation))
                                    : dispatchChat(rt, ex, chat, plan, cancellation)
                                    .map(dispatched -> encodeChat(http, ex, front, chat, dispatched.value())));
                })
                .recover(failure -> answerError(http, ex, front, failure))
                .onComplete(done -> record(ex)); // a no-op unless no answer was written (the caller left)
    }

    public void embeddings(HttpServerRequest http) {
        GatewayRuntime rt = runtime.get();
        Exchange ex = new Exchange(newRequestId(), "embeddings");
        Cancellation cancellation = cancelOnDisconnect(http, ex);
        guard.authenticate(rt, http, ex)
                .compose(v -> guard.readBody(rt, http))
                .map(ChatDecoder::decodeEmbeddings)
                .<Void>compose(req -> {
                    AliasRoute route = routeFor(rt, ex, req.model());
                    return admit(ex, route, () -> TokenCounter.countEmbeddingInputs(req.inputs()), 0)
                            .map(v -> Routing.planEmbeddings(rt, http, ex, route))
                            .compose(plan -> dispatchEmbeddings(rt, ex, req, plan, cancellation))
                            .map(dispatched -> encodeEmbeddings(http, ex, req, dispatched.value()));
                })
                .recover(failure -> answerError(http, ex, OpenAiFront.INSTANCE, failure))
                .onComplete(done -> record(ex));
    }

    /** Anthropic's count_tokens: authenticated, validated, counted with Freeport's tokenizer; no ledger event. */
    public void countTokens(HttpServerRequest http) {
        GatewayRuntime rt = runtime.get();
        Exchange ex = new Exchange(newRequestId(), "count_tokens");
        guard.authenticate(rt, http, ex)
                .compose(v -> guard.readBody(rt, http))
                .map(MessagesDecoder::decodeForCount)
                .onSuccess(req -> Replies.json(http.response(), ex, CountTokens.response(req), false))
                .onFailure(failure -> {
                    GatewayError error = failure instanceof GatewayException ge ? ge.error()
                            : GatewayError.of(ErrorKind.INTERNAL, "internal error counting tokens");
                    Replies.error(http.response(), ex, error, AnthropicFront.INSTANCE);
                });
    }

    // ---- steps -------------------------------------------------------------------------------------------

    /** The alias's route; 404 for an unknown alias, 403 for one the caller's key may not use. */
    private static AliasRoute routeFor(GatewayRuntime rt, Exchange ex, String alias) {
        ex.alias = alias;
        AliasRoute route = rt.route(alias);
        if (route == null || !ex.principal.mayUse(alias)) {
            List<String> known = rt.routes().keySet().stream().filter(ex.principal::mayUse).toList();
            if (route != null) {
                throw new GatewayError(ErrorKind.PERMISSION, 403, "This key may not use the model '" + alias
                        + "'. It may use: " + String.join(", ", known) + ".", "model", "model_not_allowed", null)
                        .toException();
            }
            throw new GatewayError(ErrorKind.NOT_FOUND, 404, "The model '" + alias + "' does not exist. Known models: "
                    + String.join(", ", known) + ".", "model", "model_not_found", null).toException();
        }
        return route;
    }

    /**
     * Policies before dispatch (budgets, rate limits): admit, or reject with their error. A request under a hard
     * budget that sets no output cap gets the configured bound as its max_tokens, so the reservation holds.
     */
    private Future<Void> admit(GatewayRuntime rt, Exchange ex, AliasRoute route, ChatRequest chat) {
        if (policies.isEmpty() || ex.principal.unlimited()) {
            return Future.succeededFuture();
        }
        int cap = chat.maxOutputTokens() != null ? chat.maxOutputTokens() : rt.config().limits().defaultOutputBound();
        if (chat.maxOutputTokens() == null && underHardBudget(ex.principal)) {
            chat.body().put("max_tokens", cap);
        }
        return admit(ex, route, () -> TokenCounter.countPrompt(chat), cap);
    }

    private static boolean underHardBudget(dev.freeport.caller.Principal p) {
        return p.keyBudget() != null && p.keyBudget().hard() || p.teamBudget() != null && p.teamBudget().hard();
    }

    /** Counts the prompt only when some policy will look at it: counting costs more than the rest of admission. */
    private Future<Void> admit(Exchange ex, AliasRoute route, java.util.function.LongSupplier promptTokens,
                               long maxOutputTokens) {
        if (policies.isEmpty() || ex.principal.unlimited()) {
            return Future.succeededFuture();
        }
        return policies.admit(new Admission(ex.id, ex.principal, ex.alias, route, promptTokens.getAsLong(),
                maxOutputTokens, ex.stream), ex.tickets);
    }

    private static Future<Dispatched<ChatResult>> dispatchChat(GatewayRuntime rt, Exchange ex, ChatRequest chat,
                                                              List<Target> plan, Cancellation cancellation) {
        return rt.dispatcher().dispatch(plan, cancellation, target -> inFlight(target, target.provider().chat(
                new Call(chat, target.upstreamModel(), target.timeouts(), cancellation))))
                .onSuccess(d -> served(ex, d));
    }

    private static Future<Dispatched<ChunkStream>> dispatchStream(GatewayRuntime rt, Exchange ex, ChatRequest chat,
                                                                 List<Target> plan, Cancellation cancellation) {
        return rt.dispatcher().dispatch(plan, cancellation, target -> inFlight(target, target.provider().chatStream(
                new Call(chat, target.upstreamModel(), target.timeouts(), cancellation))))
                .onSuccess(d -> served(ex, d));
    }

    private static Future<Dispatched<EmbeddingsResult>> dispatchEmbeddings(GatewayRuntime rt, Exchange ex,
                                                                          EmbeddingsRequest req, List<Target> plan,
                                                                          Cancellation cancellation) {
        return rt.dispatcher().dispatch(plan, cancellation, target -> inFlight(target, target.provider().embeddings(
                new EmbeddingsCall(req, target.upstreamModel(), target.timeouts(), cancellation))))
                .onSuccess(d -> served(ex, d));
    }

    /**
     * Counts an attempt in its target's requests in flight (least-busy): a failed attempt ends here, a served one
     * when the request is recorded.
     */
    private static <T> Future<T> inFlight(Target target, Future<T> attempt) {
        target.stats().started();
        return attempt.onFailure(e -> target.stats().ended());
    }

    private static void served(Exchange ex, Dispatched<?> d) {
        ex.served = d.target();
        ex.attempts = d.attempts();
    }

    private Void encodeChat(HttpServerRequest http, Exchange ex, ChatFront front, ChatRequest chat,
                            ChatResult result) {
        ex.firstTokenNanos = System.nanoTime();
        ex.usage = Usages.orEstimate(result.usage(), chat, Usages.answerText(result.body()));
        ex.finishReason = result.finishReason();
        price(ex);
        ObjectNode body = front.encode(chat, result);
        record(ex);
        Replies.json(http.response(), ex, body, true);
        return null;
    }

    private Void encodeEmbeddings(HttpServerRequest http, Exchange ex, EmbeddingsRequest req,
                                         EmbeddingsResult result) {
        Usage usage = result.usage();
        if (usage == null || usage.isEmpty()) {
            usage = new Usage(TokenCounter.countEmbeddingInputs(req.inputs()), 0, 0, 0, 0, true);
        }
        ex.usage = usage;
        price(ex);
        record(ex);
        Replies.json(http.response(), ex, result.body(), true);
        return null;
    }

    /** Relays a started stream in the caller's format; completes when it ends (see {@link StreamRelay}). */
    private Future<Void> relayStream(HttpServerRequest http, Exchange ex, ChatFront front, ChatRequest chat,
                                     Dispatched<ChunkStream> dispatched, Cancellation cancellation) {
        return new StreamRelay(http.response(), ex, front.streamWriter(chat), dispatched.value(),
                () -> finishStream(ex, chat), () -> record(ex)).run(cancellation);
    }

    /** Usage (reported, or counted from what was seen), finish reason and cost of a stream that ended. */
    private static void finishStream(Exchange ex, ChatRequest chat) {
        StreamTally tally = ex.tally;
        ex.usage = Usages.orEstimate(tally.reported(), chat, tally.text());
        ex.finishReason = tally.finishReason();
        price(ex);
    }

    private static void price(Exchange ex) {
        Target t = ex.served;
        if (t == null || t.price() == null) {
            return;
        }
        ex.costNanos = PriceCatalog.costNanos(t.price(), ex.usage, (System.nanoTime() - ex.startNanos) / 1_000_000);
    }

    private Future<Void> answerError(HttpServerRequest http, Exchange ex, ChatFront front, Throwable failure) {
        GatewayError error;
        if (failure instanceof GatewayException ge) {
            error = ge.error();
            if (!http.response().headWritten()) {
                ge.headers().forEach((k, v) -> http.response().putHeader(k, v));
            }
        } else if (failure instanceof DispatchFailed df) {
            error = df.error();
            ex.attempts = df.attempts();
        } else {
            LOG.log(Level.SEVERE, "request " + ex.id + " failed unexpectedly", failure);
            error = new GatewayError(ErrorKind.INTERNAL, 500, "internal error in Freeport (request " + ex.id
                    + "); the details are in the gateway's log", null, "internal_error", null);
        }
        ex.fail(error.kind() == ErrorKind.CANCELLED ? UsageEvent.Status.CANCELLED : UsageEvent.Status.FAILED, error);
        record(ex);
        Replies.error(http.response(), ex, error, front);
        return Future.succeededFuture();
    }

    /**
     * Journals the request's one usage event. Called just before the last byte of the answer is written, so an
     * answered request is in the journal even if the process dies the next instant.
     */
    private void record(Exchange ex) {
        if (!ex.markRecorded()) {
            return;
        }
        PolicyChain.settle(ex.tickets, new Outcome(ex.costNanos, ex.usage.inputTokens(), ex.usage.outputTokens(),
                !ex.attempts.isEmpty()));
        observe(ex);
        try {
            ledger.record(ex.toEvent());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "could not journal usage of request " + ex.id, e);
        }
    }

    /** What the router learns from a served request: in flight no more, latency and speed, vendor share. */
    private void observe(Exchange ex) {
        Target t = ex.served;
        if (t == null) {
            return;
        }
        t.stats().ended();
        if (ex.status == UsageEvent.Status.OK && !ex.attempts.isEmpty()) {
            long now = System.nanoTime();
            long firstMillis = ex.attempts.get(ex.attempts.size() - 1).millis();
            long afterFirst = ex.stream && ex.firstTokenNanos > 0 ? (now - ex.firstTokenNanos) / 1_000_000 : 0;
            t.stats().observe(firstMillis, ex.usage.outputTokens(), afterFirst, System.currentTimeMillis());
        }
        if (ex.status == UsageEvent.Status.OK || ex.status == UsageEvent.Status.CUT) {
            runtime.get().routeState().concentration().record(t.profile().vendor(), ex.costNanos,
                    ex.usage.inputTokens() + ex.usage.outputTokens(), System.currentTimeMillis());
        }
    }

    private static Cancellation cancelOnDisconnect(HttpServerRequest http, Exchange ex) {
        Cancellation cancellation = new Cancellation();
        http.response().closeHandler(v -> {
            if (!http.response().ended()) {
                cancellation.cancel();
            }
        });
        return cancellation;
    }

    static String newRequestId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String random = Long.toHexString((r.nextLong() & 0xffffffffffffL) | 0x1000000000000L).substring(1);
        return "req_" + Long.toHexString(System.currentTimeMillis()) + random;
    }

}
