package dev.freeport.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.json.Json;
import dev.freeport.json.JsonBytes;
import dev.freeport.json.JsonMembers;

import java.util.Map;
import java.util.Objects;

/**
 * An OpenAI-format chat completion request, validated, and immutable: {@link #body()} is the caller's JSON exactly
 * as decoded (unknown fields included, so they pass through to OpenAI-compatible upstreams) and no one writes to it
 * after decoding — codecs copy it ({@code body.deepCopy()}) and apply the typed fields (the model, the output cap) to
 * their copy. A change the gateway makes to what goes upstream is a new request from a {@code with...} method, never
 * an edit of the tree.
 *
 * <p>A request read by the OpenAI decoder's one pass ({@link #scanned}) has no tree yet: what the flow needs (the
 * typed fields, the traits, the prompt's digest and token bound) was read from the bytes, and the tree is parsed
 * from those bytes the first time a step asks for {@link #body()} (guardrails, the cache, a translation, the tree
 * path of a codec), at most once.
 *
 * <p>Components: {@code model} the alias the caller asked for; {@code stream} whether the caller wants server-sent
 * events; {@code includeUsage} whether the caller asked for {@code stream_options.include_usage};
 * {@code maxOutputTokens} the output cap ({@code max_completion_tokens}, else {@code max_tokens}, else one the
 * gateway imposed ({@link #withOutputCap}), else null); {@code user} the {@code user} field or null;
 * {@code nativeAnthropic} the caller's own Anthropic request when it came in through the Anthropic front (an
 * Anthropic back end then sends it on as it is, model replaced); {@code traits} what the request needs from a model,
 * read once; {@code nativeHeaders} caller headers that go on with {@code nativeAnthropic} to an Anthropic back end
 * (lower-case names); {@code sent} the caller's OpenAI-format body as it arrived with where its top-level members
 * are, so that an OpenAI-format codec can send it on without serialising a tree, or null when the gateway built or
 * changed the request.
 */
public final class ChatRequest {
    private final String model;
    private final boolean stream;
    private final boolean includeUsage;
    private final Integer maxOutputTokens;
    private final String user;
    private final ObjectNode nativeAnthropic;
    private final RequestTraits traits;
    private final Map<String, String> nativeHeaders;
    private final JsonMembers sent;
    /** the bytes the tree is parsed from on first use; null once parsed or when built from a tree */
    private final JsonBytes source;
    private final PromptDigest digest;
    private final int promptBound;
    private volatile ObjectNode body;

    private ChatRequest(String model, boolean stream, boolean includeUsage, Integer maxOutputTokens, String user,
                        ObjectNode body, JsonBytes source, ObjectNode nativeAnthropic, RequestTraits traits,
                        Map<String, String> nativeHeaders, JsonMembers sent, PromptDigest digest, int promptBound) {
        this.model = model;
        this.stream = stream;
        this.includeUsage = includeUsage;
        this.maxOutputTokens = maxOutputTokens;
        this.user = user;
        this.body = body;
        this.source = source;
        this.nativeAnthropic = nativeAnthropic;
        this.traits = traits != null ? traits : RequestTraits.of(body);
        this.nativeHeaders = nativeHeaders == null ? Map.of() : Map.copyOf(nativeHeaders);
        this.sent = sent;
        this.digest = digest;
        this.promptBound = promptBound;
    }

    /** A request with its tree, and the caller's bytes it was read from ({@code sent}, null if none). */
    public ChatRequest(String model, boolean stream, boolean includeUsage, Integer maxOutputTokens, String user,
                       ObjectNode body, ObjectNode nativeAnthropic, RequestTraits traits,
                       Map<String, String> nativeHeaders, JsonMembers sent) {
        this(model, stream, includeUsage, maxOutputTokens, user, Objects.requireNonNull(body, "body"), null,
                nativeAnthropic, traits, nativeHeaders, sent, null, -1);
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

    /**
     * A request read and validated in one pass over the caller's bytes ({@code source}, which must be one JSON object
     * the tree parser accepts): its tree is parsed from them when first asked for. {@code digest} may be null (the
     * ledger's fingerprint then walks the tree), {@code promptBound} -1 (the token bound is then counted on the tree).
     */
    public static ChatRequest scanned(String model, boolean stream, boolean includeUsage, Integer maxOutputTokens,
                                      String user, JsonBytes source, JsonMembers sent, RequestTraits traits,
                                      PromptDigest digest, int promptBound) {
        return new ChatRequest(model, stream, includeUsage, maxOutputTokens, user, null,
                Objects.requireNonNull(source, "source"), null, Objects.requireNonNull(traits, "traits"), Map.of(),
                sent, digest, promptBound);
    }

    public String model() {
        return model;
    }

    public boolean stream() {
        return stream;
    }

    public boolean includeUsage() {
        return includeUsage;
    }

    public Integer maxOutputTokens() {
        return maxOutputTokens;
    }

    public String user() {
        return user;
    }

    /** The request's tree: parsed from the caller's bytes on the first call when the request was {@link #scanned}. */
    public ObjectNode body() {
        ObjectNode b = body;
        if (b == null) {
            synchronized (this) { // a step on a worker (guardrails) and the event loop see one tree
                b = body;
                if (b == null) {
                    b = Json.parseObject(source); // accepted by the same parser once already: does not fail
                    body = b;
                }
            }
        }
        return b;
    }

    /** Whether the tree exists yet (a scanned request's tree is parsed only when a step asks for it). */
    public boolean hasTree() {
        return body != null;
    }

    public ObjectNode nativeAnthropic() {
        return nativeAnthropic;
    }

    public RequestTraits traits() {
        return traits;
    }

    public Map<String, String> nativeHeaders() {
        return nativeHeaders;
    }

    public JsonMembers sent() {
        return sent;
    }

    /** The prompt's hashes and counts read with the request, or null (then read them from {@link #body()}). */
    public PromptDigest digest() {
        return digest;
    }

    /** The prompt's token bound read with the request ({@code TokenCounter.promptUpperBound}), or -1. */
    public int promptBound() {
        return promptBound;
    }

    /** The same request with an output cap the caller did not set (codecs write it into what they send). */
    public ChatRequest withOutputCap(int cap) {
        return new ChatRequest(model, stream, includeUsage, cap, user, body(), nativeAnthropic, traits, nativeHeaders);
    }

    /**
     * The same request as an Anthropic caller sent it ({@code original}, passed on natively where it can be); the
     * digest and token bound read with it stay (its tree is the same).
     */
    public ChatRequest withNativeAnthropic(ObjectNode original) {
        return new ChatRequest(model, stream, includeUsage, maxOutputTokens, user, body(), null, original, traits,
                nativeHeaders, null, digest, promptBound);
    }

    /** The same request with the caller headers that go on with its native body. */
    public ChatRequest withNativeHeaders(Map<String, String> headers) {
        return new ChatRequest(model, stream, includeUsage, maxOutputTokens, user, body, source, nativeAnthropic,
                traits, headers, sent, digest, promptBound);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChatRequest r && Objects.equals(model, r.model) && stream == r.stream
                && includeUsage == r.includeUsage && Objects.equals(maxOutputTokens, r.maxOutputTokens)
                && Objects.equals(user, r.user) && body().equals(r.body())
                && Objects.equals(nativeAnthropic, r.nativeAnthropic) && traits.equals(r.traits)
                && nativeHeaders.equals(r.nativeHeaders);
    }

    @Override
    public int hashCode() {
        return Objects.hash(model, stream, includeUsage, maxOutputTokens, user, traits);
    }

    @Override
    public String toString() {
        return "ChatRequest[model=" + model + ", stream=" + stream + ", includeUsage=" + includeUsage
                + ", maxOutputTokens=" + maxOutputTokens + ", traits=" + traits + "]";
    }
}
