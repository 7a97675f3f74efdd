package dev.freeport.catalog;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Converts LiteLLM's {@code model_prices_and_context_window.json} (model name → {input_cost_per_token,
 * output_cost_per_token, cache_read_input_token_cost, cache_creation_input_token_cost, max_input_tokens,
 * max_output_tokens, litellm_provider, mode, supports_function_calling, supports_vision, supports_response_schema,
 * supports_reasoning}) into Freeport's catalog format, for {@code freeport catalog import FILE}. Per-token prices
 * become USD per million tokens (exact decimals). Only chat/completion/embedding entries with an input price and a
 * provider Freeport knows are taken. LiteLLM has no open-weights flag or quality tier: both come from the bundled
 * entry of the same model when there is one; otherwise openWeights is guessed from the host (groq, together,
 * fireworks, deepseek, moonshot, and open-model paths on openrouter) and the tier is "unknown".
 */
public final class LiteLlmCatalog {

    private static final Map<String, String> PROVIDERS = Map.ofEntries(Map.entry("openai", "openai"),
            Map.entry("anthropic", "anthropic"), Map.entry("gemini", "google"),
            Map.entry("vertex_ai-language-models", "google"), Map.entry("deepseek", "deepseek"),
            Map.entry("dashscope", "qwen"), Map.entry("moonshot", "moonshot"), Map.entry("together_ai", "together"),
            Map.entry("fireworks_ai", "fireworks"), Map.entry("groq", "groq"), Map.entry("openrouter", "openrouter"),
            Map.entry("mistral", "mistral"));
    private static final Set<String> OPEN_HOSTS = Set.of("groq", "together", "fireworks", "deepseek", "moonshot");
    private static final List<String> OPEN_PATHS = List.of("deepseek/", "qwen/", "moonshotai/", "meta-llama/",
            "mistralai/", "openai/gpt-oss");
    private static final Set<String> MODES = Set.of("chat", "completion", "embedding", "responses");

    /** The outcome: the catalog JSON (bundled format), entries taken, and names skipped with why. */
    public record Result(JsonObject catalog, int imported, List<String> skipped) {
    }

    private LiteLlmCatalog() {
    }

    /** Converts a parsed LiteLLM file; {@code base} supplies openWeights/tier for models it knows. */
    public static Result convert(JsonObject litellm, PriceCatalog base, String source, LocalDate asOf) {
        JsonArray prices = new JsonArray();
        List<String> skipped = new ArrayList<>();
        for (String name : litellm.fieldNames()) {
            Object v = litellm.getValue(name);
            if (name.equals("sample_spec") || !(v instanceof JsonObject e)) {
                continue;
            }
            String provider = PROVIDERS.get(e.getString("litellm_provider", ""));
            String mode = e.getString("mode", "chat");
            if (provider == null) {
                skipped.add(name + ": provider '" + e.getString("litellm_provider") + "' unknown to Freeport");
                continue;
            }
            if (!MODES.contains(mode) || e.getValue("input_cost_per_token") == null) {
                skipped.add(name + ": mode '" + mode + "' or no input_cost_per_token");
                continue;
            }
            prices.add(entry(name, provider, e, base, source, asOf));
        }
        JsonObject root = new JsonObject()
                .put("_comment", "Imported from LiteLLM's model_prices_and_context_window.json (" + source + ")")
                .put("prices", prices);
        return new Result(root, prices.size(), List.copyOf(skipped));
    }

    private static JsonObject entry(String name, String provider, JsonObject e, PriceCatalog base, String source,
                                    LocalDate asOf) {
        String model = modelName(name, e.getString("litellm_provider"));
        ModelInfo known = base.info(provider, model).orElse(null);
        boolean open = known != null ? known.openWeights()
                : OPEN_HOSTS.contains(provider) || OPEN_PATHS.stream().anyMatch(model.toLowerCase(Locale.ROOT)::startsWith);
        String tier = known != null ? known.tier().label()
                : "embedding".equals(e.getString("mode")) ? "embedding" : "unknown";
        Long maxIn = e.getLong("max_input_tokens", e.getLong("max_tokens"));
        Long maxOut = e.getLong("max_output_tokens");
        JsonObject n = new JsonObject()
                .put("provider", provider).put("model", model)
                .put("input", perMillion(e.getValue("input_cost_per_token")))
                .put("output", perMillion(e.getValue("output_cost_per_token")))
                .put("cachedInput", perMillion(e.getValue("cache_read_input_token_cost")))
                .put("cacheWrite", perMillion(e.getValue("cache_creation_input_token_cost")))
                .put("source", source).put("asOf", asOf.toString())
                .put("context", maxIn == null ? null : maxIn + (maxOut == null ? 0 : maxOut))
                .put("maxOutput", maxOut)
                .put("tools", e.getBoolean("supports_function_calling", false))
                .put("vision", e.getBoolean("supports_vision", false))
                .put("json", e.getBoolean("supports_response_schema", false))
                .put("reasoning", e.getBoolean("supports_reasoning", false))
                .put("openWeights", open).put("tier", tier);
        return n;
    }

    /** Freeport's provider name for a LiteLLM {@code litellm_provider}/{@code custom_llm_provider} (else as given). */
    public static String vendorOf(String litellmProvider) {
        return litellmProvider == null ? null : PROVIDERS.getOrDefault(litellmProvider, litellmProvider);
    }

    /** "groq/llama-3.3-70b-versatile" → "llama-3.3-70b-versatile"; a name without the provider prefix is kept. */
    static String modelName(String name, String litellmProvider) {
        String prefix = litellmProvider + "/";
        return name.startsWith(prefix) ? name.substring(prefix.length()) : name;
    }

    /** USD per token (a JSON number) → USD per million tokens as a plain decimal string; null stays null. */
    static String perMillion(Object perToken) {
        if (perToken == null) {
            return null;
        }
        return new BigDecimal(perToken.toString()).movePointRight(6).stripTrailingZeros().toPlainString();
    }

    /**
     * Merges {@code imported} into the user catalog at {@code target} (created if missing): an imported entry
     * replaces one of the same provider and model, others are kept. Returns the number of entries written.
     */
    public static int writeInto(Path target, JsonObject imported) {
        try {
            Map<String, JsonObject> byKey = new LinkedHashMap<>();
            JsonObject existing = Files.isRegularFile(target) ? new JsonObject(Files.readString(target))
                    : new JsonObject();
            for (JsonArray a : List.of(existing.getJsonArray("prices", new JsonArray()),
                    imported.getJsonArray("prices"))) {
                for (int i = 0; i < a.size(); i++) {
                    JsonObject n = a.getJsonObject(i);
                    byKey.put(n.getString("provider") + "/" + PriceCatalog.canonical(n.getString("model")), n);
                }
            }
            JsonObject out = new JsonObject().put("_comment", imported.getString("_comment"))
                    .put("prices", new JsonArray(new ArrayList<>(byKey.values())));
            if (existing.containsKey("vendors")) {
                out.put("vendors", existing.getJsonArray("vendors"));
            }
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
            Files.writeString(target, out.encodePrettily() + "\n");
            return byKey.size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write catalog " + target, e);
        }
    }
}
