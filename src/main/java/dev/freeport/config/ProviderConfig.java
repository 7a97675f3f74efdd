package dev.freeport.config;

import dev.freeport.api.Timeouts;

import java.util.Map;

/**
 * One entry under {@code providers:}.
 *
 * @param type          "openai", "anthropic", "gemini", "azure", "bedrock", "vertex" or "sandbox"
 * @param preset        for type openai: openai, deepseek, qwen, moonshot, together, fireworks, groq, openrouter,
 *                      mistral, vllm, sglang, ollama, llamacpp, lmstudio (null = plain OpenAI-compatible)
 * @param baseUrl       overrides the preset's base URL; null = preset's
 * @param apiKey        secret after ${ENV} substitution; null when none
 * @param headers       extra headers for every upstream request
 * @param timeouts      this provider's timeouts (router defaults filled in)
 * @param sandboxModels for type sandbox: simulated models by name
 * @param placement     vendor, jurisdiction, region and trust as written (null: from the catalog)
 * @param cloud         for types azure, bedrock, vertex: the account settings; else null
 * @param batch         {@code batch: native|paced}: whether batches go to the back end's own batch API (native) or
 *                      run as paced normal requests; null: native for OpenAI and Anthropic on their official base
 *                      URLs, paced for everything else (docs/BATCH.md)
 */
public record ProviderConfig(String name, String type, String preset, String baseUrl, String apiKey,
                             Map<String, String> headers, Timeouts timeouts,
                             Map<String, SandboxModelConfig> sandboxModels, Placement placement, CloudConfig cloud,
                             BatchMode batch) {

    /** How a provider takes batches: its own batch API, or paced normal requests. */
    public enum BatchMode { NATIVE, PACED }

    public ProviderConfig(String name, String type, String preset, String baseUrl, String apiKey,
                          Map<String, String> headers, Timeouts timeouts,
                          Map<String, SandboxModelConfig> sandboxModels, Placement placement, CloudConfig cloud) {
        this(name, type, preset, baseUrl, apiKey, headers, timeouts, sandboxModels, placement, cloud, null);
    }

    public ProviderConfig(String name, String type, String preset, String baseUrl, String apiKey,
                          Map<String, String> headers, Timeouts timeouts,
                          Map<String, SandboxModelConfig> sandboxModels, Placement placement) {
        this(name, type, preset, baseUrl, apiKey, headers, timeouts, sandboxModels, placement, null);
    }

    public ProviderConfig(String name, String type, String preset, String baseUrl, String apiKey,
                          Map<String, String> headers, Timeouts timeouts,
                          Map<String, SandboxModelConfig> sandboxModels) {
        this(name, type, preset, baseUrl, apiKey, headers, timeouts, sandboxModels, null);
    }
}
