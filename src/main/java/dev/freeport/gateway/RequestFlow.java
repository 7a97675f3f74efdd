package dev.freeport.gateway;

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
import dev.freeport.front.openai.ChatDecoder;
import dev.freeport.ledger.Fingerprints;
import dev.freeport.ledger.Ledger;
import dev.freeport.ledger.UsageEvent;
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

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The request flow. {@link #chat} reads top to bottom: authenticate → read and decode the body → route plan →
 * dispatch with fallback → encode (JSON or a relayed stream) → ledger. Each step is a named method; errors from
 * any step end in {@link #answerError}, and every request ends in {@link #record}, exactly once.
 */
final class RequestFlow {
    private static final Logger LOG = Logger.getLogger(RequestFlow.class.getName());

    private final Supplier<GatewayRuntime> runtime;
    private final Ledger ledger;
    private final Guard guard;

    RequestFlow(Supplier<GatewayRuntime> runtime, Ledger ledger, Guard guard) {
        this.runtime = runtime;
        this.ledger = ledger;
        this.guard = guard;
    }

    void chat(HttpServerRequest http) {
        GatewayRuntime rt = runtime.get();
        Exchange ex = new Exchange(newRequestId(), "chat");
        Cancellation cancellation = cancelOnDisconnect(http, ex);
        guard.authenticate(rt, http, ex)
                .compose(v -> guard.readBody(rt, http))
                .map(ChatDecoder::decodeChat)
                .<Void>compose(chat -> {
                    ex.fingerprint = Fingerprints.of(chat, "openai");
                    AliasRoute route = routeFor(rt, ex, chat.model());
                    ex.stream = chat.stream();
                    return chat.stream()
                            ? dispatchStream(rt, ex, chat, route, cancellation)
                            .compose(stream -> relayStream(http, ex, chat, stream, cancellation))
                            : dispatchChat(rt, ex, chat, route, cancellation)
                            .map(dispatched -> encodeChat(http, ex, chat, dispatched.value()));
                })
                .recover(failure -> answerError(http, ex, failure))
                .onComplete(done -> record(ex)); // a no-op unless no answer was written (the caller left)
    }

    void embeddings(HttpServerRequest http) {
        GatewayRuntime rt = runtime.get();
        Exchange ex = new Exchange(newRequestId(), "embeddings");
        Cancellation cancellation = cancelOnDisconnect(http, ex);
        guard.authenticate(rt, http, ex)
                .compose(v -> guard.readBody(rt, http))
                .map(ChatDecoder::decodeEmbeddings)
                .<Void>compose(req -> dispatchEmbeddings(rt, ex, req, routeFor(rt, ex, req.model()), cancellation)
                        .map(dispatched -> encodeEmbeddings(http, ex, req, dispatched.value())))
                .recover(failure -> answerError(http, ex, failure))
                .onComplete(done -> record(ex));
    }

    // ---- steps -------------------------------------------------------------------------------------------

    private static AliasRoute routeFor(GatewayRuntime rt, Exchange ex, String alias) {
        ex.alias = alias;
        AliasRoute route = rt.route(alias);
        if (route == null) {
            throw new GatewayError(ErrorKind.NOT_FOUND, 404, "The model '" + alias + "' does not exist. Known models: "
                    + String.join(", ", rt.routes().keySet()) + ".", "model", "model_not_found", null).toException();
        }
        return route;
    }

    private static Future<Dispatched<ChatResult>> dispatchChat(GatewayRuntime rt, Exchange ex, ChatRequest chat,
                                                              AliasRoute route, Cancellation cancellation) {
        return rt.dispatcher().dispatch(route.plan(ThreadLocalRandom.current()), cancellation,
                target -> target.provider().chat(new Call(chat, target.upstreamModel(), target.timeouts(),
                        cancellation))).onSuccess(d -> served(ex, d));
    }

    private static Future<Dispatched<ChunkStream>> dispatchStream(GatewayRuntime rt, Exchange ex, ChatRequest chat,
                                                                 AliasRoute route, Cancellation cancellation) {
        return rt.dispatcher().dispatch(route.plan(ThreadLocalRandom.current()), cancellation,
                target -> target.provider().chatStream(new Call(chat, target.upstreamModel(), target.timeouts(),
                        cancellation))).onSuccess(d -> served(ex, d));
    }

    private static Future<Dispatched<EmbeddingsResult>> dispatchEmbeddings(GatewayRuntime rt, Exchange ex,
                                                                          EmbeddingsRequest req, AliasRoute route,
                                                                          Cancellation cancellation) {
        return rt.dispatcher().dispatch(route.plan(ThreadLocalRandom.current()), cancellation,
                target -> target.provider().embeddings(new EmbeddingsCall(req, target.upstreamModel(),
                        target.timeouts(), cancellation))).onSuccess(d -> served(ex, d));
    }

    private static void served(Exchange ex, Dispatched<?> d) {
        ex.served = d.target();
        ex.attempts = d.attempts();
    }

    private Void encodeChat(HttpServerRequest http, Exchange ex, ChatRequest chat, ChatResult result) {
        ex.firstTokenNanos = System.nanoTime();
        ex.usage = Usages.orEstimate(result.usage(), chat, Usages.answerText(result.body()));
        ex.finishReason = result.finishReason();
        price(ex);
        record(ex);
        Replies.json(http.response(), ex, result.body(), true);
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

    /**
     * Relays a started stream to the caller with backpressure, strips the usage chunk when the caller did not
     * ask for it, and turns a break into an SSE error frame (never a clean end). Completes when the stream ends.
     */
    private Future<Void> relayStream(HttpServerRequest http, Exchange ex, ChatRequest chat,
                                            Dispatched<ChunkStream> dispatched, Cancellation cancellation) {
        HttpServerResponse res = http.response();
        ChunkStream stream = dispatched.value();
        StreamTally tally = new StreamTally();
        Promise<Void> done = Promise.promise();
        cancellation.onCancel(() -> {
            finishStream(ex, chat, tally);
            stream.cancel();
            ex.fail(UsageEvent.Status.CANCELLED, GatewayError.of(ErrorKind.CANCELLED,
                    "the caller went away mid-stream"));
            ex.httpStatus = 200;
            done.tryComplete();
        });
        Replies.streamHead(res, ex);
        stream.handler(item -> {
            switch (item) {
                case StreamItem.Chunk c -> {
                    if (ex.firstTokenNanos == 0) {
                        ex.firstTokenNanos = System.nanoTime();
                    }
                    tally.observe(c.chunk());
                    ObjectNode out = forCaller(c.chunk(), chat.includeUsage());
                    if (out != null) {
                        res.write(Replies.sse(out));
                        if (res.writeQueueFull()) {
                            stream.pause();
                            res.drainHandler(v -> stream.resume());
                        }
                    }
                }
                case StreamItem.End e -> {
                    finishStream(ex, chat, tally);
                    record(ex);
                    res.end(Replies.DONE);
                    done.tryComplete();
                }
                case StreamItem.Failed f -> {
                    finishStream(ex, chat, tally);
                    GatewayError error = new GatewayError(ErrorKind.UPSTREAM_ERROR, 502,
                            "the upstream stream broke after it started (" + ex.served.label() + "): "
                                    + f.failure().message(), null, "stream_interrupted", null);
                    ex.fail(UsageEvent.Status.CUT, error);
                    ex.httpStatus = 200;
                    record(ex);
                    res.end(Replies.sseError(error));
                    done.tryComplete();
                }
            }
        });
        return done.future();
    }

    /** The chunk as the caller should see it: usage removed unless asked for; null to drop the chunk. */
    private static ObjectNode forCaller(ObjectNode chunk, boolean includeUsage) {
        if (includeUsage || !chunk.has("usage")) {
            return chunk;
        }
        var choices = chunk.get("choices");
        if (choices == null || choices.isEmpty()) {
            return null;
        }
        chunk.remove("usage");
        return chunk;
    }

    private static void finishStream(Exchange ex, ChatRequest chat, StreamTally tally) {
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

    private Future<Void> answerError(HttpServerRequest http, Exchange ex, Throwable failure) {
        GatewayError error;
        if (failure instanceof GatewayException ge) {
            error = ge.error();
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
        Replies.error(http.response(), ex, error);
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
        try {
            ledger.record(ex.toEvent());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "could not journal usage of request " + ex.id, e);
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
        return "req_" + Long.toHexString(System.currentTimeMillis()) + String.format("%012x",
                r.nextLong() & 0xffffffffffffL);
    }

}
