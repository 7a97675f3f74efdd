package dev.freeport.server;

import dev.freeport.catalog.PriceCatalog;
import dev.freeport.config.ConfigLoader;
import dev.freeport.config.FreeportConfig;
import dev.freeport.config.ModelConfig;
import dev.freeport.config.SecretMask;
import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;
import dev.freeport.flow.PolicyChain;
import dev.freeport.flow.RequestFlow;
import dev.freeport.front.Front;
import dev.freeport.front.anthropic.AnthropicFront;
import dev.freeport.front.openai.OpenAiFront;
import dev.freeport.ledger.Ledger;
import dev.freeport.module.AdminRoutes;
import dev.freeport.module.Module;
import dev.freeport.route.RouteState;
import dev.freeport.route.assembly.ComplexityScorers;
import dev.freeport.route.assembly.ConcentrationFeed;
import dev.freeport.route.assembly.GatewayRuntime;
import dev.freeport.route.assembly.SharedServices;
import dev.freeport.tokens.TokenCounter;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * A running gateway: Vert.x, one HTTP server per event-loop verticle (sharing the port), the shared upstream
 * client, the ledger, and the current {@link GatewayRuntime}, which {@link #reload} swaps without dropping
 * requests in flight.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Gateway.class.getName());
    /** The APIs callers speak, in order of precedence on shared paths; modules' fronts come after them. */
    static final List<Front> FRONTS = List.of(OpenAiFront.INSTANCE, AnthropicFront.INSTANCE);

    private final Vertx vertx;
    private final Path configFile;
    private final Ledger ledger;
    private final SharedServices services;
    private final PriceCatalog catalog;
    private final RouteState routeState;
    private final AtomicReference<GatewayRuntime> runtime = new AtomicReference<>();
    /** "starting", "ready", "draining" (what /ready says) */
    private volatile String state = "starting";
    private int port;
    private RequestFlow flow;
    /** the time requests are priced by */
    private java.time.Clock clock = java.time.Clock.systemUTC();
    private Edge edge;
    /** every event loop's server, for the graceful shutdown */
    private final List<HttpServer> servers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Thread complexityLoad;
    private volatile long modelWaitMillis;
    /** the complexity model's load ended without a model (logged, unless logging had already stopped) */
    private volatile boolean modelNotLoaded;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private final Modules modules;
    /** the request log's sink (its destination is fixed at start; what it logs follows reloads) */
    private RequestLogWriter requestLog;

    private Gateway(Vertx vertx, Path configFile, Ledger ledger, PriceCatalog catalog, Modules modules) {
        this.vertx = vertx;
        this.modules = modules;
        this.configFile = configFile;
        this.ledger = ledger;
        this.catalog = catalog;
        this.services = new SharedServices(vertx);
        this.routeState = RouteState.fresh(modules.vendorSwitches(), modules.canaries(),
                ComplexityScorers::shared);
    }

    /**
     * Starts a gateway with no modules (the config's master key, no policies) and blocks until it listens.
     * {@code configFile} (may be null) is what {@link #reload} reads again. The ledger is owned by the gateway from
     * here on and closed with it.
     */
    public static Gateway start(FreeportConfig config, Path configFile, Ledger ledger) {
        return start(config, configFile, ledger, vertx -> List.of());
    }

    /**
     * As {@link #start(FreeportConfig, Path, Ledger)}, with the modules built on the gateway's own Vert.x (which
     * they need for worker threads), e.g. {@code vx -> List.of(AccessModule.open(vx, cfg), LimitsModule.create(vx,
     * cfg))}; they are closed with the gateway. A failure to build them closes Vert.x (not the ledger) and throws.
     */
    public static Gateway start(FreeportConfig config, Path configFile, Ledger ledger,
                                Function<Vertx, List<Module>> modulesFactory) {
        return start(config, configFile, ledger, modulesFactory, java.time.Clock.systemUTC());
    }

    /** As {@link #start(FreeportConfig, Path, Ledger, Function)}, pricing requests by {@code clock}'s time. */
    public static Gateway start(FreeportConfig config, Path configFile, Ledger ledger,
                                Function<Vertx, List<Module>> modulesFactory, java.time.Clock clock) {
        int loops = Math.max(2, Runtime.getRuntime().availableProcessors());
        Vertx vertx = Transports.vertx(new VertxOptions().setEventLoopPoolSize(loops));
        // the tokenizer takes a second or two to load: start now, off the request path
        Thread.ofPlatform().daemon().name("freeport-tokenizer-load").start(TokenCounter::encodingName);
        Modules modules;
        try {
            modules = new Modules(modulesFactory.apply(vertx));
        } catch (RuntimeException e) {
            vertx.close();
            throw new IllegalStateException("could not start: " + e.getMessage(), e);
        }
        Gateway gateway = new Gateway(vertx, configFile, ledger, PriceCatalog.bundled(), modules);
        gateway.clock = clock;
        try {
            gateway.runtime.set(gateway.build(config));
            new ConcentrationFeed(ledger, gateway.routeState.concentration(), gateway.runtime::get)
                    .start(vertx, config.store());
            if (config.models().stream().anyMatch(m -> m.strategy() == ModelConfig.Strategy.COMPLEXITY)) {
                // the embedding model takes a couple of seconds to load: start now, off the request path
                var scorer = gateway.routeState.scorer();
                gateway.complexityLoad = Thread.ofPlatform().daemon().name("freeport-complexity-load").start(() -> {
                    long t0 = System.nanoTime();
                    if (scorer.get() != null) {
                        LOG.info(() -> "complexity model loaded in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
                    } else { // e.g. a stop began meanwhile: its libraries cannot register their shutdown hooks then
                        gateway.modelNotLoaded = true;
                    }
                });
            }
            gateway.listen(config, loops).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            gateway.close();
            Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("could not start on " + config.server().host() + ":"
                    + config.server().port() + ": " + cause.getMessage(), cause);
        }
        gateway.modules.warm(gateway.runtime.get().authenticator()); // at most Modules.WARM_WAIT
        gateway.state = "ready";
        return gateway;
    }

    private Future<Void> listen(FreeportConfig config, int instances) {
        requestLog = RequestLogWriter.open(config.server().requestLog().file());
        flow = new RequestFlow(runtime::get, ledger, new PolicyChain(modules.policies()), requestLog,
                modules.watcher(), clock, modules.answerTaps(), modules.responseCache());
        modules.attach(dev.freeport.flow.InnerCaller.requests(flow));
        edge = new Edge(config.server().edge(), () -> runtime.get().config().server().edge());
        List<AdminRoutes> admin = new ArrayList<>(List.of(new GatewayAdmin(vertx, () -> runtime.get().config(),
                this::reload), new RequestsAdmin(vertx, ledger)));
        admin.addAll(modules.adminRoutes());
        List<Front> fronts = new ArrayList<>(FRONTS);
        fronts.addAll(modules.fronts());
        HttpFront front = new HttpFront(runtime::get, flow, fronts, admin, () -> state, edge, modules.adminLog(),
                modules.pages()).withWeb(modules.webRoutes(), modules.adminSessions());
        HttpServerOptions options = new HttpServerOptions()
                .setHost(config.server().host())
                .setTcpNoDelay(true)
                .setMaxInitialLineLength(16 * 1024)
                .setMaxHeaderSize(64 * 1024)
                .setIdleTimeout(300)
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                // no cleartext HTTP/2 upgrade: Java's HttpClient offers h2c on bodiless requests, and the upgrade
                // path hung requests in tests; HTTP/1.1 keep-alive is what LLM SDKs use
                .setHttp2ClearTextEnabled(false);
        noWebSocketExtensions(options);
        // all instances must name the same port for Vert.x to share one socket among them: port 0 is resolved first
        if (config.server().tls() != null) {
            Tls.apply(options, Tls.options(config.server().tls()));
        }
        port = config.server().port() != 0 ? config.server().port() : freePort(config.server().host());
        options.setPort(port);
        return vertx.deployVerticle(() -> new ServerVerticle(options, front, edge, servers),
                new DeploymentOptions().setInstances(instances)).mapEmpty();
    }

    /**
     * Freeport serves no WebSockets. With either WebSocket compression offered (Vert.x's default), every HTTP/1.x
     * connection gets Netty's {@code WebSocketServerExtensionHandler}, which every answer and stream chunk passes
     * through on its way out (most of the samples under an answer's write in a profile).
     */
    static HttpServerOptions noWebSocketExtensions(HttpServerOptions options) {
        return options.setPerMessageWebSocketCompressionSupported(false).setPerFrameWebSocketCompressionSupported(false);
    }

    private static int freePort(String host) {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("no free port on " + host + ": " + e.getMessage(), e);
        }
    }

    /** Reads the config file again and swaps it in; requests in flight finish on the old one. */
    public Future<Void> reload() {
        if (configFile == null) {
            return Future.failedFuture("this gateway was started without a config file");
        }
        return vertx.<Void>executeBlocking(() -> {
            FreeportConfig next = ConfigLoader.load(configFile);
            GatewayRuntime old = runtime.get();
            if (next.server().port() != old.config().server().port()
                    || !next.server().host().equals(old.config().server().host())) {
                LOG.warning("server.host/port changes need a restart; keeping " + old.config().server().host() + ":"
                        + port);
            }
            if (!java.util.Objects.equals(next.server().requestLog().file(),
                    old.config().server().requestLog().file())) {
                LOG.warning("server.request_log.file changes need a restart; the request log keeps its destination");
            }
            GatewayRuntime built = build(next);
            reloadTls(old.config().server().tls(), next.server().tls());
            runtime.set(built);
            LOG.info("config reloaded from " + configFile);
            return null;
        }, false).recover(e -> {
            // every config message is masked (SecretMask); whatever else failed is masked here
            String why = SecretMask.mask(String.valueOf(e.getMessage()));
            LOG.warning("config reload from " + configFile + " refused, the running config stays: " + why);
            return Future.<Void>failedFuture(new IllegalStateException(why, null));
        });
    }

    /**
     * A reload asked for by a signal (SIGHUP): as {@link #reload()}, and recorded in the admin audit log like a
     * {@code POST /admin/reload} (who: "signal SIGHUP", from: this host), also when it is refused.
     */
    public Future<Void> reloadBySignal() {
        return reload().andThen(done -> {
            dev.freeport.module.AdminLog log = modules.adminLog();
            if (log != null) {
                log.append(new dev.freeport.module.AdminAction(System.currentTimeMillis(), "signal SIGHUP", "local",
                        "SIGNAL", "reload " + configFile, done.succeeded() ? 200 : 400, null, null,
                        done.failed() ? done.cause().getMessage() : null));
            }
        });
    }

    /**
     * Reads the certificate files again and hands them to every server (new handshakes get them; open connections
     * keep theirs). Blocking (a worker). A file that does not read as PEM refuses the reload. Switching TLS on or off
     * needs a restart.
     */
    private void reloadTls(dev.freeport.config.TlsConfig before, dev.freeport.config.TlsConfig after) throws Exception {
        if ((before == null) != (after == null)) {
            LOG.warning("switching server.tls " + (after == null ? "off" : "on") + " needs a restart; the servers "
                    + "keep " + (before == null ? "plain HTTP" : "their certificates"));
            return;
        }
        if (after == null) {
            return;
        }
        io.vertx.core.net.ServerSSLOptions ssl = Tls.options(after);
        for (HttpServer s : servers) {
            s.updateSSLOptions(ssl, true).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        LOG.info("TLS certificates reloaded from " + after.cert());
    }

    /** Swaps in a config directly (tests, the demo). */
    public void reload(FreeportConfig config) {
        runtime.set(build(config));
    }

    private GatewayRuntime build(FreeportConfig config) {
        return GatewayRuntime.build(vertx, config, services, catalog, routeState,
                modules.authenticators().apply(config));
    }

    public int port() {
        return port;
    }

    public GatewayRuntime runtime() {
        return runtime.get();
    }

    public Ledger ledger() {
        return ledger;
    }

    public Vertx vertx() {
        return vertx;
    }

    /** Guardrail findings since start, by kind and action (never values), for a metrics endpoint. */
    public dev.freeport.guardrails.FindingCounter guardrailFindings() {
        return flow.guardrailFindings();
    }

    /** The HTTP edge's limits and counters (tests). */
    Edge edge() {
        return edge;
    }

    /**
     * Stops gracefully (SIGTERM): /ready answers 503 at once, the port stops accepting connections, idle connections
     * close, requests in flight and their streams finish for up to {@code grace}; what is still running then is
     * cancelled with a 503 (or an error event in its stream) and recorded as cancelled by shutdown. Then
     * {@link #close()}: the ledger is flushed.
     *
     * @return how many requests were in flight, how many of them the grace period did not cover, and how long the
     * drain took (logging may already be shut down when a JVM shutdown hook calls this)
     */
    public Stopped shutdown(Duration grace) {
        if (closed.get()) { // already closed (e.g. `demo --traffic` closes before the JVM's shutdown hook runs)
            return new Stopped(0, 0, 0, modelWaitMillis, modelNotLoaded);
        }
        state = "draining";
        modules.attach(dev.freeport.module.InnerRequests.NONE); // modules start no more requests of their own
        long start = System.nanoTime();
        int running = flow == null ? 0 : flow.inFlight();
        int cut = 0;
        // Vert.x's graceful shutdown: no new connections, idle ones closed, busy ones closed after their answer; its
        // own deadline comes after ours, so what our grace period cuts is cancelled by the flow, not by a closed socket
        List<Future<Void>> closing = servers.stream()
                .map(s -> s.shutdown(grace.toMillis() + SHUTDOWN_MARGIN.toMillis(), TimeUnit.MILLISECONDS)).toList();
        Future<Void> closed = Future.join(closing).mapEmpty();
        if (!await(closed, grace) && flow != null) {
            cut = flow.inFlight();
            flow.cancelInFlight(new GatewayError(ErrorKind.SHUTDOWN, 503, "The gateway is shutting down and the "
                    + "request did not finish within its grace period (server.shutdown_grace, " + grace.toSeconds()
                    + "s); retry it.", null, "shutting_down", 1L));
            await(closed, SHUTDOWN_MARGIN);
        }
        close();
        return new Stopped(running, cut, (System.nanoTime() - start) / 1_000_000, modelWaitMillis, modelNotLoaded);
    }

    /**
     * What a {@link #shutdown} found and did; {@code modelWaitMillis} is how long it waited for the complexity model
     * to finish loading (0 when it was not loading); {@code modelNotLoaded}: the complexity model's load had ended
     * without a model (a stop in the first seconds can make it fail: the JVM refuses new shutdown hooks once its
     * shutdown began), so there was nothing to wait for.
     */
    public record Stopped(int inFlight, int cancelled, long millis, long modelWaitMillis, boolean modelNotLoaded) {
    }

    /** How long cancelled requests get to write their error before connections are closed regardless. */
    private static final Duration SHUTDOWN_MARGIN = Duration.ofSeconds(5);

    private static boolean await(Future<?> f, Duration max) {
        try {
            f.toCompletionStage().toCompletableFuture().get(Math.max(1, max.toMillis()), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (Exception e) {
            return true;
        }
    }

    /** The grace period of {@link #shutdown(Duration)} in the current config. */
    public Duration shutdownGrace() {
        return runtime.get().config().server().edge().shutdownGrace();
    }

    /**
     * Stops now: requests in flight are cancelled as by the end of a shutdown's grace period, Vert.x and the modules
     * close, the loading complexity model is waited for (ONNX Runtime must not be torn down mid-load), the ledger is
     * flushed and closed.
     */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        state = "draining";
        modules.attach(dev.freeport.module.InnerRequests.NONE);
        if (flow != null && flow.inFlight() > 0) {
            flow.cancelInFlight(new GatewayError(ErrorKind.SHUTDOWN, 503, "The gateway is shutting down; retry the "
                    + "request.", null, "shutting_down", 1L));
        }
        Thread loading = complexityLoad;
        if (loading != null && loading.isAlive()) {
            long waitStart = System.nanoTime();
            try {
                loading.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            modelWaitMillis = Math.max(1, (System.nanoTime() - waitStart) / 1_000_000);
        }
        try {
            services.close();
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warning("vert.x did not close cleanly: " + e.getMessage());
        }
        try {
            modules.close();
        } catch (RuntimeException e) {
            LOG.warning("modules did not close cleanly: " + e.getMessage());
        }
        if (requestLog != null) {
            requestLog.close();
        }
        ledger.close();
    }

    /** One HTTP server on one event loop, guarded by the edge. */
    private static final class ServerVerticle extends VerticleBase {
        private final HttpServerOptions options;
        private final HttpFront front;
        private final Edge edge;
        private final List<HttpServer> servers;

        ServerVerticle(HttpServerOptions options, HttpFront front, Edge edge, List<HttpServer> servers) {
            this.options = options;
            this.front = front;
            this.edge = edge;
            this.servers = servers;
        }

        @Override
        public Future<?> start() {
            HttpServer server = vertx.createHttpServer(options).requestHandler(front)
                    .invalidRequestHandler(front::invalid);
            edge.install(vertx, server, options);
            servers.add(server);
            return server.listen();
        }
    }
}
