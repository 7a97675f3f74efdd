package dev.freeport.config;

import java.util.List;

/**
 * An alias's fallbacks to other aliases (LiteLLM's {@code fallbacks}, {@code context_window_fallbacks},
 * {@code content_policy_fallbacks}), one level deep: the named aliases' own targets, in their own strategy's order,
 * under the same exclusions (kill switch, key rules, data class, needs); their own fallbacks are not followed.
 *
 * @param any           tried after the alias's own targets fail (retryable failures, as between targets)
 * @param contextWindow tried when the request does not fit: every own target's context window is too small, or
 *                      an upstream said the context length is exceeded
 * @param contentPolicy tried when an upstream refused the request under its content policy
 */
public record AliasFallbacks(List<String> any, List<String> contextWindow, List<String> contentPolicy) {
    public static final AliasFallbacks NONE = new AliasFallbacks(List.of(), List.of(), List.of());

    public AliasFallbacks {
        any = any == null ? List.of() : List.copyOf(any);
        contextWindow = contextWindow == null ? List.of() : List.copyOf(contextWindow);
        contentPolicy = contentPolicy == null ? List.of() : List.copyOf(contentPolicy);
    }

    public boolean isEmpty() {
        return any.isEmpty() && contextWindow.isEmpty() && contentPolicy.isEmpty();
    }
}
