package dev.freeport.provider.http;

import java.util.Map;

/**
 * Where and how to reach an HTTP provider, after presets and config are merged.
 *
 * @param name       the provider's name in the config
 * @param type       "openai" or "anthropic"
 * @param preset     the preset used (e.g. "deepseek"), or null
 * @param baseUrl    e.g. "https://api.deepseek.com/v1" (no trailing slash); codec paths are appended
 * @param apiKey     secret, may be null for keyless self-hosted servers; never logged
 * @param authStyle  how the key is sent
 * @param headers    extra headers sent on every request
 * @param quirks     dialect details of this upstream
 */
public record ProviderSettings(String name, String type, String preset, String baseUrl, String apiKey,
                               AuthStyle authStyle, Map<String, String> headers, Quirks quirks) {

    /** Sets the key the way {@link #authStyle} sends it (none when keyless) and the configured headers on {@code h}. */
    public io.vertx.core.MultiMap keyAndHeaders(io.vertx.core.MultiMap h) {
        if (apiKey != null && !apiKey.isEmpty() && authStyle != null) {
            switch (authStyle) {
                case BEARER -> h.set("authorization", "Bearer " + apiKey);
                case X_API_KEY -> h.set("x-api-key", apiKey);
                case API_KEY_HEADER -> h.set("api-key", apiKey);
                case NONE -> {
                    // keyless
                }
            }
        }
        if (headers != null) {
            headers.forEach(h::set);
        }
        return h;
    }

    public enum AuthStyle {
        /** Authorization: Bearer KEY */
        BEARER,
        /** x-api-key: KEY (Anthropic) */
        X_API_KEY,
        /** api-key: KEY (Azure OpenAI) */
        API_KEY_HEADER,
        /** no key sent */
        NONE
    }

    /**
     * @param streamUsageOption   upstream honours {@code stream_options.include_usage} (else usage is counted)
     * @param reasoningContent    upstream may send {@code reasoning_content} deltas (DeepSeek, Qwen, Kimi)
     * @param maxTokensField      the field the upstream wants for the output cap ("max_tokens" or
     *                            "max_completion_tokens")
     * @param supportsEmbeddings  upstream has /embeddings
     */
    public record Quirks(boolean streamUsageOption, boolean reasoningContent, String maxTokensField,
                         boolean supportsEmbeddings) {
        public static final Quirks OPENAI = new Quirks(true, false, "max_completion_tokens", true);
    }
}
