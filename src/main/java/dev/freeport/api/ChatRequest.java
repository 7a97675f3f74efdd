package dev.freeport.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An OpenAI-format chat completion request, validated. {@code body} is the caller's JSON exactly as sent
 * (unknown fields included, so they pass through to OpenAI-compatible upstreams); the typed fields are the ones
 * the gateway itself acts on. Codecs must not mutate {@code body}: copy it ({@code body.deepCopy()}) first.
 *
 * @param model          the alias the caller asked for
 * @param stream         whether the caller wants server-sent events
 * @param includeUsage   whether the caller asked for {@code stream_options.include_usage}
 * @param maxOutputTokens {@code max_completion_tokens}, else {@code max_tokens}, else null
 * @param user           the {@code user} field, or null
 */
public record ChatRequest(String model, boolean stream, boolean includeUsage, Integer maxOutputTokens,
                          String user, ObjectNode body, ObjectNode nativeAnthropic) {

    /**
     * A request from an OpenAI-format caller. {@code nativeAnthropic} (the other constructor) is the caller's
     * own Anthropic request when it came in through the Anthropic front: an Anthropic back end then sends it on
     * as it is (model replaced) instead of translating twice.
     */
    public ChatRequest(String model, boolean stream, boolean includeUsage, Integer maxOutputTokens, String user,
                       ObjectNode body) {
        this(model, stream, includeUsage, maxOutputTokens, user, body, null);
    }

    /**
     * The output cap: {@code maxOutputTokens}, else what the body says ({@code max_completion_tokens}, then
     * {@code max_tokens}: the flow may set one after decoding), else null.
     */
    public Integer outputCap() {
        if (maxOutputTokens != null) {
            return maxOutputTokens;
        }
        for (String f : new String[] {"max_completion_tokens", "max_tokens"}) {
            if (body.path(f).isIntegralNumber()) {
                return body.get(f).asInt();
            }
        }
        return null;
    }
}
