package dev.freeport.provider.openai;

import java.util.Map;

import static dev.freeport.provider.openai.OpenAiPresets.MAX_COMPLETION_TOKENS;
import static dev.freeport.provider.openai.OpenAiPresets.MAX_TOKENS;
import static dev.freeport.provider.openai.OpenAiPresets.hosted;

/**
 * The presets of the hosted open-model APIs coding agents are pointed at (issue 12, part 4), beside the first ones in
 * {@link OpenAiPresets}. Each entry: base URL, output-cap spelling, whether {@code stream_options.include_usage} is
 * sent, whether a separate reasoning field may come back, embeddings, and the source the facts were read from.
 * Vendor and jurisdiction come from the catalog's vendor entry of the same name (catalog/prices.json). Hosts that
 * also speak Anthropic's Messages API are listed in docs/AGENTS.md (use them as {@code type: anthropic}).
 */
final class OpenCodingHosts {
    private OpenCodingHosts() {
    }

    static void add(Map<String, OpenAiPresets.Preset> m) {
        // docs.poolside.ai/api/overview: "Call Poolside models through an OpenAI-compatible API", hosted inference
        // at inference.poolside.ai/v1, Bearer key; Laguna models (laguna-m.1, laguna-xs.2). Quirks beyond chat
        // completions are not documented there: usage asked for, max_tokens, no embeddings
        m.put("poolside", hosted("https://inference.poolside.ai/v1", true, true, MAX_TOKENS, false));
        // docs.z.ai (Zhipu's international platform): OpenAI-compatible at api.z.ai/api/paas/v4 (the GLM Coding
        // Plan uses api.z.ai/api/coding/paas/v4, mainland open.bigmodel.cn/api/paas/v4: set base_url); thinking is
        // its own "thinking" field, reasoning comes as reasoning_content; usage in the last chunk
        m.put("zhipu", hosted("https://api.z.ai/api/paas/v4", false, true, MAX_TOKENS, true));
        // platform.minimax.io/docs (OpenAI-compatible): api.minimax.io/v1 (mainland api.minimaxi.com/v1);
        // max_tokens deprecated for max_completion_tokens (agentscope MiniMax formatter); M-series thinking comes
        // inside <think> tags in content unless reasoning_split is set; usage in the last chunk
        m.put("minimax", hosted("https://api.minimax.io/v1", false, true, MAX_COMPLETION_TOKENS, false));
        // docs.siliconflow.com chat-completions reference: api.siliconflow.com/v1 (mainland api.siliconflow.cn/v1),
        // max_tokens, enable_thinking/thinking_budget, reasoning_content, reasoning_effort only high|max on a few
        // models (so not sent), /v1/embeddings; streams end with [DONE]
        m.put("siliconflow", hosted("https://api.siliconflow.com/v1", true, true, MAX_TOKENS, true));
        // inference-docs.cerebras.ai OpenAI compatibility: api.cerebras.ai/v1, max_completion_tokens,
        // reasoning_format/clear_thinking are its own fields, reasoning comes as "reasoning"; frequency_penalty,
        // presence_penalty, logit_bias, parallel_tool_calls, service_tier answer 400 (req_llm Cerebras guide);
        // no embeddings
        m.put("cerebras", hosted("https://api.cerebras.ai/v1", true, false, MAX_COMPLETION_TOKENS, false));
        // docs.x.ai: api.x.ai/v1, max_completion_tokens preferred; reasoning_effort is refused with 400 by several
        // Grok models (vercel/ai @ai-sdk/xai 4.0.8, opencode-oci-provider v0.2.3), so it is not sent; grok-3-mini
        // streams reasoning_content; no public embeddings
        m.put("xai", hosted("https://api.x.ai/v1", true, true, MAX_COMPLETION_TOKENS, false));
        // docs.tokenfactory.nebius.com/api-reference/introduction: Nebius Token Factory (formerly AI Studio),
        // api.tokenfactory.nebius.com/v1, Bearer; open models (DeepSeek, Qwen, Kimi, GLM), embeddings (BAAI bge)
        m.put("nebius", hosted("https://api.tokenfactory.nebius.com/v1", true, true, MAX_TOKENS, true));
        // deepinfra.com/docs/advanced/openai_api: api.deepinfra.com/v1/openai for all LLMs and embeddings models,
        // max_tokens, usage on the finishing chunk, reasoning_content for reasoning models
        m.put("deepinfra", hosted("https://api.deepinfra.com/v1/openai", true, true, MAX_TOKENS, true));
        // huggingface.co/docs/inference-providers and the changelog "Inference Providers now fully support
        // OpenAI-compatible API" (2025-07-18): router.huggingface.co/v1 with an HF token; the model names a Hub repo,
        // optionally ":provider" (":groq", ":together") or ":fastest"/":cheapest"; chat completions only
        m.put("huggingface", hosted("https://router.huggingface.co/v1", true, true, MAX_TOKENS, false));
    }
}
