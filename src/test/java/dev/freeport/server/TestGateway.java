package dev.freeport.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.freeport.api.Timeouts;
import dev.freeport.config.FreeportConfig;
import dev.freeport.config.LedgerConfig;
import dev.freeport.config.ModelConfig;
import dev.freeport.config.ProviderConfig;
import dev.freeport.config.RouterConfig;
import dev.freeport.config.SandboxModelConfig;
import dev.freeport.config.ServerConfig;
import dev.freeport.config.StoreConfig;
import dev.freeport.config.TargetConfig;
import dev.freeport.ledger.JournaledLedger;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.module.Module;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A real gateway on port 0 with a ledger in a temp dir, and helpers to build configs and call it. */
public final class TestGateway implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();
    public static final Timeouts FAST = new Timeouts(Duration.ofSeconds(2), Duration.ofMillis(1500),
            Duration.ofMillis(800), Duration.ofSeconds(20));
    public static final RouterConfig ROUTER = new RouterConfig(4, Duration.ofMillis(10), Duration.ofMillis(50),
            Duration.ofSeconds(3), 5, Duration.ofSeconds(30), FAST);

    private final Gateway gateway;
    private final Path dataDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    private dev.freeport.access.AccessModule access;

    private TestGateway(Gateway gateway, Path dataDir) {
        this.gateway = gateway;
        this.dataDir = dataDir;
    }

    /** The virtual-key module when started with {@link Builder#keys}, else null. */
    public dev.freeport.access.AccessModule access() {
        return access;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A gateway from a YAML config as a user writes it (server and ledger sections are added: port 0, a temp data
     * dir), with these extensions.
     */
    public static TestGateway fromYaml(String yaml, java.util.function.Function<io.vertx.core.Vertx, java.util.List<Module>> ext) {
        return fromYaml("", yaml, ext);
    }

    /** As {@link #fromYaml(String, java.util.function.Function)} with modules that need the loaded config. */
    public static TestGateway fromYamlWithConfig(String yaml, java.util.function.BiFunction<io.vertx.core.Vertx,
            FreeportConfig, java.util.List<Module>> ext) {
        return startYaml("", yaml, ext, java.time.Clock.systemUTC());
    }

    /** As {@link #fromYamlWithConfig(String, java.util.function.BiFunction)} with more {@code server} fields. */
    public static TestGateway fromYamlWithConfig(String serverFields, String yaml,
                                                 java.util.function.BiFunction<io.vertx.core.Vertx, FreeportConfig,
                                                         java.util.List<Module>> ext) {
        return startYaml(serverFields, yaml, ext, java.time.Clock.systemUTC());
    }

    /** As {@link #fromYaml(String, java.util.function.Function)} with more {@code server} fields, e.g. "max_body: 1MiB". */
    public static TestGateway fromYaml(String serverFields, String yaml,
                                       java.util.function.Function<io.vertx.core.Vertx, java.util.List<Module>> ext) {
        return startYaml(serverFields, yaml, (vx, cfg) -> ext.apply(vx), java.time.Clock.systemUTC());
    }

    /** As {@link #fromYaml(String, String, java.util.function.Function)}, pricing requests by {@code clock}. */
    public static TestGateway fromYaml(String serverFields, String yaml,
                                       java.util.function.Function<io.vertx.core.Vertx, java.util.List<Module>> ext,
                                       java.time.Clock clock) {
        return startYaml(serverFields, yaml, (vx, cfg) -> ext.apply(vx), clock);
    }

    private static TestGateway startYaml(String serverFields, String yaml,
                                         java.util.function.BiFunction<io.vertx.core.Vertx, FreeportConfig,
                                                java.util.List<Module>> ext, java.time.Clock clock) {
        try {
            Path dir = Files.createTempDirectory("freeport-test");
            String full = "server: { host: 127.0.0.1, port: 0" + (serverFields.isBlank() ? "" : ", " + serverFields)
                    + " }\nledger: { data_dir: " + dir
                    + ", flush_interval: 50ms }\n" + yaml;
            Path file = dir.resolve("freeport.yaml");
            Files.writeString(file, full);
            FreeportConfig cfg = dev.freeport.config.ConfigLoader.load(file);
            return new TestGateway(Gateway.start(cfg, file, JournaledLedger.open(cfg.ledger(), cfg.store()),
                    vx -> ext.apply(vx, cfg), clock), dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public String base() {
        return "http://127.0.0.1:" + gateway.port();
    }

    public Gateway gateway() {
        return gateway;
    }

    public HttpResponse<String> post(String path, String json, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    /** Any method with an optional JSON body (null: none). */
    public HttpResponse<String> call(String method, String path, String json, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json").method(method, json == null
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    public HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.GET().build());
    }

    private HttpResponse<String> send(HttpRequest req) {
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** SSE data payloads of a stream body, in order (including "[DONE]"). */
    public static List<String> sseData(String body) {
        List<String> out = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.startsWith("data: ")) {
                out.add(line.substring(6));
            }
        }
        return out;
    }

    /** Every ledger event so far (flushes the journal first). */
    public List<UsageEvent> events() {
        gateway.ledger().flush();
        return gateway.ledger().since(Instant.EPOCH);
    }

    /** Waits until the ledger holds {@code n} events (requests finish their ledger step just after answering). */
    public List<UsageEvent> awaitEvents(int n) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<UsageEvent> events = events();
        while (events.size() < n && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            events = events();
        }
        return events;
    }

    public UsageEvent onlyEvent() {
        List<UsageEvent> events = awaitEvents(1);
        if (events.size() != 1) {
            throw new AssertionError("expected exactly one usage event, got " + events.size() + ": " + events);
        }
        return events.get(0);
    }

    @Override
    public void close() {
        gateway.close();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Builds a config of providers and aliases. */
    public static final class Builder {
        private final Map<String, ProviderConfig> providers = new LinkedHashMap<>();
        private final List<ModelConfig> models = new ArrayList<>();
        private RouterConfig router = ROUTER;
        private String masterKey;
        private long maxBody = 1024 * 1024;
        private StoreConfig store = StoreConfig.EMBEDDED;
        private String adminKey;
        private String host = "127.0.0.1";
        private boolean requireKeys;
        private dev.freeport.config.RequestLogConfig requestLog = new dev.freeport.config.RequestLogConfig(
                dev.freeport.config.RequestLogConfig.Requests.OFF, null, null);
        private java.util.function.Function<Path, dev.freeport.access.KeyStore> keyStore;

        /** The address to listen on (default 127.0.0.1); the helpers still call 127.0.0.1. */
        public Builder host(String h) {
            this.host = h;
            return this;
        }

        /** server.require_keys: true. */
        public Builder requireKeys() {
            this.requireKeys = true;
            return this;
        }

        /** server.request_log (default off in tests). */
        public Builder requestLog(dev.freeport.config.RequestLogConfig r) {
            this.requestLog = r;
            return this;
        }
        private java.time.Clock clock = java.time.Clock.systemUTC();
        private boolean withResponses;
        private final java.util.List<java.util.function.BiFunction<io.vertx.core.Vertx, FreeportConfig, Module>>
                configModules = new java.util.ArrayList<>();

        public Builder adminKey(String key) {
            this.adminKey = key;
            return this;
        }

        /** Virtual keys and teams (admin API under /admin/keys, /admin/teams) in the embedded SQLite store. */
        public Builder keys() {
            return keys(dev.freeport.access.KeyStore::sqlite);
        }

        /** Virtual keys from the store this makes (given the test's data dir), e.g. a PostgreSQL one. */
        public Builder keys(java.util.function.Function<Path, dev.freeport.access.KeyStore> store) {
            this.keyStore = store;
            return this;
        }

        /** The clock key expiry is checked against (with {@link #keys}). */
        public Builder clock(java.time.Clock c) {
            this.clock = c;
            return this;
        }

        private dev.freeport.config.LimitsConfig limits;
        private dev.freeport.config.AlertsConfig alerts;
        private java.util.function.Function<io.vertx.core.Vertx, java.util.List<Module>> modules = v -> java.util.List.of();

        /** Modules (authenticator, policies, vendor switches, admin routes) built on the gateway's Vert.x. */
        public Builder modules(java.util.function.Function<io.vertx.core.Vertx, java.util.List<Module>> on) {
            this.modules = on;
            return this;
        }

        public Builder limits(dev.freeport.config.LimitsConfig l) {
            this.limits = l;
            return this;
        }

        public Builder alerts(dev.freeport.config.AlertsConfig a) {
            this.alerts = a;
            return this;
        }

        /** An ordered alias whose targets ("provider/model") all have this price. */
        public Builder pricedAlias(String alias, dev.freeport.config.PriceConfig price, String... targets) {
            List<TargetConfig> ts = new ArrayList<>();
            for (String t : targets) {
                int slash = t.indexOf('/');
                ts.add(new TargetConfig(t.substring(0, slash), t.substring(slash + 1), 1, price));
            }
            models.add(new ModelConfig(alias, ModelConfig.Strategy.ORDERED, ts, null));
            return this;
        }

        public Builder openai(String name, String baseUrl) {
            return openai(name, baseUrl, FAST);
        }

        public Builder openai(String name, String baseUrl, Timeouts timeouts) {
            providers.put(name, new ProviderConfig(name, "openai", null, baseUrl, "sk-test-" + name, Map.of(),
                    timeouts, Map.of()));
            return this;
        }

        /** A provider of {@code type} (openai or anthropic) that sends batches to its batch API ({@code batch: native}). */
        public Builder nativeBatches(String name, String type, String baseUrl) {
            providers.put(name, new ProviderConfig(name, type, null, baseUrl, "sk-test-" + name, Map.of(), FAST,
                    Map.of(), null, null, ProviderConfig.BatchMode.NATIVE));
            return this;
        }

        public Builder anthropic(String name, String baseUrl) {
            return anthropic(name, baseUrl, FAST);
        }

        public Builder anthropic(String name, String baseUrl, Timeouts timeouts) {
            providers.put(name, new ProviderConfig(name, "anthropic", null, baseUrl, "sk-ant-test", Map.of(),
                    timeouts, Map.of()));
            return this;
        }

        /** A native Gemini provider (type gemini) at this base URL, e.g. a fake upstream's geminiBaseUrl(). */
        public Builder gemini(String name, String baseUrl) {
            return gemini(name, baseUrl, FAST);
        }

        public Builder gemini(String name, String baseUrl, Timeouts timeouts) {
            providers.put(name, new ProviderConfig(name, "gemini", null, baseUrl, "AIza-test-" + name, Map.of(),
                    timeouts, Map.of()));
            return this;
        }

        public Builder sandbox(String name, Map<String, SandboxModelConfig> models) {
            providers.put(name, new ProviderConfig(name, "sandbox", null, null, null, Map.of(), FAST, models));
            return this;
        }

        /** An ordered alias; targets as "provider/model". */
        public Builder alias(String alias, String... targets) {
            List<TargetConfig> ts = new ArrayList<>();
            for (String t : targets) {
                int slash = t.indexOf('/');
                ts.add(new TargetConfig(t.substring(0, slash), t.substring(slash + 1), 1, null));
            }
            models.add(new ModelConfig(alias, ModelConfig.Strategy.ORDERED, ts, null));
            return this;
        }

        /** The model-name patterns of the alias added last, and whether it is the default alias. */
        public Builder matching(boolean isDefault, String... patterns) {
            ModelConfig last = models.remove(models.size() - 1);
            models.add(new ModelConfig(last.name(), last.strategy(), last.targets(), last.description(),
                    last.strongShare(), last.fallbacks(), List.of(patterns), isDefault));
            return this;
        }

        public Builder router(RouterConfig r) {
            this.router = r;
            return this;
        }

        public Builder masterKey(String key) {
            this.masterKey = key;
            return this;
        }

        public Builder maxBody(long bytes) {
            this.maxBody = bytes;
            return this;
        }

        /** Where the ledger's database lives (default embedded SQLite; e.g. a PostgresServer database). */
        public Builder store(StoreConfig s) {
            this.store = s;
            return this;
        }

        public FreeportConfig config(Path dataDir) {
            return new FreeportConfig(new ServerConfig(host, 0, masterKey, adminKey, maxBody, false,
                    requireKeys, requestLog, null), providers, models,
                    router, new LedgerConfig(dataDir, 100, Duration.ofMillis(50)), Map.of(), store, limits, alerts);
        }

        /** A module opened on the gateway's Vert.x with the test's config, as {@code serve} opens its modules. */
        public Builder module(java.util.function.BiFunction<io.vertx.core.Vertx, FreeportConfig, Module> open) {
            this.configModules.add(open);
            return this;
        }

        /** The Responses API (/v1/responses) with its store in the test's data dir, as {@code serve} opens it. */
        public Builder responses() {
            this.withResponses = true;
            return this;
        }

        public TestGateway start() {
            try {
                Path dir = Files.createTempDirectory("freeport-test");
                FreeportConfig cfg = config(dir);
                if (!configModules.isEmpty()) {
                    var others = modules;
                    var opens = java.util.List.copyOf(configModules);
                    modules = vx -> {
                        java.util.List<Module> all = new java.util.ArrayList<>(others.apply(vx));
                        opens.forEach(o -> all.add(o.apply(vx, cfg)));
                        return all;
                    };
                    configModules.clear();
                }
                if (withResponses) {
                    var others = modules;
                    modules = vx -> {
                        java.util.List<Module> all = new java.util.ArrayList<>(others.apply(vx));
                        all.add(dev.freeport.front.responses.ResponsesModule.open(vx, cfg));
                        return all;
                    };
                    withResponses = false;
                }
                if (keyStore == null) {
                    return new TestGateway(Gateway.start(cfg, null, JournaledLedger.open(cfg.ledger(), cfg.store()),
                            modules), dir);
                }
                dev.freeport.access.AccessModule[] opened = new dev.freeport.access.AccessModule[1];
                Gateway g = Gateway.start(cfg, null, JournaledLedger.open(cfg.ledger(), cfg.store()), vx -> {
                    opened[0] = dev.freeport.access.AccessModule.open(vx, keyStore.apply(dir), clock);
                    java.util.List<Module> all = new java.util.ArrayList<>(java.util.List.of(opened[0]));
                    all.addAll(modules.apply(vx));
                    return all;
                });
                TestGateway t = new TestGateway(g, dir);
                t.access = opened[0];
                return t;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
