package dev.freeport.config;

import dev.freeport.api.Timeouts;
import dev.freeport.config.Section.Ctx;
import dev.freeport.config.YamlTree.Loc;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates {@code freeport.yaml} into a {@link FreeportConfig}. Every problem in the file is collected
 * in one pass and thrown together as a {@link ConfigException}, each with its line, column and field path; values
 * of secret fields (names with key, secret, token) never appear in messages. See docs/CONFIG.md for the format.
 */
public final class ConfigLoader {

    /** The presets a provider of type openai may name; their URLs and quirks live with the provider code. */
    public static final List<String> OPENAI_PRESETS = List.of("openai", "deepseek", "qwen", "moonshot", "together",
            "fireworks", "groq", "openrouter", "mistral", "vllm", "sglang", "ollama", "llamacpp", "lmstudio", "tgi",
            "poolside", "zhipu", "minimax", "siliconflow", "cerebras", "xai", "nebius", "deepinfra", "huggingface");

    /** The provider types. */
    public static final List<String> PROVIDER_TYPES = List.of("openai", "anthropic", "gemini", "azure", "bedrock",
            "vertex", "sandbox");

    static final Set<String> TOP_KEYS = keys("server", "providers", "models", "router", "ledger", "prices", "store",
            "limits", "alerts", "routing", "responses", "guardrails", "metrics", "tracing", "pricing", "batch");
    static final Set<String> STORE_KEYS = keys("type", "url", "user", "password", "pool_size");
    static final Set<String> LIMITS_KEYS = keys("backend", "redis_url", "default_output_bound", "deadline",
            "cache_read_timeout");
    static final Set<String> ALERTS_KEYS = keys("webhook_url", "thresholds");
    static final Set<String> ROUTER_KEYS = keys("max_attempts", "backoff", "retry_after_cap", "circuit_breaker",
            "timeouts", "total_timeout");
    static final Set<String> BACKOFF_KEYS = keys("initial", "max");
    static final Set<String> BREAKER_KEYS = keys("failures", "open_for");
    static final Set<String> TIMEOUT_KEYS = keys("connect", "first_byte", "idle", "total");
    static final Set<String> PRICE_KEYS = keys("input", "output", "cached_input", "cache_write", "per_hour");

    private ConfigLoader() {
    }

    /**
     * Reads a config file, substituting ${VAR} from the process environment; relative paths in it are resolved
     * against the file's folder.
     *
     * @throws ConfigException with every problem found (an unreadable file is one problem)
     */
    public static FreeportConfig load(Path file) {
        return load(file, System.getenv());
    }

    /** {@link #load(Path)} with {@code env} for ${VAR} substitution instead of the process environment. */
    public static FreeportConfig load(Path file, Map<String, String> env) {
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), List.of(new ConfigProblem("", 0, 0, "file not found")));
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(file.toString(), List.of(new ConfigProblem("", 0, 0,
                    "cannot read the file: " + e.getMessage())));
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(yaml, file.toString(), env, base == null ? Path.of("").toAbsolutePath() : base);
    }

    /** Parses config text; relative paths are resolved against the current directory. */
    public static FreeportConfig parse(String yaml, String sourceName, Map<String, String> env) {
        return parse(yaml, sourceName, env, Path.of("").toAbsolutePath());
    }

    /**
     * Parses config text.
     *
     * @param sourceName shown in messages (usually the file name)
     * @param env        variables for ${VAR} substitution
     * @param baseDir    relative paths (ledger.data_dir) are resolved against it
     * @throws ConfigException with every problem found
     */
    public static FreeportConfig parse(String yaml, String sourceName, Map<String, String> env, Path baseDir) {
        YamlTree.Parsed parsed = YamlTree.parse(yaml);
        Ctx ctx = new Ctx(Map.copyOf(env));
        ctx.problems.addAll(parsed.problems());
        if (parsed.root() == null && !parsed.problems().isEmpty()) {
            throw new ConfigException(sourceName, parsed.problems());
        }
        Section root = Section.of(ctx, "", parsed.root(), new Loc(1, 1), TOP_KEYS);

        ServerConfig server = ServerReader.read(root.section("server", ServerReader.SERVER_KEYS), baseDir);
        RouterConfig router = router(root.section("router", ROUTER_KEYS));
        Map<String, ProviderConfig> providers = ProvidersReader.read(root, router.timeouts(), baseDir);
        List<ModelConfig> models = ModelsReader.read(root, providers);
        StoreConfig store = store(root.section("store", STORE_KEYS));
        LedgerConfig ledger = LedgerConfigReader.read(root.section("ledger", LedgerConfigReader.LEDGER_KEYS),
                baseDir.toAbsolutePath(), store);
        Map<String, PriceConfig> prices = prices(root.section("prices", null));
        LimitsConfig limits = limits(root.section("limits", LIMITS_KEYS));
        AlertsConfig alerts = alerts(root.section("alerts", ALERTS_KEYS));
        RoutingConfig routing = RoutingReader.read(root.section("routing", RoutingReader.ROUTING_KEYS));
        ResponsesConfig responses = ResponsesConfigReader.read(root.section("responses", ResponsesConfigReader.KEYS));
        GuardrailsConfig guardrails = GuardrailsReader.read(root.section("guardrails", GuardrailsReader.KEYS), routing);
        ObserveConfig observe = ObserveConfigReader.read(root.section("metrics", ObserveConfigReader.METRICS_KEYS),
                root.section("tracing", ObserveConfigReader.TRACING_KEYS));
        PricingConfig pricing = PricingReader.read(root.section("pricing", PricingReader.KEYS));
        BatchConfig batch = BatchConfig.read(root.section("batch", BatchConfig.KEYS));

        if (!ctx.problems.isEmpty()) {
            List<ConfigProblem> sorted = ctx.problems.stream()
                    .sorted(Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column))
                    .toList();
            throw new ConfigException(sourceName, sorted);
        }
        return new FreeportConfig(server, providers, models, router, ledger, prices, store, limits, alerts,
                routing, responses, guardrails, observe, pricing, batch);
    }

    private static StoreConfig store(Section s) {
        String type = s.choice("type", "sqlite", List.of("sqlite", "postgres"));
        String url = emptyToNull(s.str("url", null));
        int pool = s.integer("pool_size", 8, 1, 500);
        if ("postgres".equals(type)) {
            if (url == null) {
                s.problem("type", "store type postgres needs url: (e.g. jdbc:postgresql://db:5432/freeport)");
            } else if (!url.startsWith("jdbc:postgresql://")) {
                s.problem("url", "must be a PostgreSQL JDBC URL starting with jdbc:postgresql://");
            }
            return new StoreConfig(StoreConfig.Kind.POSTGRES, url, emptyToNull(s.str("user", null)),
                    emptyToNull(s.str("password", null)), pool);
        }
        if (url != null) {
            s.problem("url", "only store type postgres takes a url; the sqlite store lives in ledger.data_dir");
        }
        return new StoreConfig(StoreConfig.Kind.SQLITE, null, null, null, pool);
    }

    private static LimitsConfig limits(Section s) {
        String backend = s.choice("backend", "memory", List.of("memory", "redis"));
        String url = emptyToNull(s.str("redis_url", null));
        int bound = s.integer("default_output_bound", LimitsConfig.EMBEDDED.defaultOutputBound(), 1, 10_000_000);
        Duration deadline = s.duration("deadline", LimitsConfig.DEFAULT_DEADLINE, false);
        Duration cacheRead = s.duration("cache_read_timeout", LimitsConfig.DEFAULT_CACHE_READ_TIMEOUT, false);
        if ("redis".equals(backend)) {
            if (url == null) {
                s.problem("backend", "limits backend redis needs redis_url: (e.g. redis://127.0.0.1:6379)");
            } else if (!url.startsWith("redis://") && !url.startsWith("rediss://")) {
                s.problem("redis_url", "must start with redis:// or rediss://");
            }
            return new LimitsConfig(LimitsConfig.Backend.REDIS, url, bound, deadline, cacheRead);
        }
        return new LimitsConfig(LimitsConfig.Backend.MEMORY, null, bound, deadline, cacheRead);
    }

    private static AlertsConfig alerts(Section s) {
        String url = emptyToNull(s.str("webhook_url", null));
        if (url != null && !url.startsWith("http://") && !url.startsWith("https://")) {
            s.problem("webhook_url", "must be an http(s) URL");
        }
        List<Integer> thresholds = new java.util.ArrayList<>();
        if (s.has("thresholds")) {
            for (YamlTree.Node n : s.list("thresholds")) {
                String text = n instanceof YamlTree.Scalar sc && sc.text() != null ? sc.text().strip() : "";
                try {
                    int pct = Integer.parseInt(text);
                    if (pct < 1 || pct > 1000) {
                        throw new NumberFormatException();
                    }
                    thresholds.add(pct);
                } catch (NumberFormatException e) {
                    s.problem("thresholds", "each threshold is a whole percent from 1 to 1000, got \"" + text + "\"");
                }
            }
        } else {
            thresholds.addAll(AlertsConfig.NONE.thresholds());
        }
        return new AlertsConfig(url, thresholds.stream().sorted().distinct().toList());
    }

    /**
     * The built-in demo: simulated models of three vendors (a frontier lab, a hosted open-model API, self-hosted),
     * the aliases of {@link #demoYaml()}, prices like real models, no keys, bound to 127.0.0.1.
     */
    public static FreeportConfig demo(int port, Path dataDir) {
        return parse(DemoConfig.YAML, "(built-in demo)", Map.of("FREEPORT_PORT", Integer.toString(port),
                "FREEPORT_DATA_DIR", dataDir.toAbsolutePath().toString()), dataDir.toAbsolutePath());
    }

    /** The demo config as YAML (port and data folder from FREEPORT_PORT / FREEPORT_DATA_DIR, with defaults). */
    public static String demoYaml() {
        return DemoConfig.YAML;
    }

    private static RouterConfig router(Section r) {
        RouterConfig d = RouterConfig.DEFAULTS;
        int attempts = r.integer("max_attempts", d.maxAttempts(), 1, 20);
        Section b = r.section("backoff", BACKOFF_KEYS);
        Duration initial = b.duration("initial", d.backoffInitial(), true);
        Duration max = b.duration("max", d.backoffMax(), true);
        if (max.compareTo(initial) < 0) {
            b.problem(b.has("max") ? "max" : "initial", "backoff max (" + ConfigUnits.formatDuration(max)
                    + ") is shorter than initial (" + ConfigUnits.formatDuration(initial) + ")");
        }
        Duration retryAfterCap = r.duration("retry_after_cap", d.retryAfterCap(), true);
        Section cb = r.section("circuit_breaker", BREAKER_KEYS);
        int failures = cb.integer("failures", d.breakerFailures(), 1, 1000);
        Duration openFor = cb.duration("open_for", d.breakerOpenFor(), false);
        Timeouts timeouts = timeouts(r.section("timeouts", TIMEOUT_KEYS), d.timeouts());
        Duration total = r.duration("total_timeout", d.totalTimeout(), false);
        return new RouterConfig(attempts, initial, max, retryAfterCap, failures, openFor, timeouts, total);
    }

    /** Timeouts written in {@code s}, each field over the one in {@code base}. */
    static Timeouts timeouts(Section s, Timeouts base) {
        return new Timeouts(s.duration("connect", base.connect(), false),
                s.duration("first_byte", base.firstByte(), false),
                s.duration("idle", base.idle(), false),
                s.duration("total", base.total(), false));
    }

    private static Map<String, PriceConfig> prices(Section s) {
        Map<String, PriceConfig> out = new LinkedHashMap<>();
        for (YamlTree.Entry e : s.entries()) {
            String path = Paths.key(s.path, e.key());
            if (e.key().isBlank() || e.key().startsWith("/") || e.key().endsWith("/")) {
                s.ctx.problem(path, e.keyLoc(), "a price key is \"provider/model\" or \"model\"");
                continue;
            }
            PriceConfig p = price(Section.of(s.ctx, path, e.value(), e.keyLoc(), PRICE_KEYS));
            if (p != null) {
                out.put(e.key(), p);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** A price mapping (input/output/cached_input/cache_write in USD per 1M tokens, or per_hour). */
    static PriceConfig price(Section s) {
        BigDecimal input = s.money("input");
        BigDecimal output = s.money("output");
        BigDecimal cached = s.money("cached_input");
        BigDecimal write = s.money("cache_write");
        BigDecimal perHour = s.money("per_hour");
        boolean tokens = s.has("input") || s.has("output") || s.has("cached_input") || s.has("cache_write");
        if (!tokens && !s.has("per_hour")) {
            s.ctx.problem(s.path, s.loc, "a price needs input/output (USD per 1M tokens) or per_hour");
            return null;
        }
        if (tokens && s.has("per_hour")) {
            s.problem("per_hour", "per_hour prices a self-hosted target by the hour and cannot be combined with"
                    + " token prices (input/output/cached_input/cache_write)");
        }
        return new PriceConfig(input, output, cached, write, perHour);
    }

    static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    static Set<String> keys(String... keys) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(keys)));
    }
}
