package dev.freeport.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.testing.Inbound.Endpoint;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A real HTTP server on loopback that plays an LLM provider: OpenAI chat completions, Responses and embeddings,
 * Anthropic Messages, Google Gemini generateContent / streamGenerateContent, streaming or not, exactly as the official
 * APIs put them on the wire, plus scripted faults (error statuses, resets, hangs, stalls, malformed JSON, in-band
 * errors). Tests queue {@link Reply}s (FIFO; then a {@link #respondWith responder}, else the default reply answers
 * when the queue is empty) and inspect the {@link RecordedRequest}s. The bytes of each wire come from {@link Wires}
 * (error bodies, encoded answers) and {@link Exchange} (writing them, streams paced). {@link #main} runs it as the
 * benchmark's baseline upstream, with the default answers encoded once per model.
 */
public final class FakeUpstream implements AutoCloseable {
    private static final String HOST = "127.0.0.1";

    /**
     * How to run the server.
     *
     * @param port           TCP port; 0 picks a free one
     * @param instances      server instances sharing the port, one per event loop
     * @param recordRequests keep every request (turn off for long benchmarks)
     * @param chunkDelay     pause between stream frames unless a reply sets its own
     */
    public record Options(int port, int instances, boolean recordRequests, Duration chunkDelay) {
        public Options {
            if (instances < 1) {
                throw new IllegalArgumentException("instances must be >= 1");
            }
            Objects.requireNonNull(chunkDelay, "chunkDelay");
        }

        public static Options defaults() {
            return new Options(0, 1, true, Duration.ZERO);
        }

        public Options withPort(int p) {
            return new Options(p, instances, recordRequests, chunkDelay);
        }

        public Options withInstances(int n) {
            return new Options(port, n, recordRequests, chunkDelay);
        }

        public Options withRecordRequests(boolean record) {
            return new Options(port, instances, record, chunkDelay);
        }

        public Options withChunkDelay(Duration pause) {
            return new Options(port, instances, recordRequests, pause);
        }
    }

    private final Vertx vertx;
    private final boolean ownsVertx;
    private final Options options;
    private final ConcurrentLinkedQueue<Reply> queue = new ConcurrentLinkedQueue<>();
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final Set<HttpConnection> connections = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
    private final List<String> deployments = new ArrayList<>();
    private final AtomicLong seq = new AtomicLong();
    private final Wires wires = new Wires();
    private volatile Duration chunkDelay;
    private volatile Function<RecordedRequest, Reply> responder;
    private volatile boolean closing;
    private int cancelled;
    private int port;

    private FakeUpstream(Vertx vertx, boolean ownsVertx, Options options) {
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.options = options;
        this.chunkDelay = options.chunkDelay();
    }

    /** Starts on a free loopback port with its own Vert.x. */
    public static FakeUpstream start() {
        return start(Options.defaults());
    }

    /** Starts on a free loopback port on the caller's Vert.x (left open by {@link #close()}). */
    public static FakeUpstream start(Vertx vertx) {
        return start(vertx, Options.defaults());
    }

    /** Starts with its own Vert.x. */
    public static FakeUpstream start(Options options) {
        Vertx own = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(Math.max(1, options.instances())));
        try {
            return new FakeUpstream(own, true, options).listen();
        } catch (RuntimeException e) {
            own.close();
            throw e;
        }
    }

    /** Starts on the caller's Vert.x (left open by {@link #close()}). Must not be called on an event loop. */
    public static FakeUpstream start(Vertx vertx, Options options) {
        return new FakeUpstream(vertx, false, options).listen();
    }

    private FakeUpstream listen() {
        if (options.port() != 0 || options.instances() == 1) {
            return listenOn(options.port());
        }
        // Vert.x shares a port among instances only when it is named, so pick a free one first (retry on a race)
        for (int attempt = 1; ; attempt++) {
            try {
                return listenOn(freePort());
            } catch (IllegalStateException e) {
                if (attempt == 5 || !(e.getCause() instanceof java.util.concurrent.ExecutionException)) {
                    throw e;
                }
            }
        }
    }

    private FakeUpstream listenOn(int requestedPort) {
        List<ServerVerticle> servers = new CopyOnWriteArrayList<>();
        deployments.add(await(vertx.deployVerticle(() -> {
            ServerVerticle server = new ServerVerticle(this, HOST, requestedPort);
            servers.add(server);
            return server;
        }, new DeploymentOptions().setInstances(options.instances()))));
        port = servers.getFirst().actualPort();
        return this;
    }

    private static int freePort() {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(HOST))) {
            return probe.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("fake upstream: " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    /** OpenAI-style base URL, with /v1: {@code http://127.0.0.1:PORT/v1}. */
    public String baseUrl() {
        return "http://" + HOST + ":" + port + "/v1";
    }

    /** Anthropic-style base URL, without /v1 (the Anthropic SDKs add it): {@code http://127.0.0.1:PORT}. */
    public String anthropicBaseUrl() {
        return "http://" + HOST + ":" + port;
    }

    /** Gemini-style base URL: {@code http://127.0.0.1:PORT/v1beta} (paths ".../models/{model}:generateContent"). */
    public String geminiBaseUrl() {
        return "http://" + HOST + ":" + port + "/v1beta";
    }

    /** Queues replies for the next requests, in order (models listings do not consume them). */
    public FakeUpstream enqueue(Reply... replies) {
        queue.addAll(List.of(replies));
        return this;
    }

    /** The reply used when the queue is empty (initially {@code ok("Hello from the fake upstream.")}). */
    public FakeUpstream setDefault(Reply reply) {
        wires.setDefault(reply);
        return this;
    }

    /**
     * Chooses the reply from the request itself when the queue is empty (instead of the default reply): a scripted
     * model that reacts to what it is sent, e.g. a tool call first and text once the tool result comes back. The
     * function runs on the event loop and must not block; null switches back to the default reply.
     */
    public FakeUpstream respondWith(Function<RecordedRequest, Reply> chooser) {
        responder = chooser;
        return this;
    }

    /** Whether Gemini functionCall parts carry an {@code id} (default false, as Gemini 2.5 usually sends none). */
    public FakeUpstream setGeminiCallIds(boolean withIds) {
        wires.geminiCallIds(withIds);
        return this;
    }

    /**
     * Whether OpenAI-format streams report usage the way Moonshot (Kimi) does: inside the finish chunk's choice
     * ({@code choices[0].usage}), with no separate usage chunk (default false: OpenAI's include_usage chunk).
     */
    public FakeUpstream setUsageInChoice(boolean inChoice) {
        wires.usageInChoice(inChoice);
        return this;
    }

    /** Pause between stream frames for replies that do not set their own. */
    public FakeUpstream setChunkDelay(Duration pause) {
        chunkDelay = Objects.requireNonNull(pause);
        return this;
    }

    /** Replies queued and not yet used. */
    public int pendingReplies() {
        return queue.size();
    }

    /** Forgets queued replies, recorded requests and the cancellation count (the default reply stays). */
    public synchronized void clear() {
        queue.clear();
        requests.clear();
        cancelled = 0;
    }

    /** A snapshot of the requests received so far, in arrival order. */
    public synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** Waits until at least n requests arrived; fails with AssertionError after the timeout. */
    public synchronized List<RecordedRequest> awaitRequests(int n, Duration timeout) throws InterruptedException {
        awaitUntil(() -> requests.size() >= n, timeout, () -> "expected " + n + " requests, got " + requests.size());
        return List.copyOf(requests);
    }

    /** Requests whose client closed the connection before the answer was complete. */
    public synchronized int cancelledRequests() {
        return cancelled;
    }

    /** Waits until at least n requests were cancelled by their client; fails with AssertionError on timeout. */
    public synchronized int awaitCancelledRequests(int n, Duration timeout) throws InterruptedException {
        awaitUntil(() -> cancelled >= n, timeout, () -> "expected " + n + " cancelled requests, got " + cancelled);
        return cancelled;
    }

    private void awaitUntil(java.util.function.BooleanSupplier done, Duration timeout,
                            java.util.function.Supplier<String> failure) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(failure.get());
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    private synchronized void onCancelled() {
        cancelled++;
        notifyAll();
    }

    private synchronized void onRecorded(RecordedRequest request) {
        requests.add(request);
        notifyAll();
    }

    /** Connections accepted since the start (a client that reuses its connections opens few). */
    public int acceptedConnections() {
        return accepted.get();
    }

    void onConnection(HttpConnection connection) {
        accepted.incrementAndGet();
        connections.add(connection);
        connection.closeHandler(v -> connections.remove(connection));
    }

    void onRequest(HttpServerRequest request) {
        Exchange exchange = new Exchange(vertx, request, this::onCancelled, () -> closing);
        request.body().onSuccess(body -> handle(request, exchange, body));
    }

    private void handle(HttpServerRequest request, Exchange exchange, Buffer body) {
        Endpoint endpoint = Inbound.endpoint(request.method(), request.path());
        Function<RecordedRequest, Reply> chooser = responder;
        boolean needTree = options.recordRequests() || chooser != null || endpoint == Endpoint.EMBEDDINGS;
        JsonNode tree = needTree ? Inbound.parse(body) : null;
        RecordedRequest recorded = options.recordRequests() || chooser != null
                ? Inbound.record(request, body, tree) : null;
        if (options.recordRequests()) {
            onRecorded(recorded);
        }
        switch (endpoint) {
            case MODELS -> exchange.json(200, OpenAiWire.models(), Map.of(), null);
            case UNKNOWN -> exchange.json(404, Buffer.buffer(OpenAiWire.errorJson(404,
                    "Unknown request URL: " + request.method() + " " + request.path()).toString()), Map.of(), null);
            default -> {
                Reply queued = queue.poll();
                Reply scripted = queued != null || chooser == null ? queued
                        : Objects.requireNonNull(chooser.apply(recorded), "responder returned null");
                boolean isDefault = scripted == null;
                Reply reply = isDefault ? wires.defaultReply() : scripted;
                String path = request.path();
                Runnable answer = () -> answer(endpoint, path, exchange, reply, isDefault, body, tree);
                long delayMs = reply.delay.toMillis();
                if (delayMs > 0) {
                    vertx.setTimer(delayMs, t -> answer.run());
                } else {
                    answer.run();
                }
            }
        }
    }

    private void answer(Endpoint endpoint, String path, Exchange exchange, Reply reply, boolean isDefault, Buffer body,
                        JsonNode tree) {
        if (exchange.clientGone()) {
            return;
        }
        long n = seq.incrementAndGet();
        switch (reply.kind) {
            case RESET_BEFORE_HEAD -> exchange.reset();
            case HANG -> {
                // say nothing; the client's timeout or close() ends it
            }
            case STATUS -> {
                String requestId = "req_fake" + n;
                exchange.json(reply.status, Wires.errorBody(endpoint, reply, requestId),
                        Map.of(Wires.requestIdHeader(endpoint), requestId), reply.retryAfterSeconds);
            }
            case ANSWER -> {
                Plan plan = wires.plan(endpoint, path, reply, isDefault, body, tree, n);
                exchange.answer(plan, reply, reply.chunkDelay != null ? reply.chunkDelay : chunkDelay);
            }
        }
    }

    /** Stops the server, cutting open connections (hung and stalled answers included). */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        for (HttpConnection c : connections) {
            c.close();
        }
        for (String id : deployments) {
            try {
                await(vertx.undeploy(id));
            } catch (IllegalStateException e) {
                // already gone
            }
        }
        if (ownsVertx) {
            await(vertx.close());
        }
    }

    /**
     * Bench mode: {@code --port N --words N --chunk-delay-ms N --instances N} (defaults 0, 20, 0, one per core).
     * Answers every request with the same text of N words (N stream chunks), not recording requests, and prints
     * {@code fake-upstream listening on PORT}.
     */
    public static void main(String[] args) {
        FakeUpstream upstream = startBench(args);
        Runtime.getRuntime().addShutdownHook(new Thread(upstream::close, "fake-upstream-shutdown"));
        System.out.println("fake-upstream listening on " + upstream.port());
        System.out.flush();
    }

    static FakeUpstream startBench(String[] args) {
        BenchArgs bench = BenchArgs.parse(args);
        Options options = Options.defaults().withPort(bench.port()).withInstances(bench.instances())
                .withRecordRequests(false).withChunkDelay(Duration.ofMillis(bench.chunkDelayMs()));
        FakeUpstream upstream = start(options);
        upstream.setDefault(Reply.ok(BenchArgs.text(bench.words())).usage(Reply.DEFAULT_INPUT_TOKENS, bench.words()));
        return upstream;
    }
}
