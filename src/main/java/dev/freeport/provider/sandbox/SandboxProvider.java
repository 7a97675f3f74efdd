package dev.freeport.provider.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.ChatResult;
import dev.freeport.api.EmbeddingsResult;
import dev.freeport.api.Timeouts;
import dev.freeport.api.Usage;
import dev.freeport.config.ProviderConfig;
import dev.freeport.config.SandboxModelConfig;
import dev.freeport.provider.Call;
import dev.freeport.provider.ChunkStream;
import dev.freeport.provider.EmbeddingsCall;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.Provider;
import dev.freeport.provider.UpstreamException;
import dev.freeport.provider.UpstreamFailure;
import dev.freeport.tokens.TokenCounter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The built-in provider of simulated models, so Freeport runs and is testable with no keys and no network.
 * Answers are deterministic functions of the request (same request, same text); timing, faults and embeddings
 * follow each model's {@link SandboxModelConfig}. Fault draws combine a per-provider counter with the model's
 * seed: random-looking but reproducible run to run, and a retry of the same request draws afresh. Usage is
 * counted with {@link TokenCounter} and reported as real (not estimated): the sandbox is the upstream. A model
 * slower than the call's first-byte timeout fails with TIMEOUT at that timeout, as a real upstream would.
 */
public final class SandboxProvider implements Provider {
    private static final int DEFAULT_MAX_OUTPUT = 256;

    private final Vertx vertx;
    private final ProviderConfig config;
    private final Map<String, SandboxModelConfig> models;
    private final AtomicLong draws = new AtomicLong();
    private final AtomicLong ids = new AtomicLong(System.nanoTime());

    public SandboxProvider(Vertx vertx, ProviderConfig config) {
        this.vertx = vertx;
        this.config = config;
        this.models = config.sandboxModels() == null ? Map.of() : Map.copyOf(config.sandboxModels());
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public String type() {
        return "sandbox";
    }

    @Override
    public boolean simulated() {
        return true;
    }

    @Override
    public Future<ChatResult> chat(Call call) {
        Prepared p;
        try {
            p = prepare(call);
        } catch (UpstreamException e) {
            return Future.failedFuture(e);
        }
        String id = nextId();
        long created = System.currentTimeMillis() / 1000;
        ObjectNode body = OpenAiShapes.completion(id, created, call.upstreamModel(), p.answer, p.promptTokens);
        ChatResult result = new ChatResult(body, Usage.of(p.promptTokens, p.answer.completionTokens()),
                p.answer.finishReason());
        long outputMillis = outputMillis(p.model, p.answer.completionTokens());
        long delay = p.model.ttftMillis() + (p.cut ? outputMillis / 2 : outputMillis);
        if (call.cancellation().isCancelled()) {
            return Future.failedFuture(cancelled());
        }
        if (delay <= 0) {
            return p.cut ? Future.failedFuture(reset()) : Future.succeededFuture(result);
        }
        long limit = firstByteMillis(call);
        boolean timesOut = delay > limit;
        Promise<ChatResult> promise = Promise.promise();
        long timer = vertx.setTimer(Math.min(delay, limit), t -> {
            if (timesOut) {
                promise.tryFail(timeout(limit));
            } else if (p.cut) {
                promise.tryFail(reset());
            } else {
                promise.tryComplete(result);
            }
        });
        call.cancellation().onCancel(() -> {
            vertx.cancelTimer(timer);
            promise.tryFail(cancelled());
        });
        return promise.future();
    }

    @Override
    public Future<ChunkStream> chatStream(Call call) {
        Prepared p;
        try {
            p = prepare(call);
        } catch (UpstreamException e) {
            return Future.failedFuture(e);
        }
        if (call.cancellation().isCancelled()) {
            return Future.failedFuture(cancelled());
        }
        OpenAiShapes.Chunks chunks = OpenAiShapes.chunks(nextId(), System.currentTimeMillis() / 1000,
                call.upstreamModel(), p.answer, p.promptTokens);
        int cutAfter = p.cut ? Math.max(1, chunks.paced() / 2) : -1;
        SandboxStream stream = new SandboxStream(vertx, chunks.all(), chunks.paced(), p.model.tokensPerSecond(),
                cutAfter);
        if (p.model.ttftMillis() <= 0) {
            stream.start();
            call.cancellation().onCancel(stream::cancel);
            return Future.succeededFuture(stream);
        }
        long limit = firstByteMillis(call);
        boolean timesOut = p.model.ttftMillis() > limit;
        Promise<ChunkStream> promise = Promise.promise();
        long timer = vertx.setTimer(Math.min(p.model.ttftMillis(), limit), t -> {
            if (timesOut) {
                stream.cancel();
                promise.tryFail(timeout(limit));
            } else {
                stream.start();
                promise.tryComplete(stream);
            }
        });
        call.cancellation().onCancel(() -> {
            vertx.cancelTimer(timer);
            stream.cancel();
            promise.tryFail(cancelled());
        });
        return promise.future();
    }

    @Override
    public Future<EmbeddingsResult> embeddings(EmbeddingsCall call) {
        try {
            SandboxModelConfig model = model(call.upstreamModel());
            if (model.embeddingDims() > 0) {
                failIfFaulted(model, draw(model));
            }
            return Future.succeededFuture(SandboxEmbeddings.embed(call.request(), call.upstreamModel(),
                    model.embeddingDims(), model.seed()));
        } catch (UpstreamException e) {
            return Future.failedFuture(e);
        }
    }

    /** What one chat attempt will do; throws the attempt's failure when it fails before the first byte. */
    private Prepared prepare(Call call) {
        SandboxModelConfig model = model(call.upstreamModel());
        Draw draw = draw(model);
        failIfFaulted(model, draw);
        JsonNode body = call.request().body();
        long seed = Mix.combine(Mix.combine(Mix.hash(call.upstreamModel()), model.seed()),
                Mix.combine(hash(body.path("messages")), 31L * hash(body.path("tools"))
                        + 17L * hash(body.path("response_format")) + hash(body.path("tool_choice"))));
        Integer requested = call.request().maxOutputTokens();
        int cap = requested != null ? requested
                : model.maxOutputTokens() > 0 ? model.maxOutputTokens() : DEFAULT_MAX_OUTPUT;
        Answer answer = AnswerWriter.write(body, seed, cap);
        return new Prepared(model, answer, TokenCounter.countPrompt(call.request()),
                draw.cut < model.cutRate());
    }

    private record Prepared(SandboxModelConfig model, Answer answer, int promptTokens, boolean cut) {
    }

    /** Two uniform draws in [0,1): one for error/rate-limit, one for a cut. */
    private record Draw(double fault, double cut) {
    }

    private Draw draw(SandboxModelConfig model) {
        long n = draws.getAndIncrement();
        return new Draw(Mix.unit(Mix.combine(model.seed(), 2 * n)), Mix.unit(Mix.combine(model.seed(), 2 * n + 1)));
    }

    private static void failIfFaulted(SandboxModelConfig model, Draw draw) {
        if (draw.fault < model.errorRate()) {
            throw new UpstreamFailure(FailureKind.SERVER_ERROR, 500, "sandbox: simulated internal server error",
                    null, "server_error", null).toException();
        }
        if (draw.fault < model.errorRate() + model.rateLimitRate()) {
            throw new UpstreamFailure(FailureKind.RATE_LIMITED, 429, "sandbox: simulated rate limit, retry in 1s",
                    Duration.ofSeconds(1), "requests", "rate_limit_exceeded").toException();
        }
    }

    private SandboxModelConfig model(String name) {
        SandboxModelConfig m = name == null ? null : models.get(name);
        if (m == null) {
            throw new UpstreamFailure(FailureKind.CLIENT_ERROR, 404, "The model '" + name
                    + "' does not exist on sandbox provider '" + config.name() + "'; available models: "
                    + String.join(", ", new TreeSet<>(models.keySet())), null, "invalid_request_error",
                    "model_not_found").toException();
        }
        return m;
    }

    private static long outputMillis(SandboxModelConfig model, int tokens) {
        double tps = model.tokensPerSecond();
        if (tps <= 0 || Double.isInfinite(tps) || Double.isNaN(tps)) {
            return 0;
        }
        return Math.round(tokens * 1000.0 / tps);
    }

    /** The attempt's first-byte timeout (for a non-stream answer it bounds the whole body, as over HTTP). */
    private static long firstByteMillis(Call call) {
        Timeouts t = call.timeouts() == null ? Timeouts.DEFAULTS : call.timeouts();
        return Math.max(1, t.firstByte().toMillis());
    }

    private static UpstreamException timeout(long millis) {
        return UpstreamFailure.of(FailureKind.TIMEOUT, 0, "sandbox: no answer within the first-byte timeout of "
                + millis + " ms").toException();
    }

    private static long hash(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? 0 : node.hashCode();
    }

    private String nextId() {
        return "chatcmpl-sbx-" + Long.toString(Mix.mix(ids.incrementAndGet()) >>> 1, 36);
    }

    private static UpstreamException cancelled() {
        return UpstreamFailure.of(FailureKind.CANCELLED, 0, "sandbox: the caller went away").toException();
    }

    private static UpstreamException reset() {
        return UpstreamFailure.of(FailureKind.SERVER_ERROR, 0,
                "sandbox: simulated connection reset before the answer was complete").toException();
    }
}
