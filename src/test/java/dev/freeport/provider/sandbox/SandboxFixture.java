package dev.freeport.provider.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.ChatRequest;
import dev.freeport.api.EmbeddingsRequest;
import dev.freeport.api.Timeouts;
import dev.freeport.config.ProviderConfig;
import dev.freeport.config.SandboxModelConfig;
import dev.freeport.provider.Call;
import dev.freeport.provider.Cancellation;
import dev.freeport.provider.EmbeddingsCall;
import dev.freeport.provider.UpstreamException;
import dev.freeport.provider.UpstreamFailure;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** A real Vert.x instance, one event-loop context, and a sandbox provider with a model for each behaviour. */
final class SandboxFixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    final Vertx vertx = Vertx.vertx();
    final Context context = vertx.getOrCreateContext();
    final SandboxProvider provider;

    SandboxFixture() {
        Map<String, SandboxModelConfig> models = new LinkedHashMap<>();
        models.put("instant", model(0, 0, 0, 0, 0, 64));
        models.put("slow", model(150, 2000, 0, 0, 0, 64));
        models.put("paced", model(0, 50, 0, 0, 0, 64));
        models.put("failing", model(0, 0, 1.0, 0, 0, 64));
        models.put("limited", model(0, 0, 0, 1.0, 0, 64));
        models.put("flaky", model(0, 0, 0.5, 0, 0, 64));
        models.put("cutting", model(0, 0, 0, 0, 1.0, 64));
        models.put("cutting-paced", model(0, 200, 0, 0, 1.0, 64));
        models.put("text-only", model(0, 0, 0, 0, 0, 0));
        provider = new SandboxProvider(vertx, new ProviderConfig("sbx", "sandbox", null, null, null, Map.of(),
                Timeouts.DEFAULTS, models));
    }

    static SandboxModelConfig model(long ttft, double tps, double errorRate, double rateLimitRate, double cutRate,
                                    int dims) {
        return new SandboxModelConfig(ttft, tps, 256, errorRate, rateLimitRate, cutRate, dims, 42);
    }

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** A request for the messages given in single-quoted JSON, e.g. {@code [{'role':'user','content':'hi'}]}. */
    static ChatRequest request(String messages) {
        return request(messages, "", null);
    }

    /** {@code extra} is more single-quoted JSON fields, e.g. {@code ,'tools':[...]}. */
    static ChatRequest request(String messages, String extra, Integer maxTokens) {
        ObjectNode body = json("{'model':'m','messages':" + messages + extra + "}");
        return new ChatRequest("m", false, false, maxTokens, null, body);
    }

    static Call call(ChatRequest request, String model) {
        return new Call(request, model, Timeouts.DEFAULTS, new Cancellation());
    }

    static EmbeddingsCall embeddingsCall(String model, List<String> inputs, String extra) {
        StringBuilder input = new StringBuilder("[");
        for (String s : inputs) {
            input.append(input.length() > 1 ? "," : "").append('\'').append(s).append('\'');
        }
        ObjectNode body = json("{'model':'m','input':" + input + "]" + extra + "}");
        return new EmbeddingsCall(new EmbeddingsRequest("m", new ArrayList<>(inputs), null, body), model,
                Timeouts.DEFAULTS, new Cancellation());
    }

    /** Runs {@code action} on the event-loop context and waits for its future's result. */
    <T> T await(Supplier<Future<T>> action) {
        try {
            return start(action).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("failed: " + e.getCause(), e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Runs {@code action} on the event-loop context and waits for its future to fail with an upstream failure. */
    <T> UpstreamFailure awaitFailure(Supplier<Future<T>> action) {
        try {
            Object ok = start(action).get(10, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure, got " + ok);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UpstreamException u) {
                return u.failure();
            }
            throw new AssertionError("unexpected failure", e.getCause());
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    <T> CompletableFuture<T> start(Supplier<? extends Future<T>> action) {
        CompletableFuture<T> cf = new CompletableFuture<>();
        context.runOnContext(v -> action.get().onComplete(ar -> {
            if (ar.succeeded()) {
                cf.complete(ar.result());
            } else {
                cf.completeExceptionally(ar.cause());
            }
        }));
        return cf;
    }

    void onLoop(Runnable r) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(v -> {
            r.run();
            done.complete(null);
        });
        done.join();
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
