package dev.freeport.provider;

import dev.freeport.api.ChunkFacts;
import dev.freeport.json.Json;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a chat stream delivers, already translated to OpenAI's chat.completion.chunk format whatever the
 * upstream dialect. A usage report is an ordinary chunk with {@code "choices":[]} and a {@code "usage"} object,
 * exactly as OpenAI sends it with {@code stream_options.include_usage}.
 */
public sealed interface StreamItem {

    /**
     * One OpenAI-format chunk: a tree (translated from another dialect), or the bytes an OpenAI-format upstream sent
     * with the facts read from them, relayed as they are unless a front must change them. The tree of a byte chunk
     * is parsed on first use; from then on the tree is the chunk (whoever holds it may change it) and
     * {@link #bytes} is null.
     */
    final class Chunk implements StreamItem {
        private byte[] json;
        private int offset;
        private int length;
        private ObjectNode tree;
        private ChunkFacts facts;
        /** whether this object is handed out again for the stream's next chunk ({@link #reusable}) */
        private final boolean reused;

        public Chunk(ObjectNode tree) {
            this.tree = tree;
            this.facts = null;
            this.reused = false;
        }

        private Chunk(byte[] json, int offset, int length, ChunkFacts facts, ObjectNode tree, boolean reused) {
            this.json = json;
            this.offset = offset;
            this.length = length;
            this.facts = facts;
            this.tree = tree;
            this.reused = reused;
        }

        private Chunk(byte[] json, int offset, int length, ChunkFacts facts) {
            this(json, offset, length, facts, null, false);
        }

        /**
         * A chunk object a stream's decoder hands out for each of its byte chunks in turn ({@link #reset}): valid
         * during the sink's call only, so a chunk costs no object of its own; whoever keeps one keeps {@link #held}.
         */
        public static Chunk reusable() {
            return new Chunk(null, 0, 0, null, null, true);
        }

        /** This reusable chunk made the next one: {@code json[offset, offset + length)} and what it says. */
        public Chunk reset(byte[] json, int offset, int length, ChunkFacts facts) {
            if (!reused) {
                throw new IllegalStateException("not a reusable chunk");
            }
            this.json = json;
            this.offset = offset;
            this.length = length;
            this.facts = facts;
            this.tree = null;
            return this;
        }

        /**
         * This chunk as one that stays valid after the call: itself, or a copy of a reusable one, with its bytes
         * copied out of the read they are a slice of (a stream's parser reuses its array for the next read:
         * {@code SseParser#reusing}) and its facts held too (a reusing decoder reuses them as well,
         * {@link ChunkFacts#held}).
         */
        public Chunk held() {
            if (!reused) {
                return this;
            }
            byte[] own = json == null ? null : java.util.Arrays.copyOfRange(json, offset, offset + length);
            return new Chunk(own, 0, length, facts == null ? null : facts.held(), tree, false);
        }

        /** A chunk as an upstream sent it (the JSON of one SSE data field) and what it says. */
        public static Chunk ofBytes(byte[] json, ChunkFacts facts) {
            return new Chunk(json, 0, json.length, facts);
        }

        /**
         * A chunk that is {@code json[offset, offset + length)} (a slice of the upstream's read, which must not change
         * afterwards), and what it says (positions counted from {@code offset}).
         */
        public static Chunk ofBytes(byte[] json, int offset, int length, ChunkFacts facts) {
            return new Chunk(json, offset, length, facts);
        }

        /** The chunk's tree (parsed now if it came as bytes). */
        public ObjectNode chunk() {
            if (tree == null) {
                try {
                    tree = (ObjectNode) Json.MAPPER.readTree(json, offset, length);
                } catch (java.io.IOException | ClassCastException e) {
                    throw new IllegalStateException("a chunk scanned as an object did not parse", e);
                }
                json = null;
            }
            return tree;
        }

        /** The bytes as the upstream sent them (copied out of a larger read if need be), while nobody asked for the
         * tree; else null. */
        public byte[] bytes() {
            if (json != null && (offset != 0 || length != json.length)) {
                json = java.util.Arrays.copyOfRange(json, offset, offset + length);
                offset = 0;
            }
            return json;
        }

        /** The array that holds the bytes (see {@link #offset}, {@link #length}), or null once the tree is the chunk. */
        public byte[] array() {
            return json;
        }

        /** Where the bytes start in {@link #array}. */
        public int offset() {
            return offset;
        }

        /** How many bytes the chunk has in {@link #array}. */
        public int length() {
            return length;
        }

        /** What the chunk says, when it came as bytes (read then); null for a tree. */
        public ChunkFacts facts() {
            return facts;
        }
    }

    /**
     * One server-sent event exactly as an upstream sent it, for a caller of the same API (Anthropic to Anthropic)
     * who gets the upstream's bytes untouched. Always followed by the same event translated into Chunks (for
     * usage accounting and for callers of other APIs, who ignore Native items).
     */
    record Native(io.vertx.core.buffer.Buffer frame) implements StreamItem {
    }

    /**
     * The upstream finished cleanly (OpenAI's {@code [DONE]}, Anthropic's message_stop, ...).
     *
     * @param billed what the upstream bills for the answer that no chunk reported, counted into the request's usage
     *               and never written to the caller (Moonshot's {@code $web_search} calls in a stream that sent no
     *               usage: a usage of no tokens that carries them); null when there is none
     */
    record End(dev.freeport.api.Usage billed) implements StreamItem {
    }

    /** The stream broke: reset, idle timeout, in-band error. Always the last item. */
    record Failed(UpstreamFailure failure) implements StreamItem {
    }

    End END = new End(null);
}
