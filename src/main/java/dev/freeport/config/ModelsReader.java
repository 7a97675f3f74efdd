package dev.freeport.config;

import dev.freeport.config.Section.Ctx;
import dev.freeport.config.YamlTree.Node;
import dev.freeport.config.YamlTree.Scalar;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code models:} list of aliases and checks every target against the providers; the model names agents
 * send (patterns, the default alias, provider wildcards) are checked by {@link ModelNamesReader}.
 */
final class ModelsReader {

    static final Set<String> MODEL_KEYS = ConfigLoader.keys("name", "description", "strategy", "targets",
            "strong_share", "fallbacks", "context_window_fallbacks", "content_policy_fallbacks", "match",
            "default", "shadow", "capture", "cache", "canary");
    private static final List<String> FALLBACK_KEYS = List.of("fallbacks", "context_window_fallbacks",
            "content_policy_fallbacks");
    static final Set<String> TARGET_KEYS = ConfigLoader.keys("provider", "model", "weight", "price", "role",
            "capabilities");
    private static final List<String> STRATEGIES = List.of("ordered", "weighted", "cheapest", "fastest",
            "least-busy", "complexity");

    private ModelsReader() {
    }

    static List<ModelConfig> read(Section root, Map<String, ProviderConfig> providers) {
        List<Node> items = root.list("models");
        List<ModelConfig> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        List<Runnable> fallbackChecks = new ArrayList<>();
        ModelNamesReader names = new ModelNamesReader();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            Section m = Section.of(root.ctx, Paths.index(root.pathOf("models"), i), item, item.loc(), MODEL_KEYS);
            if (m.wrongKind()) {
                continue;
            }
            String name = m.required("name", "the model name callers send");
            if (name != null) {
                name = name.strip();
                Integer first = seen.putIfAbsent(name, m.locOf("name").line());
                if (first != null) {
                    m.problem("name", "duplicate model name \"" + name + "\" (first at line " + first + ")");
                }
            }
            String description = m.str("description", null);
            String strategy = m.choice("strategy", "ordered", STRATEGIES);
            double strongShare = m.number("strong_share", ModelConfig.DEFAULT_STRONG_SHARE, 0, true, 1);
            List<TargetConfig> targets = targets(m, providers);
            if (strategy != null) {
                checkRoles(m, strategy, targets);
            }
            AliasFallbacks fallbacks = new AliasFallbacks(aliases(m, "fallbacks"),
                    aliases(m, "context_window_fallbacks"), aliases(m, "content_policy_fallbacks"));
            String self = name;
            fallbackChecks.add(() -> checkFallbacks(m, self, fallbacks, seen.keySet()));
            List<String> match = names.match(m, name);
            boolean isDefault = names.isDefault(m);
            ShadowConfig shadow = ShadowReader.read(m);
            CaptureConfig capture = ShadowReader.capture(m);
            CacheConfig cache = CacheReader.read(m);
            CanaryConfig canary = ShadowReader.canary(m);
            fallbackChecks.add(() -> ShadowReader.check(m, self, shadow, seen.keySet()));
            if (name != null) {
                names.checkWildcard(m, name, strategy, targets);
            }
            if (name != null && strategy != null) {
                out.add(new ModelConfig(name, ModelConfig.Strategy.valueOf(strategy.toUpperCase(
                        java.util.Locale.ROOT).replace('-', '_')), targets, description, strongShare, fallbacks,
                        match, isDefault, shadow, capture, cache, canary));
            }
        }
        fallbackChecks.forEach(Runnable::run); // once every alias name is known
        return List.copyOf(out);
    }

    /** A list of alias names (or one name). */
    private static List<String> aliases(Section m, String key) {
        if (!m.has(key)) {
            return List.of();
        }
        if (m.node(key) instanceof Scalar) {
            String one = m.str(key, null);
            return one == null || one.isBlank() ? List.of() : List.of(one.strip());
        }
        List<String> names = new ArrayList<>();
        for (Node n : m.list(key)) {
            String text = n instanceof Scalar sc && sc.text() != null ? sc.text().strip() : null;
            if (text == null || text.isEmpty()) {
                m.problem(key, "each fallback is an alias name (another entry of models:)");
            } else if (!names.contains(text)) {
                names.add(text);
            }
        }
        return names;
    }

    /** Every fallback names another alias of this file. */
    private static void checkFallbacks(Section m, String self, AliasFallbacks fallbacks, Set<String> known) {
        List<List<String>> lists = List.of(fallbacks.any(), fallbacks.contextWindow(), fallbacks.contentPolicy());
        for (int k = 0; k < FALLBACK_KEYS.size(); k++) {
            String key = FALLBACK_KEYS.get(k);
            for (String alias : lists.get(k)) {
                if (alias.equals(self)) {
                    m.problem(key, "an alias cannot fall back to itself (\"" + alias + "\")");
                } else if (!known.contains(alias)) {
                    m.problem(key, "unknown alias \"" + alias + "\" (known: " + String.join(", ", known.stream()
                            .sorted().toList()) + ")" + Suggest.hint(alias, List.copyOf(known)));
                }
            }
        }
    }

    /** The complexity strategy needs light and strong targets; roles mean nothing to the other strategies. */
    private static void checkRoles(Section m, String strategy, List<TargetConfig> targets) {
        boolean complexity = strategy.equals("complexity");
        if (m.has("strong_share") && !complexity) {
            m.problem("strong_share", "strong_share only applies to strategy: complexity");
        }
        if (!complexity) {
            if (targets.stream().anyMatch(t -> t.role() != null)) {
                m.problem("targets", "a target's role (light/strong) only applies to strategy: complexity");
            }
            return;
        }
        boolean strong = targets.stream().anyMatch(TargetConfig::strong);
        boolean light = targets.stream().anyMatch(t -> "light".equals(t.role()));
        if (!targets.isEmpty() && (!strong || !light)) {
            m.problem("targets", "strategy complexity needs at least one target with role: light (easy requests)"
                    + " and one with role: strong (hard requests)");
        }
    }

    private static List<TargetConfig> targets(Section m, Map<String, ProviderConfig> providers) {
        List<Node> items = m.list("targets");
        if (items.isEmpty() && (m.node("targets") == null || m.node("targets") instanceof YamlTree.ListNode)) {
            m.ctx.problem(m.pathOf("targets"), m.locOf("targets"), "needs at least one target,"
                    + " e.g. targets: [ { provider: deepseek, model: deepseek-chat } ]");
        }
        List<TargetConfig> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String path = Paths.index(m.pathOf("targets"), i);
            TargetConfig t = target(m.ctx, path, items.get(i), providers);
            if (t != null) {
                Integer first = seen.putIfAbsent(t.provider() + "/" + t.model(), i);
                if (first != null) {
                    m.ctx.problem(path, items.get(i).loc(), "duplicate target " + t.provider() + "/" + t.model()
                            + " (already targets[" + first + "])");
                }
                out.add(t);
            }
        }
        return List.copyOf(out);
    }

    /** A target mapping, or the shorthand string "provider/model". */
    private static TargetConfig target(Ctx ctx, String path, Node node, Map<String, ProviderConfig> providers) {
        if (node instanceof Scalar s && !s.isNull()) {
            String text = ctx.text(path, s);
            if (text == null) {
                return null;
            }
            int slash = text.indexOf('/');
            if (slash <= 0 || slash == text.length() - 1) {
                ctx.problem(path, s.loc(), "a target is { provider: ..., model: ... } or \"provider/model\", got \""
                        + text + "\"");
                return null;
            }
            String provider = text.substring(0, slash).strip();
            String model = text.substring(slash + 1).strip();
            boolean ok = checkProvider(ctx, path, s, provider, providers)
                    && checkSandboxModel(ctx, path, s, provider, model, providers);
            return ok ? new TargetConfig(provider, model, 1, null) : null;
        }
        Section t = Section.of(ctx, path, node, node.loc(), TARGET_KEYS);
        if (t.wrongKind()) {
            return null;
        }
        String provider = t.required("provider", "a name under providers:");
        String model = t.required("model", "the model name the provider knows");
        int weight = t.integer("weight", 1, 1, 1_000_000);
        String role = t.choice("role", null, List.of("light", "strong"));
        CapabilitiesConfig capabilities = RoutingReader.capabilities(t);
        PriceConfig price = t.has("price")
                ? ConfigLoader.price(t.section("price", ConfigLoader.PRICE_KEYS)) : null;
        if (provider == null || model == null) {
            return null;
        }
        provider = provider.strip();
        model = model.strip();
        if (!checkProvider(ctx, t.pathOf("provider"), t.node("provider"), provider, providers)
                || !checkSandboxModel(ctx, t.pathOf("model"), t.node("model"), provider, model, providers)) {
            return null;
        }
        return new TargetConfig(provider, model, weight, price, role, capabilities);
    }

    private static boolean checkProvider(Ctx ctx, String path, Node at, String provider,
                                         Map<String, ProviderConfig> providers) {
        if (providers.containsKey(provider)) {
            return true;
        }
        String known = providers.isEmpty() ? "no providers are configured"
                : "known: " + String.join(", ", providers.keySet());
        ctx.problem(path, at.loc(), "unknown provider \"" + provider + "\" (" + known + ")"
                + Suggest.hint(provider, providers.keySet()));
        return false;
    }

    private static boolean checkSandboxModel(Ctx ctx, String path, Node at, String provider, String model,
                                             Map<String, ProviderConfig> providers) {
        ProviderConfig p = providers.get(provider);
        if (model.contains("*") || !"sandbox".equals(p.type()) || p.sandboxModels().isEmpty() || p.sandboxModels().containsKey(model)) {
            return true;
        }
        ctx.problem(path, at.loc(), "sandbox provider \"" + provider + "\" has no model \"" + model + "\" (known: "
                + String.join(", ", p.sandboxModels().keySet()) + ")" + Suggest.hint(model, p.sandboxModels().keySet()));
        return false;
    }
}
