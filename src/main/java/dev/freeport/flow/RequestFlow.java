package dev.freeport.flow;

import dev.freeport.api.ChatRequest;
import dev.freeport.api.ChatResult;
import dev.freeport.api.EmbeddingsRequest;
import dev.freeport.api.EmbeddingsResult;
import dev.freeport.api.Usage;
import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;
import dev.freeport.error.GatewayException;
import dev.freeport.front.ChatSession;
import dev.freeport.front.ChatTranslator;
import dev.freeport.front.Endpoint;
import dev.freeport.front.ErrorShape;
import dev.freeport.front.QueryHandler;
import dev.freeport.guardrails.FindingCounter;
import dev.freeport.ledger.Ledger;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.module.AnswerTap;
import dev.freeport.module.InnerRequests;
import dev.freeport.module.RequestWatcher;
import dev.freeport.module.ResponseCache;
import dev.freeport.policy.PromptTokens;
import dev.freeport.provider.BatchApi;
import dev.freeport.provider.Cancellation;
import dev.freeport.provider.ChunkStream;
import dev.freeport.route.AliasRoute;
import dev.freeport.route.DispatchFailed;
import dev.freeport.route.Target;
import dev.freeport.route.assembly.GatewayRuntime;
import dev.freeport.tokens.TokenCounter;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The request flow. {@link #chat} reads top to bottom: authenticate → read and decode the body → cache → route plan →
 * dispatch with fallback → encode (JSON or a relayed stream) → ledger. Each step is a named method; errors from
 * any step end in {@link #answerError}, and every request ends in {@link Recorder#record}, exactly once.
 */
public final class RequestFlow {
    private static final Logger LOG = Logger.getLogger(RequestFlow.class.getName());

    private final Supplier<GatewayRuntime> runtime;
    private final PolicyChain policies;
    final InFlight inFlight = new InFlight();
    private final RequestWatcher watcher;
    /** steps "ledger + policies after" and "after the answer", and the pricing of what came back */
    final Recorder recorder;
    final Taps taps;
    /** the module's response cache (step "cache"), or null */
    private final ResponseCache cache;

    public RequestFlow(Supplier<GatewayRuntime> runtime, Ledger ledger, PolicyChain policies) {
        this(runtime, ledger, policies, RequestLog.NONE);
    }

    /** With the request log's sink; which requests it gets, and how they read, is the current config's. */
    public RequestFlow(Supplier<GatewayRuntime> runtime, Ledger ledger, PolicyChain policies, RequestLog requestLog) {
        this(runtime, ledger, policies, requestLog, RequestWatcher.NONE, Clock.systemUTC(), List.of(), null);
    }

    /**
     * With what watches every request (the modules' metrics and traces), the clock requests are priced by (tests
     * move it across a vendor's time-of-day price edge) and the modules' taps, told of each chat request answered in
     * full (step "tap"), and the module's response cache (step "cache"; null: none).
     */
    public RequestFlow(Supplier<GatewayRuntime> runtime, Ledger ledger, PolicyChain policies, RequestLog requestLog,
                       RequestWatcher watcher, Clock clock, List<AnswerTap> taps, ResponseCache cache) {
        this.runtime = runtime;
        this.cache = cache;
        this.taps = new Taps(taps, ledger);
        this.policies = policies;
        this.watcher = watcher;
        this.recorder = new Recorder(runtime, ledger, requestLog, clock);
    }

    /** A chat request through an endpoint of any front: the whole flow, ending in exactly one ledger event. */
    public void chat(Caller caller, Endpoint.Chat endpoint) {
        GatewayRuntime rt = runtime.get();
        Exchange ex = Exchange.arrived("chat");
        ex.front = endpoint.front().name();
        Function<String, String> headers = caller::header; // one for the watchers and the decoder
        ex.watch = watcher.start(ex.endpoint, headers);
        Cancellation cancellation = cancelOnDisconnect(caller);
        ChatCall c = new ChatCall(this, rt, caller, ex, endpoint, endpoint.open(), cancellation,
                inFlight.add(cancellation), headers);
        // a body already read (most are, with their head) is decoded at once: no composition waits on the answer
        Steps.then(Steps.then(authenticated(rt, caller, ex), c, ChatCall::body), c, ChatCall::decoded)
                .onComplete(c); // ChatCall.complete: the error answered, if any, and the ledger
    }

    /** Step "resume" of the decoded request ({@link #resume}); then its alias, the cache, the dispatch. */
    Future<Void> answer(ChatCall c, ChatRequest request) {
        return Steps.then(resume(c.ex, c.session, request), c, ChatCall::resumed);
    }

    /** The resumed request's alias and the cache's look-up; a hit served, anything else dispatched. */
    Future<Void> resumed(ChatCall c, ChatRequest decoded) {
        Exchange ex = c.ex;
        ex.fingerprinted = decoded;
        ex.stream = decoded.stream();
        ex.watch.decoded(decoded);
        ex.deadline = Deadlines.of(c.rt, c.caller, ex);
        c.route = Routing.routeFor(c.rt, ex, decoded.model());
        ResponseCache.Lookup cached = Caching.lookUp(cache, c.rt, c.caller, ex, decoded);
        return cached == null ? dispatch(c, decoded)
                : cached.found().compose(hit -> hit != null
                ? Admitting.hit(policies, ex, c.route)
                .compose(v -> Caching.serve(c.caller, ex, c.session, decoded, hit, () -> recorder.record(ex)))
                : dispatch(c, Caching.missed(ex, decoded)));
    }

    /** Policies, route plan, guardrails, dispatch with fallback, and the answer: JSON or a relayed stream. */
    private Future<Void> dispatch(ChatCall c, ChatRequest decoded) {
        return Steps.then(Admitting.chat(policies, c.rt, c.ex, c.route, decoded), c, ChatCall::planned);
    }

    /**
     * Step "hand over" ({@link Handover}): an inner request its module hands over, planned on a provider with a batch
     * API, goes back routed and translated instead of sent. Any other request is sent, with fallback, and answered:
     * a relayed stream or a JSON answer.
     */
    Future<Void> handOverOrSend(ChatCall c, List<Target> plan) {
        Exchange ex = c.ex;
        ChatRequest chat = ex.admitted;
        if (Handover.wanted(c.caller, chat, plan)) {
            return Handover.hand(c.rt, c.caller, ex, chat, plan);
        }
        if (chat.stream()) {
            return Attempts.stream(c.rt, ex, chat, plan, c.cancellation)
                    .compose(dispatched -> relayStream(c.caller, ex, c.session, chat, Attempts.served(ex, dispatched),
                            c.cancellation));
        }
        return Attempts.chat(c.rt, ex, chat, plan, c.cancellation)
                .map(dispatched -> encodeChat(c.caller, ex, c.session, chat, Attempts.served(ex, dispatched)));
    }

    /** An embeddings request: authenticated, routed, dispatched with fallback, one ledger event. */
    public void embeddings(Caller caller, Endpoint.Embeddings endpoint) {
        GatewayRuntime rt = runtime.get();
        Exchange ex = Exchange.arrived("embeddings");
        ex.front = endpoint.front().name();
        ex.watch = watcher.start(ex.endpoint, caller::header);
        Cancellation cancellation = cancelOnDisconnect(caller);
        InFlight.Entry tracked = inFlight.add(cancellation);
        authenticated(rt, caller, ex)
                .compose(v -> caller.body(maxBody(rt)))
                .map(endpoint.decoder())
                .<Void>compose(req -> {
                    ex.deadline = Deadlines.of(rt, caller, ex);
                    AliasRoute route = Routing.routeFor(rt, ex, req.model());
                    return Admitting.admit(policies, rt, ex, route, false, new PromptTokens(TokenCounter.embeddingUpperBound(req.inputs()),
                            () -> TokenCounter.countEmbeddingInputs(req.inputs())), 0)
                            .map(v -> Routing.planEmbeddings(rt, caller, ex, route))
                            .compose(plan -> Guarding.screenedEmbeddings(rt, ex, req, plan,
                                    screened -> Attempts.embeddings(rt, ex, req, screened, cancellation)))
                            .map(dispatched -> encodeEmbeddings(caller, ex, req, endpoint,
                                    Attempts.served(ex, dispatched)));
                })
                .recover(failure -> answerError(caller, ex, endpoint.front().errors(), failure))
                .onComplete(done -> {
                    recorder.record(ex);
                    caller.afterWritten(() -> {
                        recorder.afterAnswer(ex);
                        inFlight.remove(tracked);
                    });
                });
    }

    /** The endpoint name of {@link #query}'s requests, which never reach a provider and leave no ledger event. */
    static final String QUERY = "query";

    /**
     * An endpoint the gateway answers itself (model lists, token counts): authenticated, its body read under the
     * same limit, answered in the front's format; no ledger event, also when it fails (the request log has it).
     */
    public void query(Caller caller, Endpoint.Query endpoint, Map<String, String> params) {
        GatewayRuntime rt = runtime.get();
        Exchange ex = Exchange.arrived(QUERY);
        authenticated(rt, caller, ex)
                .compose(v -> caller.body(maxBody(rt)))
                .compose(body -> endpoint.handler().replyLater(new QueryHandler.Call(ex.principal, params, body,
                        () -> ModelLists.forCaller(rt, ex.principal, caller.presentedKey()), caller::header,
                        caller::query)))
                .onSuccess(reply -> Replies.body(caller, ex, reply))
                .onFailure(failure -> {
                    answerError(caller, ex, endpoint.front().errors(), failure);
                    recorder.afterAnswer(ex); // its line in the request log
                });
    }

    /** A handed-over request's answer from a back end's batch API: recorded, charged, answered ({@link Handover}). */
    public Future<InnerRequests.Reply> settle(InnerRequests.Result result) {
        return Handover.settle(runtime.get(), policies, result, recorder::recordNow);
    }

    /** A handed-over request ended without an answer: its budget hold given back ({@link Handover#release}). */
    public Future<Void> release(InnerRequests.Request request, InnerRequests.Handed handed) {
        return Handover.release(runtime.get(), policies, request, handed);
    }

    /** The batch API a request was handed to, in the current config (null: none any more). */
    public BatchApi batchApi(InnerRequests.Handed handed) {
        Target t = Handover.target(runtime.get(), handed);
        return t == null ? null : t.provider().batchApi();
    }

    /** Guardrail findings since start, by kind and action (for metrics; never values). */
    public FindingCounter guardrailFindings() {
        return recorder.guardrailFindings();
    }

    /** Chat and embeddings requests not finished yet. */
    public int inFlight() {
        return inFlight.size();
    }

    /**
     * Cancels every chat and embeddings request still running, e.g. when a stopping gateway's grace period ends:
     * each answers its caller with {@code reason} (an error, or an error event in a started stream) and is recorded
     * as cancelled with the reason's kind, never as an upstream failure.
     */
    public void cancelInFlight(GatewayError reason) {
        inFlight.cancelAll(reason);
    }

    // ---- steps -------------------------------------------------------------------------------------------

    /**
     * The caller's key (header only: a caller without a valid key never has its body read); an inner request's
     * key by its id, with its tag for the ledger.
     */
    private static Future<Void> authenticated(GatewayRuntime rt, Caller caller, Exchange ex) {
        if (caller instanceof InnerCaller inner) {
            ex.tag = inner.request.tag();
        }
        return Steps.map(caller instanceof InnerCaller inner ? rt.authenticator().principal(inner.request.keyId())
                : rt.authenticator().authenticate(caller.presentedKey()), principal -> {
            ex.principal = principal;
            return null;
        });
    }

    /**
     * Step "resume" of the endpoint's session: the request completed from what the endpoint keeps between requests
     * (e.g. an earlier conversation), before it is routed; the decoded request itself for most endpoints.
     */
    private static Future<ChatRequest> resume(Exchange ex, ChatSession session, ChatRequest decoded) {
        return session.resume(ex.principal, decoded);
    }

    /**
     * Step "keep" of the endpoint's session, after the answer's last byte was handed over: it keeps what the
     * endpoint keeps (e.g. the response, for a later request to continue from). Never fails the request.
     */
    static void keep(Exchange ex, ChatSession session) {
        try {
            session.keep(ex.principal);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "request " + ex.id + ": the endpoint could not keep its answer", e);
        }
    }

    static long maxBody(GatewayRuntime rt) {
        return rt.config().server().maxBodyBytes();
    }

    private Void encodeChat(Caller caller, Exchange ex, ChatTranslator front, ChatRequest chat,
                            ChatResult result) {
        long now = System.nanoTime();
        ex.firstTokenNanos = now;
        ex.result = result;
        recorder.answered(ex, Usages.orEstimate(result, chat), result.finishReason(), now);
        if (ex.watch.wantsAnswerText()) {
            ex.watch.answerText(Usages.answerText(result.body()));
        }
        Buffer body = front.encodeBytes(chat, result);
        recorder.record(ex);
        Replies.json(caller, ex, body, true);
        return null;
    }

    private Void encodeEmbeddings(Caller caller, Exchange ex, EmbeddingsRequest req, Endpoint.Embeddings endpoint,
                                  EmbeddingsResult result) {
        Usage usage = result.usage();
        if (usage == null || usage.isEmpty()) {
            usage = new Usage(TokenCounter.countEmbeddingInputs(req.inputs()), 0, 0, 0, 0, true);
        }
        recorder.answered(ex, usage, null);
        recorder.record(ex);
        Replies.json(caller, ex, endpoint.encoder().apply(req, result), true);
        return null;
    }

    /** Relays a started stream in the caller's format; completes when it ends (see {@link StreamRelay}). */
    private Future<Void> relayStream(Caller caller, Exchange ex, ChatTranslator front, ChatRequest chat,
                                     ChunkStream stream, Cancellation cancellation) {
        ex.processedAt = recorder.now(); // a stream is priced by when it started, not by when it ended
        return new StreamRelay(caller, ex, front.streamWriter(chat), stream,
                () -> finishStream(ex, chat), () -> recorder.record(ex)).run(cancellation);
    }

    /** Usage (reported, or counted from what was seen), finish reason and cost of a stream that ended. */
    private void finishStream(Exchange ex, ChatRequest chat) {
        StreamTally tally = ex.tally();
        recorder.answered(ex, Usages.orEstimate(tally.reported(), chat, tally::text), tally.finishReason());
        if (ex.watch.wantsAnswerText()) {
            ex.watch.answerText(tally.text());
        }
    }

    Future<Void> answerError(Caller caller, Exchange ex, ErrorShape shape, Throwable failure) {
        GatewayError error;
        Map<String, String> headers = Map.of();
        if (failure instanceof GatewayException ge) {
            error = ge.error();
            headers = ge.headers();
        } else if (failure instanceof DispatchFailed df) {
            error = df.error();
            ex.attempts = df.attempts();
        } else {
            LOG.log(Level.SEVERE, "request " + ex.id + " failed unexpectedly", failure);
            error = new GatewayError(ErrorKind.INTERNAL, 500, "internal error in Freeport (request " + ex.id
                    + "); the details are in the gateway's log", null, "internal_error", null);
        }
        boolean cancelled = error.kind() == ErrorKind.CANCELLED || error.kind() == ErrorKind.SHUTDOWN;
        ex.end(Exchange.Ending.failed(cancelled ? UsageEvent.Status.CANCELLED : UsageEvent.Status.FAILED, error));
        recorder.record(ex);
        Replies.error(caller, ex, error, shape, headers);
        return Future.succeededFuture();
    }

    private static Cancellation cancelOnDisconnect(Caller caller) {
        Cancellation cancellation = new Cancellation();
        caller.onGone(cancellation::cancel);
        return cancellation;
    }
}
