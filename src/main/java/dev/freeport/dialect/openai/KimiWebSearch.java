package dev.freeport.dialect.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.ChunkFacts;
import dev.freeport.api.Usage;
import dev.freeport.json.Json;
import dev.freeport.provider.StreamItem;
import dev.freeport.provider.http.SseEvent;
import dev.freeport.provider.http.StreamDecoder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Moonshot's (Kimi's) built-in {@code $web_search} tool, billed per call. The vendor's tools pricing page
 * (platform.kimi.com/docs/pricing/tools, read 2026-12-05): a search is charged once for each answer that ends with
 * {@code finish_reason = "tool_calls"} and carries a tool call whose {@code function.name} is {@code $web_search};
 * an answer that ends with {@code stop} is not charged; the client's echo of the arguments (a {@code role: tool}
 * message in the next request) pays only its tokens (the search results count as prompt tokens there). So the
 * calls are counted on the answer that asks for them, as {@link Usage#serverToolCalls} {@code web_search → n}
 * (one per such tool call), where the catalog's per-call fee prices them.
 *
 * <p>Answers without the tool's name in their bytes cost one byte search; only those that have it are parsed.
 */
public final class KimiWebSearch {
    /** The tool's name on the wire. */
    public static final String TOOL = "$web_search";
    /** The catalog's name of the fee ({@code rules.serverTools}). */
    public static final String FEE = "web_search";
    private static final byte[] NEEDLE = "web_search".getBytes(StandardCharsets.US_ASCII);

    private KimiWebSearch() {
    }

    /** The usage of a non-streamed answer with its billed {@code $web_search} calls added. */
    public static Usage answer(byte[] body, Usage usage) {
        if (body == null || !contains(body)) {
            return usage;
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return usage;
        }
        return answer(root, usage);
    }

    /** As {@link #answer(byte[], Usage)} on a parsed answer. */
    public static Usage answer(JsonNode root, Usage usage) {
        long n = 0;
        for (JsonNode choice : root.path("choices")) {
            if ("tool_calls".equals(choice.path("finish_reason").asText(null))) {
                n += named(choice.path("message").path("tool_calls"));
            }
        }
        return withCalls(usage, n);
    }

    /** A stream decoder that adds the stream's billed {@code $web_search} calls to the usage it reports. */
    public static StreamDecoder counting(StreamDecoder inner) {
        return new Counting(inner);
    }

    /** {@code u} with {@code n} more calls; an answer without usage gets a usage of no tokens that carries them. */
    static Usage withCalls(Usage u, long n) {
        if (n <= 0) {
            return u;
        }
        u = u == null ? Usage.NONE : u;
        Map<String, Long> calls = new HashMap<>(u.serverToolCalls());
        calls.merge(FEE, n, Long::sum);
        return new Usage(u.inputTokens(), u.outputTokens(), u.cachedInputTokens(), u.cacheCreationTokens(),
                u.reasoningTokens(), u.estimated(), u.cacheWrite1hTokens(), calls);
    }

    private static long named(JsonNode toolCalls) {
        long n = 0;
        for (JsonNode call : toolCalls) {
            if (TOOL.equals(call.path("function").path("name").asText(null))) {
                n++;
            }
        }
        return n;
    }

    static boolean contains(byte[] b) {
        return contains(b, 0, b.length);
    }

    /** Whether {@code b[from, to)} has the tool's name (unescaped) in it. */
    static boolean contains(byte[] b, int from, int to) {
        outer:
        for (int i = from, last = to - NEEDLE.length; i <= last; i++) {
            for (int j = 0; j < NEEDLE.length; j++) {
                if (b[i + j] != NEEDLE[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * Watches the chunks an OpenAI-dialect decoder emits: a tool call's name comes in its first delta, the finish
     * reason in the last content chunk, the usage after both (Moonshot's inside the finish chunk's choice, which the
     * inner decoder turns into a standard usage chunk at the end). The usage chunk is re-emitted with the calls; a
     * stream that reported no usage at all ends with the calls on its end ({@link StreamItem.End#billed}), so the
     * estimate made for it keeps the fee. A chunk is looked at in the upstream's read (no copy); only one with the
     * tool's name in its bytes is parsed.
     */
    private static final class Counting implements StreamDecoder {
        private StreamDecoder inner;
        private long calls;
        private boolean toolCallsFinish;
        private boolean sawUsage;
        /** the last sink handed in and the watching sink made for it (the stream hands in the same one each time) */
        private Consumer<StreamItem> out;
        private Consumer<StreamItem> watching;

        Counting(StreamDecoder inner) {
            this.inner = inner;
        }

        @Override
        public void onEvent(SseEvent event, Consumer<StreamItem> out) {
            inner.onEvent(event, watching(out));
        }

        @Override
        public void onClose(Consumer<StreamItem> out) {
            inner.onClose(watching(out));
        }

        /** The inner decoder's chunks and facts reused too: a chunk this passes on is the one it got, or a new one
         * with facts of its own ({@link #with}). */
        @Override
        public StreamDecoder reusingChunks() {
            inner = inner.reusingChunks();
            return this;
        }

        private Consumer<StreamItem> watching(Consumer<StreamItem> sink) {
            if (sink != out) {
                out = sink;
                watching = item -> sink.accept(watch(item));
            }
            return watching;
        }

        private StreamItem watch(StreamItem item) {
            if (item instanceof StreamItem.End end) {
                return billable() && !sawUsage && end.billed() == null
                        ? new StreamItem.End(withCalls(null, calls)) : end;
            }
            if (!(item instanceof StreamItem.Chunk c)) {
                return item;
            }
            byte[] bytes = c.array();
            ChunkFacts facts = c.facts();
            if (bytes != null && facts != null) {
                int from = c.offset();
                int to = from + c.length();
                if (contains(bytes, from, to)) {
                    try {
                        // a tree of its own: the chunk still relays as bytes
                        observe(Json.MAPPER.readTree(bytes, from, to - from));
                    } catch (IOException e) {
                        // scanned as one object before; cannot happen
                    }
                } else if ("tool_calls".equals(facts.finishReason())) {
                    toolCallsFinish = true;
                }
                sawUsage |= facts.usage() != null;
                return billable() && facts.usage() != null
                        ? StreamItem.Chunk.ofBytes(bytes, from, to - from, with(facts)) : item;
            }
            ObjectNode tree = c.chunk();
            observe(tree);
            JsonNode usage = tree.get("usage");
            sawUsage |= usage != null && usage.isObject();
            if (!billable() || usage == null || !usage.isObject()) {
                return item;
            }
            byte[] written;
            try {
                written = Json.MAPPER.writeValueAsBytes(tree);
            } catch (IOException e) {
                return item;
            }
            ChunkFacts scanned = ChunkScan.scan(written);
            return scanned == ChunkScan.FALLBACK || scanned.usage() == null ? item
                    : StreamItem.Chunk.ofBytes(written, with(scanned));
        }

        private void observe(JsonNode chunk) {
            for (JsonNode choice : chunk.path("choices")) {
                calls += named(choice.path("delta").path("tool_calls"));
                if ("tool_calls".equals(choice.path("finish_reason").asText(null))) {
                    toolCallsFinish = true;
                }
            }
        }

        private boolean billable() {
            return calls > 0 && toolCallsFinish;
        }

        private ChunkFacts with(ChunkFacts f) {
            return new ChunkFacts(withCalls(f.usage(), calls), f.finishReason(), f.text(), f.hasChoices(),
                    f.nullUsageStart(), f.nullUsageEnd(), f.model());
        }
    }
}
