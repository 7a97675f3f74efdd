package dev.freeport.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.json.JsonMembers;

import java.util.Map;

/**
 * An OpenAI-format chat completion request, validated, and immutable by convention: {@code body} is the caller's
 * JSON exactly as decoded (unknown fields included, so they pass through to OpenAI-compatible upstreams) and no
 * one writes to it after decoding — codecs copy it ({@code body.deepCopy()}) and apply the typed fields (the model,
 * the output cap) to their copy. A change the gateway makes to what goes upstream is a new request from a
 * {@code with...} method, never an edit of the tree.
 *
 * @param model           the alias the caller asked for
 * @param stream          whether the caller wants server-sent events
 * @param includeUsage    whether the caller asked for {@code stream_options.include_usage}
 * @param maxOutputTokens the output cap: {@code max_completion_tokens}, else {@code max_tokens}, else one the
 *                        gateway imposed ({@link #withOutputCap}), else null
 * @param user            the {@code user} field, or null
 * @param nativeAnthropic the caller's own Anthropic request when it came in through the Anthropic front: an
 *                        Anthropic back end then sends it on as it is (model replaced) instead of translating twice
 * @param traits          what the request needs from a model, read once from {@code body}
 * @param nativeHeaders   caller headers that go on with {@code nativeAnthropic} to an Anthropic back end (its
 *                        {@code anthropic-beta} list), lower-case names; empty otherwise
 * @param sent            the caller's OpenAI-format body as it arrived (the bytes {@code body} was read from, with
 *                        where their top-level members are), so that an OpenAI-format codec can send it on without
 *                        serialising {@code body} again; null when the gateway built or changed the request
 */
public record ChatRequest(String model, boolean stream, boolean includeUsage, Integer maxOutputTokens,
                          String user, ObjectNode body, ObjectNode nativeAnthropic, RequestTraits traits,
                          Map<String, String> nativeHeaders, JsonMembers sent) {

    public ChatRequest {
        if (traits == null) {
            traits = RequestTraits.of(body);
        }
        nativeHeaders = nativeHeaders == null ? Map.of() : Map.copyOf(nativeHeaders);
    }

    /** A request the gateway built or changed (no caller's bytes to send on). */
    public ChatRequest(String model, boolean stream, boolean includeUsage, Integer maxOutputTokens, String user,
                       ObjectNode body, ObjectNode nativeAnthropic, RequestTraits traits,
                       Map<String, String> nativeHeaders) {
        this(model, stream, includeUsage, maxOutputTokens, user, body, nativeAnthropic, traits, nativeHeaders, null);
    }

    /** A request with these traits and no native headers. */
    public ChatRequest(String model, boolean stream, boolean includeUsage, Integer maxOutputTokens, String user,
                       ObjectNode body, ObjectNode nativeAnthropic, RequestTraits traits) {
        this(model, stream, includeUsage, maxOutputTokens, user, body, nativeAnthropic, traits, Map.of());
    }

    /** A request with its traits read from {@code body}. */
    public ChatRequest(String model, boolean stream, boolean includeUsage, Integer maxOutputTokens, String user,
                       ObjectNode body, ObjectNode nativeAnthropic) {
        this(model, stream, includeUsage, maxOutputTokens, user, body, nativeAnthropic, null);
    }

    /** A request from an OpenAI-format caller. */
    public ChatRequest(String model, boolean stream, boolean includeUsage, Integer maxOutputTokens, String user,
                       ObjectNode body) {
        this(model, stream, includeUsage, maxOutputTokens, user, body, null, null);
    }

    /** The same request with an output cap the caller did not set (codecs write it into what they send). */
    public ChatRequest withOutputCap(int cap) {
        return new ChatRequest(model, stream, includeUsage, cap, user, body, nativeAnthropic, traits, nativeHeaders);
    }

    /** The same request as an Anthropic caller sent it ({@code original}, passed on natively where it can be). */
    public ChatRequest withNativeAnthropic(ObjectNode original) {
        return new ChatRequest(model, stream, includeUsage, maxOutputTokens, user, body, original, traits,
                nativeHeaders);
    }

    /** The same request with the caller headers that go on with its native body. */
    public ChatRequest withNativeHeaders(Map<String, String> headers) {
        return new ChatRequest(model, stream, includeUsage, maxOutputTokens, user, body, nativeAnthropic, traits,
                headers, sent);
    }
}
