package dev.freeport.provider.openai;

import dev.freeport.config.ProviderConfig;
import dev.freeport.provider.http.ProviderSettings;
import dev.freeport.provider.http.ProviderSettings.AuthStyle;
import dev.freeport.provider.http.ProviderSettings.Quirks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The known OpenAI-compatible hosts and servers: their base URL and dialect details, merged with one
 * {@code providers:} entry into {@link ProviderSettings}. A config {@code baseUrl} always wins over the preset's;
 * {@code preset: null} means a plain OpenAI-compatible server whose {@code baseUrl} is required.
 */
public final class OpenAiPresets {

    /** The two spellings of the output cap; a null {@code maxTokensField} leaves the caller's spelling alone. */
    static final String MAX_TOKENS = "max_tokens";
    static final String MAX_COMPLETION_TOKENS = "max_completion_tokens";

    /**
     * What the codec does with a {@code reasoning_effort} that Freeport derived from another API's request (an
     * Anthropic caller's {@code output_config.effort} or thinking budget): a caller of the OpenAI API itself always
     * gets its own field passed through.
     */
    enum Effort {
        /** The host takes {@code reasoning_effort} on every model (applies it, or ignores it where it has none). */
        ALL,
        /** Only on reasoning models, recognised by name (OpenAI: o-series, gpt-5 and later; other models 400). */
        REASONING_MODELS,
        /** Dropped: the host has another knob, rejects it on some models, or its behaviour is not documented. */
        NONE
    }

    /** A preset: where it lives and how it speaks. */
    record Preset(String baseUrl, Quirks quirks, boolean endsOnClose, Effort effort) {
    }

    /** OpenAI's reasoning models: o1, o3, o4-mini..., gpt-5 and later (not the gpt-5-chat variants). */
    private static final Pattern OPENAI_REASONING = Pattern.compile("(o\\d.*|gpt-([5-9]|\\d\\d).*)");

    private static final Map<String, Preset> PRESETS = build();

    /**
     * Plain OpenAI-compatible server (preset null): ask for stream usage (servers that do not know the option ignore
     * it), leave the output-cap field as the caller sent it (null), allow /embeddings (a 404 maps to CLIENT_ERROR).
     */
    static final Quirks GENERIC = new Quirks(true, true, null, true);

    private OpenAiPresets() {
    }

    private static Map<String, Preset> build() {
        Map<String, Preset> m = new LinkedHashMap<>();
        // platform.openai.com API reference: api.openai.com/v1; max_tokens is rejected by o-series/gpt-5 models
        m.put("openai", hosted("https://api.openai.com/v1", true, false, MAX_COMPLETION_TOKENS, true,
                Effort.REASONING_MODELS));
        // api-docs.deepseek.com: base https://api.deepseek.com, stream_options.include_usage, max_tokens,
        // reasoning_content (deepseek-reasoner), usage.prompt_cache_hit_tokens; no embeddings endpoint
        m.put("deepseek", hosted("https://api.deepseek.com", true, true, MAX_TOKENS, false));
        // Alibaba Model Studio (international) OpenAI-compatible mode: include_usage sends a final choices:[] chunk,
        // Qwen3/QwQ stream reasoning_content, /compatible-mode/v1/embeddings (text-embedding-v3/v4)
        m.put("qwen", hosted("https://dashscope-intl.aliyuncs.com/compatible-mode/v1", true, true, MAX_TOKENS, true));
        // platform.moonshot.ai (Kimi): usage rides in choices[0].usage of the last chunk, cached_tokens at the top of
        // usage (vercel/ai#12337, #12352, higress#1568); kimi-k2-thinking streams reasoning_content; no embeddings
        m.put("moonshot", hosted("https://api.moonshot.ai/v1", true, true, MAX_TOKENS, false));
        // docs.together.ai OpenAI compatibility: api.together.xyz/v1, max_tokens, /embeddings; R1-style models
        // stream reasoning in reasoning_content
        m.put("together", hosted("https://api.together.xyz/v1", true, true, MAX_TOKENS, true));
        // docs.fireworks.ai OpenAI compatibility: /inference/v1, max_tokens, /embeddings, usage in the final chunk
        m.put("fireworks", hosted("https://api.fireworks.ai/inference/v1", true, true, MAX_TOKENS, true));
        // console.groq.com/docs/openai: /openai/v1, max_completion_tokens (max_tokens deprecated), usage also in
        // x_groq.usage of the last chunk; reasoning comes as "reasoning", not reasoning_content; no embeddings
        m.put("groq", hosted("https://api.groq.com/openai/v1", true, false, MAX_COMPLETION_TOKENS, false));
        // openrouter.ai/docs: /api/v1, usage always included (include_usage is accepted, no effect), ": OPENROUTER
        // PROCESSING" comments, mid-stream errors as data chunks with "error"; /api/v1/embeddings exists
        // reasoning_effort is normalised across models ("OpenAI-style" effort, openrouter.ai/docs reasoning tokens;
        // big-AGI#940 tried xhigh on o1)
        m.put("openrouter", hosted("https://openrouter.ai/api/v1", true, false, MAX_TOKENS, true, Effort.ALL));
        // docs.mistral.ai: rejects stream_options and max_completion_tokens with 422 extra_forbidden
        // (openai-agents-python#442, eca#231); usage comes in the last chunk anyway; /v1/embeddings
        m.put("mistral", hosted("https://api.mistral.ai/v1", false, false, MAX_TOKENS, true));
        // docs.vllm.ai OpenAI-compatible server: default port 8000, include_usage, reasoning_content with
        // --reasoning-parser (vllm#12473), /v1/embeddings for embedding models; max_tokens works on every version
        // reasoning_effort is a request field (passed to the chat template; ignored by templates without it)
        m.put("vllm", local("http://localhost:8000/v1", true, true, MAX_TOKENS, true, false, Effort.ALL));
        // docs.sglang.ai: default port 30000, include_usage, reasoning_content with --reasoning-parser, /v1/embeddings
        m.put("sglang", local("http://localhost:30000/v1", true, true, MAX_TOKENS, true, false, Effort.ALL));
        // ollama middleware/openai.go: :11434/v1, honours include_usage, always ends with data: [DONE],
        // /v1/embeddings; thinking comes as "reasoning"
        m.put("ollama", local("http://localhost:11434/v1", true, false, MAX_TOKENS, true, false));
        // llama.cpp tools/server: :8080/v1, reasoning_content (--reasoning-format deepseek), /v1/embeddings with
        // --embeddings; [DONE] only since llama.cpp#9459 (Sept 2024), so older builds end by closing
        m.put("llamacpp", local("http://localhost:8080/v1", true, true, MAX_TOKENS, true, true));
        // lmstudio.ai/docs OpenAI compatibility: :1234/v1, /v1/embeddings, reasoning_content when separated
        m.put("lmstudio", local("http://localhost:1234/v1", true, true, MAX_TOKENS, true, false));
        // TGI Messages API (huggingface.co/docs/text-generation-inference/messages_api, since 1.4): the launcher's
        // default port 3000 (docker images listen on 80, usually published as 8080), max_tokens, no embeddings
        // (that is TEI), no separate reasoning field; ends by closing on older builds
        m.put("tgi", local("http://localhost:3000/v1", true, false, MAX_TOKENS, false, true));
        OpenCodingHosts.add(m);
        return Collections.unmodifiableMap(m);
    }

    static Preset hosted(String url, boolean usageOption, boolean reasoning, String maxField, boolean embeddings) {
        return hosted(url, usageOption, reasoning, maxField, embeddings, Effort.NONE);
    }

    static Preset hosted(String url, boolean usageOption, boolean reasoning, String maxField, boolean embeddings,
                         Effort effort) {
        return new Preset(url, new Quirks(usageOption, reasoning, maxField, embeddings), false, effort);
    }

    private static Preset local(String url, boolean usageOption, boolean reasoning, String maxField,
                                boolean embeddings, boolean endsOnClose) {
        return local(url, usageOption, reasoning, maxField, embeddings, endsOnClose, Effort.NONE);
    }

    private static Preset local(String url, boolean usageOption, boolean reasoning, String maxField,
                                boolean embeddings, boolean endsOnClose, Effort effort) {
        return new Preset(url, new Quirks(usageOption, reasoning, maxField, embeddings), endsOnClose, effort);
    }

    /** The preset names, in a stable order. */
    public static Set<String> names() {
        return PRESETS.keySet();
    }

    /**
     * Merges a preset with one provider entry.
     *
     * @throws IllegalArgumentException for an unknown preset, or no base URL at all
     */
    public static ProviderSettings settings(ProviderConfig pc) {
        String presetName = pc.preset();
        Preset preset = null;
        if (presetName != null) {
            preset = PRESETS.get(presetName);
            if (preset == null) {
                throw new IllegalArgumentException("provider '" + pc.name() + "': unknown preset '" + presetName
                        + "'; known presets: " + String.join(", ", PRESETS.keySet()));
            }
        }
        String baseUrl = blank(pc.baseUrl()) ? (preset == null ? null : preset.baseUrl()) : pc.baseUrl().strip();
        if (blank(baseUrl)) {
            throw new IllegalArgumentException("provider '" + pc.name()
                    + "': baseUrl is required when no preset is set (e.g. http://localhost:8000/v1)");
        }
        while (baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
        Map<String, String> headers = pc.headers() == null ? Map.of() : Map.copyOf(pc.headers());
        String apiKey = blank(pc.apiKey()) ? null : pc.apiKey();
        Quirks quirks = preset == null ? GENERIC : preset.quirks();
        return new ProviderSettings(pc.name(), "openai", presetName, baseUrl, apiKey, AuthStyle.BEARER, headers,
                quirks);
    }

    /** Whether this preset's servers may end a stream by closing, without data: [DONE]. */
    static boolean endsOnClose(String presetName) {
        Preset p = presetName == null ? null : PRESETS.get(presetName);
        return p != null && p.endsOnClose();
    }

    /**
     * Whether a {@code reasoning_effort} Freeport derived from another API goes to this preset's {@code model}
     * (see {@link Effort}); a plain OpenAI-compatible server (no preset) gets none.
     */
    static boolean takesDerivedEffort(String presetName, String model) {
        Preset p = presetName == null ? null : PRESETS.get(presetName);
        if (p == null) {
            return false;
        }
        return switch (p.effort()) {
            case ALL -> true;
            case REASONING_MODELS -> model != null && OPENAI_REASONING.matcher(model).matches()
                    && !model.contains("-chat");
            case NONE -> false;
        };
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
