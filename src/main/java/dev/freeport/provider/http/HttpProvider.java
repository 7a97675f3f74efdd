package dev.freeport.provider.http;

import dev.freeport.api.ChatResult;
import dev.freeport.api.EmbeddingsResult;
import dev.freeport.api.Timeouts;
import dev.freeport.provider.BatchApi;
import dev.freeport.provider.Call;
import dev.freeport.provider.Cancellation;
import dev.freeport.provider.ChunkStream;
import dev.freeport.provider.EmbeddingsCall;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.Provider;
import dev.freeport.provider.UpstreamException;
import dev.freeport.provider.UpstreamFailure;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A provider reached over HTTP: a pure {@link ChatCodec} for the dialect plus the shared {@link UpstreamClient}.
 * This class owns the transport concerns every dialect shares: timeouts (connect, first byte, idle, total),
 * cancellation when the caller leaves, and turning transport errors into {@link UpstreamFailure}s.
 */
public final class HttpProvider implements Provider {
    private final Vertx vertx;
    private final ProviderSettings settings;
    private final ChatCodec codec;
    private final UpstreamClient client;
    private final Authorizer authorizer;
    private volatile BatchApi batchApi;
    /** the base URL parsed by the client, looked up on the first exchange (immutable: a racy first look-up is safe) */
    private UpstreamClient.Base base;

    public HttpProvider(Vertx vertx, ProviderSettings settings, ChatCodec codec, UpstreamClient client) {
        this(vertx, settings, codec, client, Authorizer.NONE);
    }

    /** With an {@link Authorizer} that signs or adds a token to every request after it is encoded. */
    public HttpProvider(Vertx vertx, ProviderSettings settings, ChatCodec codec, UpstreamClient client,
                        Authorizer authorizer) {
        this.vertx = vertx;
        this.settings = settings;
        this.codec = codec;
        this.client = client;
        this.authorizer = authorizer;
    }

    /**
     * With the back end's batch API when {@code config} sends batches there ({@code batch: native}, or by default
     * OpenAI and Anthropic on their official base URLs; docs/BATCH.md).
     */
    public HttpProvider withBatches(dev.freeport.config.ProviderConfig config) {
        if (HttpBatchApi.enabled(config, settings)) {
            this.batchApi = new HttpBatchApi(vertx, settings, codec, client);
        }
        return this;
    }

    @Override
    public BatchApi batchApi() {
        return batchApi;
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public String type() {
        return settings.type();
    }

    /**
     * True without an {@link Authorizer}: an exchange's {@link ExchangeTimer} starts before the connection is
     * opened and ends it by the total timeout; an authorizer's credential look-up runs before that timer.
     */
    @Override
    public boolean endsByTotalTimeout() {
        return authorizer == Authorizer.NONE;
    }

    public ProviderSettings settings() {
        return settings;
    }

    @Override
    public Future<ChatResult> chat(Call call) {
        return encodeThen(() -> codec.encodeChat(call.request(), call.upstreamModel(), false), call.headers(),
                req -> exchange(req, call.timeouts(), call.cancellation(),
                        body -> codec.decodeChat(call.request(), call.upstreamModel(), body)));
    }

    @Override
    public Future<EmbeddingsResult> embeddings(EmbeddingsCall call) {
        return encodeThen(() -> codec.encodeEmbeddings(call.request(), call.upstreamModel()), call.headers(),
                req -> exchange(req, call.timeouts(), call.cancellation(),
                        body -> codec.decodeEmbeddings(call.request(), call.upstreamModel(), body)));
    }

    @Override
    public Future<ChunkStream> chatStream(Call call) {
        return encodeThen(() -> codec.encodeChat(call.request(), call.upstreamModel(), true), call.headers(), req -> {
            StreamDecoder decoder = codec.streamDecoder(call.request(), call.upstreamModel());
            HttpChunkStream stream = new HttpChunkStream(vertx, decoder, call.timeouts(), codec::framer);
            call.cancellation().onCancel(stream::cancel);
            client.call(base(), req, call.timeouts(), (UpstreamCall request, Throwable notOpened) -> {
                if (notOpened != null) {
                    stream.failBeforeStart(failureOf(notOpened));
                    return;
                }
                if (!stream.attach(request)) {
                    return;
                }
                request.sendRequest(req, (UpstreamCall.Answer response, Throwable notSent) -> {
                    if (notSent != null) {
                        stream.failBeforeStart(failureOf(notSent));
                        return;
                    }
                    if (response.statusCode() / 100 == 2) {
                        stream.start(response);
                    } else {
                        WholeBody.read(response).onComplete(b -> stream.failBeforeStart(b.succeeded()
                                ? codec.mapError(response.statusCode(), response.headers(), b.result())
                                : httpStatusOnly(response.statusCode())));
                    }
                });
            });
            return stream.committed();
        });
    }

    /** Encodes, adds the call's extra headers (trace context: also signed, by an authorizer that signs), sends. */
    private <T> Future<T> encodeThen(Supplier<UpstreamRequest> encode, java.util.Map<String, String> headers,
                                     Function<UpstreamRequest, Future<T>> then) {
        UpstreamRequest req;
        try {
            req = encode.get();
        } catch (UpstreamException e) {
            return Future.failedFuture(e);
        }
        if (!headers.isEmpty()) { // a copy: a codec may share its headers between requests
            io.vertx.core.MultiMap h = io.vertx.core.MultiMap.caseInsensitiveMultiMap().addAll(req.headers());
            headers.forEach(h::set);
            req = req.withHeaders(h);
        }
        if (authorizer == Authorizer.NONE) {
            return then.apply(req);
        }
        Context caller = Vertx.currentContext();
        Future<UpstreamRequest> authorized;
        try {
            authorized = authorizer.authorize(settings.baseUrl(), req);
        } catch (RuntimeException e) {
            authorized = Future.failedFuture(e);
        }
        return authorized.recover(t -> Future.failedFuture(t instanceof UpstreamException ? t
                : UpstreamFailure.of(FailureKind.SERVER_ERROR, 0, settings.name() + ": could not authorize the request ("
                + t.getClass().getSimpleName() + ")").toException())).compose(r -> onContext(caller, () -> then.apply(r)));
    }

    /**
     * Runs {@code step} on the caller's context: a credential refresh shared by requests of several event loops
     * completes on one of them, and the rest of a request (its stream, its cancellation) belongs to its own.
     */
    private static <T> Future<T> onContext(Context caller, Supplier<Future<T>> step) {
        if (caller == null || Vertx.currentContext() == caller) {
            return step.get();
        }
        Promise<T> done = Promise.promise();
        caller.runOnContext(v -> step.get().onComplete(done));
        return done.future();
    }

    /**
     * One non-streaming exchange: send, read the whole body, decode or map the error, within the timeouts (one
     * {@link WholeExchange}).
     */
    private <T> Future<T> exchange(UpstreamRequest req, Timeouts timeouts, Cancellation cancellation,
                                   Function<Buffer, T> decode) {
        return WholeExchange.start(vertx, client, base(), req, timeouts, cancellation, codec, decode).future();
    }

    /** The base URL as the client parsed it, looked up once. */
    private UpstreamClient.Base base() {
        UpstreamClient.Base to = base;
        if (to == null) {
            base = to = client.base(settings.baseUrl());
        }
        return to;
    }

    static UpstreamFailure failureOf(Throwable t) {
        if (t instanceof UpstreamException ue) {
            return ue.failure();
        }
        return UpstreamClient.connectFailure(t);
    }

    private static UpstreamFailure httpStatusOnly(int status) {
        FailureKind kind = status == 429 ? FailureKind.RATE_LIMITED
                : status >= 500 ? FailureKind.SERVER_ERROR : FailureKind.CLIENT_ERROR;
        return UpstreamFailure.of(kind, status, "upstream answered " + status);
    }
}
