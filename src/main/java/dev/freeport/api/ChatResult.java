package dev.freeport.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.json.Json;
import dev.freeport.json.JsonBytes;

import java.io.IOException;
import java.util.Objects;

/**
 * A complete (non-streaming) answer in OpenAI chat.completion format, with its usage and the first choice's
 * finish reason (null if none). Either a tree (translated from another dialect), or the bytes an OpenAI-format
 * upstream sent, read without a tree and relayed as they are unless a front needs the tree: {@link #body} parses
 * them on first use, after which the tree is the answer and {@link #bytes} is null.
 */
public final class ChatResult {
    private ObjectNode body;
    private JsonBytes json;
    private final Usage usage;
    private final String finishReason;
    private final ObjectNode nativeAnthropic;
    private ChunkFacts.Span model;
    /** whether {@link #json}'s array is this answer's alone (gathered for it): it may be edited in place */
    private boolean own;

    /**
     * An answer; {@code nativeAnthropic} is the upstream's own Anthropic message when the request was passed
     * through natively, so the Anthropic front can return it untouched.
     */
    public ChatResult(ObjectNode body, Usage usage, String finishReason, ObjectNode nativeAnthropic) {
        this.body = body;
        this.usage = usage;
        this.finishReason = finishReason;
        this.nativeAnthropic = nativeAnthropic;
    }

    public ChatResult(ObjectNode body, Usage usage, String finishReason) {
        this(body, usage, finishReason, null);
    }

    private ChatResult(JsonBytes json, Usage usage, String finishReason) {
        this((ObjectNode) null, usage, finishReason, null);
        this.json = json;
    }

    /**
     * An answer as an OpenAI-format upstream sent it (one JSON object, already read for its usage), with where its
     * top-level model string sits in the bytes (null when it has none).
     */
    public static ChatResult ofBytes(byte[] json, Usage usage, String finishReason, ChunkFacts.Span model) {
        return ofBytes(JsonBytes.of(json), usage, finishReason, model);
    }

    /**
     * An answer as an OpenAI-format upstream sent it, read in place in the buffer it arrived in; {@code model} is in
     * the array's indices.
     */
    public static ChatResult ofBytes(JsonBytes json, Usage usage, String finishReason, ChunkFacts.Span model) {
        return ofBytes(json, usage, finishReason, model, false);
    }

    /**
     * As {@link #ofBytes(JsonBytes, Usage, String, ChunkFacts.Span)}; {@code own} when the array was gathered for
     * this answer and nothing else holds it, so that a front may edit it in place ({@link #edited}).
     */
    public static ChatResult ofBytes(JsonBytes json, Usage usage, String finishReason, ChunkFacts.Span model,
                                     boolean own) {
        ChatResult r = new ChatResult(json, usage, finishReason);
        r.model = model;
        r.own = own;
        return r;
    }

    /** Whether the bytes ({@link #raw}) are this answer's alone and may be edited in place. */
    public boolean ownsBytes() {
        return own && json != null;
    }

    /**
     * After its own bytes were edited in place: where the answer now ends in the same array, and its model string.
     * Everything that reads the answer afterwards reads the edited bytes.
     */
    public void edited(JsonBytes now, ChunkFacts.Span model) {
        if (!ownsBytes() || now.array() != json.array()) {
            throw new IllegalStateException("only an answer's own bytes are edited in place");
        }
        this.json = now;
        this.model = model;
    }

    /** Where the model string sits in {@link #raw}'s array (quotes included), or null. */
    public ChunkFacts.Span modelSpan() {
        return json == null ? null : model;
    }

    /** The answer's tree (parsed now if it came as bytes). */
    public ObjectNode body() {
        if (body == null) {
            try {
                body = (ObjectNode) Json.MAPPER.readTree(json.array(), json.from(), json.length());
            } catch (IOException | ClassCastException e) {
                throw new IllegalStateException("an answer read as an object did not parse", e);
            }
            json = null;
        }
        return body;
    }

    /** The bytes as the upstream sent them (an array of their own), while nobody asked for the tree; else null. */
    public byte[] bytes() {
        if (json == null) {
            return null;
        }
        // bytes of its own may still be edited in place: never handed out as they are
        return own ? java.util.Arrays.copyOfRange(json.array(), json.from(), json.to()) : json.toArray();
    }

    /** The bytes as the upstream sent them, in place, while nobody asked for the tree; else null. */
    public JsonBytes raw() {
        return json;
    }

    public Usage usage() {
        return usage;
    }

    public String finishReason() {
        return finishReason;
    }

    public ObjectNode nativeAnthropic() {
        return nativeAnthropic;
    }

    /** The same answer as an Anthropic upstream's own message too. */
    public ChatResult withNativeAnthropic(ObjectNode message) {
        return new ChatResult(body(), usage, finishReason, message);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChatResult r && body().equals(r.body()) && Objects.equals(usage, r.usage)
                && Objects.equals(finishReason, r.finishReason) && Objects.equals(nativeAnthropic, r.nativeAnthropic);
    }

    @Override
    public int hashCode() {
        return Objects.hash(body(), usage, finishReason, nativeAnthropic);
    }

    @Override
    public String toString() {
        return "ChatResult[usage=" + usage + ", finishReason=" + finishReason + ", body="
                + (json != null ? new String(json.array(), json.from(), json.length(),
                java.nio.charset.StandardCharsets.UTF_8) : body) + "]";
    }
}
