package dev.freeport.config;

import dev.freeport.api.Timeouts;
import dev.freeport.config.Section.Ctx;
import dev.freeport.config.YamlTree.Entry;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads {@code providers:}: a mapping from provider name to its settings, checked per type. */
final class ProvidersReader {

    static final Set<String> PROVIDER_KEYS = ConfigLoader.keys("type", "preset", "base_url", "api_key", "headers",
            "timeouts", "models", "batch", "vendor", "jurisdiction", "region", "trust", "project", "api_version", "tenant_id",
            "client_id", "client_secret", "token_url", "credentials_file", "profile");
    static final Set<String> SANDBOX_MODEL_KEYS = ConfigLoader.keys("ttft", "tokens_per_second",
            "max_output_tokens", "error_rate", "rate_limit_rate", "cut_rate", "embedding_dims", "seed");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern HEADER = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Set<String> HOP_HEADERS = Set.of("host", "content-length", "transfer-encoding",
            "connection");

    private ProvidersReader() {
    }

    static Map<String, ProviderConfig> read(Section root, Timeouts routerTimeouts) {
        return read(root, routerTimeouts, java.nio.file.Path.of("").toAbsolutePath());
    }

    /** With {@code baseDir} for relative credential file paths. */
    static Map<String, ProviderConfig> read(Section root, Timeouts routerTimeouts, java.nio.file.Path baseDir) {
        Section providers = root.section("providers", null);
        Map<String, ProviderConfig> out = new LinkedHashMap<>();
        for (Entry e : providers.entries()) {
            String path = Paths.key(providers.path, e.key());
            if (!NAME.matcher(e.key()).matches()) {
                providers.ctx.problem(path, e.keyLoc(), "provider name \"" + e.key() + "\" may only have letters,"
                        + " digits, '.', '_' and '-' (it is written provider/model elsewhere)");
            }
            Section p = Section.of(providers.ctx, path, e.value(), e.keyLoc(), PROVIDER_KEYS);
            out.put(e.key(), provider(e.key(), p, routerTimeouts, baseDir));
        }
        return Collections.unmodifiableMap(out);
    }

    private static ProviderConfig provider(String name, Section p, Timeouts routerTimeouts, java.nio.file.Path baseDir) {
        if (p.wrongKind()) {
            return new ProviderConfig(name, null, null, null, null, Map.of(), routerTimeouts, Map.of());
        }
        String inferred = p.has("preset") ? "openai" : p.has("models") ? "sandbox" : null;
        String type = p.choice("type", inferred, ConfigLoader.PROVIDER_TYPES);
        if (type == null && !p.has("type")) {
            p.ctx.problem(p.pathOf("type"), p.loc, "is required (one of: "
                    + String.join(", ", ConfigLoader.PROVIDER_TYPES) + ")");
        }
        Timeouts timeouts = ConfigLoader.timeouts(p.section("timeouts", ConfigLoader.TIMEOUT_KEYS), routerTimeouts);
        CloudReader.checkKeys(type, p);
        if ("sandbox".equals(type)) {
            for (String k : List.of("preset", "base_url", "api_key", "headers")) {
                if (p.has(k)) {
                    p.problem(k, "\"" + k + "\" does not apply to a sandbox provider (it runs in-process)");
                }
            }
            return new ProviderConfig(name, type, null, null, null, Map.of(), timeouts, sandboxModels(p),
                    RoutingReader.placement(p));
        }
        if (p.has("models")) {
            p.problem("models", "\"models\" under a provider is only for type sandbox (aliases go in the"
                    + " top-level models: list)");
        }
        String preset = null;
        if (!"openai".equals(type) && type != null && p.has("preset")) {
            p.problem("preset", "\"preset\" does not apply to type " + type + " (presets are for type openai)");
        } else if (p.has("preset")) {
            preset = p.choice("preset", null, ConfigLoader.OPENAI_PRESETS);
        }
        String baseUrl = baseUrl(p);
        if ("openai".equals(type) && !p.has("preset") && !p.has("base_url")) {
            p.ctx.problem(p.path, p.loc, "a provider of type openai without a preset needs base_url (or set"
                    + " preset: one of " + String.join(", ", ConfigLoader.OPENAI_PRESETS) + ")");
        }
        String apiKey = ConfigLoader.emptyToNull(p.str("api_key", null));
        boolean cloud = CloudReader.isCloud(type);
        return new ProviderConfig(name, type, preset, baseUrl, apiKey, headers(p), timeouts, Map.of(),
                RoutingReader.placement(p, !cloud), cloud ? CloudReader.read(type, p, baseDir) : null, batch(p, type));
    }

    /** {@code batch: native|paced}; native only for the dialects with a batch API (openai, anthropic). */
    private static ProviderConfig.BatchMode batch(Section p, String type) {
        String mode = p.choice("batch", null, List.of("native", "paced"));
        if (mode == null) {
            return null;
        }
        if ("native".equals(mode) && !"openai".equals(type) && !"anthropic".equals(type)) {
            p.problem("batch", "\"batch: native\" needs a provider of type openai or anthropic (their batch APIs);"
                    + " type " + type + " runs batches paced");
            return null;
        }
        return "native".equals(mode) ? ProviderConfig.BatchMode.NATIVE : ProviderConfig.BatchMode.PACED;
    }

    private static String baseUrl(Section p) {
        String url = p.str("base_url", null);
        if (url == null) {
            return null;
        }
        url = url.strip();
        String bad = null;
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                bad = "must be an http(s) URL, e.g. http://gpu-box:8000/v1";
            } else if (uri.getHost() == null) {
                bad = "has no host name";
            } else if (uri.getQuery() != null || uri.getFragment() != null) {
                bad = "must not have a query or fragment";
            }
        } catch (URISyntaxException e) {
            bad = "is not a valid URL (" + e.getReason() + ")";
        }
        if (bad != null) {
            p.problem("base_url", bad + ", got " + Ctx.show(p.pathOf("base_url"), url));
            return null;
        }
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        return url;
    }

    /** The {@code headers:} map under {@code p}: valid names, one-line values, none Freeport sets itself. */
    static Map<String, String> headers(Section p) {
        Section h = p.section("headers", null);
        Map<String, String> out = new LinkedHashMap<>();
        for (Entry e : h.entries()) {
            String path = Paths.key(h.path, e.key());
            if (!HEADER.matcher(e.key()).matches()) {
                p.ctx.problem(path, e.keyLoc(), "\"" + e.key() + "\" is not a valid header name");
                continue;
            }
            if (HOP_HEADERS.contains(e.key().toLowerCase(Locale.ROOT))) {
                p.ctx.problem(path, e.keyLoc(), "header " + e.key() + " is set by Freeport itself");
                continue;
            }
            String v = e.value() instanceof YamlTree.Scalar s && s.isNull() ? "" : p.ctx.text(path, e.value());
            if (v != null) {
                if (v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0) {
                    p.ctx.problem(path, e.value().loc(), "a header value must be on one line");
                } else {
                    out.put(e.key(), v);
                }
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, SandboxModelConfig> sandboxModels(Section p) {
        Section models = p.section("models", null);
        Map<String, SandboxModelConfig> out = new LinkedHashMap<>();
        for (Entry e : models.entries()) {
            String path = Paths.key(models.path, e.key());
            if (e.key().isBlank()) {
                p.ctx.problem(path, e.keyLoc(), "a model name must not be empty");
                continue;
            }
            out.put(e.key(), sandboxModel(Section.of(p.ctx, path, e.value(), e.keyLoc(), SANDBOX_MODEL_KEYS)));
        }
        if (out.isEmpty() && models.entries().isEmpty()) {
            p.ctx.problem(p.pathOf("models"), p.locOf("models"), "a sandbox provider needs at least one model,"
                    + " e.g. models: { fast-sim: { ttft: 50ms, tokens_per_second: 200 } }");
        }
        return Collections.unmodifiableMap(out);
    }

    private static SandboxModelConfig sandboxModel(Section s) {
        SandboxModelConfig d = SandboxModelConfig.DEFAULTS;
        long ttft = s.duration("ttft", java.time.Duration.ofMillis(d.ttftMillis()), true).toMillis();
        double tps = s.number("tokens_per_second", d.tokensPerSecond(), 0, false, 1_000_000); // 0 = instant
        int maxOut = s.integer("max_output_tokens", d.maxOutputTokens(), 1, 1_000_000);
        double err = s.number("error_rate", d.errorRate(), 0, false, 1);
        double rl = s.number("rate_limit_rate", d.rateLimitRate(), 0, false, 1);
        double cut = s.number("cut_rate", d.cutRate(), 0, false, 1);
        int dims = s.integer("embedding_dims", d.embeddingDims(), 0, 65_536);
        long seed = s.longValue("seed", d.seed());
        return new SandboxModelConfig(ttft, tps, maxOut, err, rl, cut, dims, seed);
    }
}
