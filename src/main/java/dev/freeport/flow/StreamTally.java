package dev.freeport.flow;

import dev.freeport.provider.StreamItem;
import dev.freeport.api.ChunkFacts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.Usage;

/**
 * Watches the chunks of one stream: the usage the upstream reported (if any), the finish reason, and the text it
 * produced, so a stream that breaks before its usage arrives can still be counted ("the tokens seen"). The text is
 * kept as the escaped bytes it came as and decoded only when asked ({@link #text}): when the upstream reported no
 * usage, or a watcher or tap wants it.
 */
final class StreamTally {
    private final dev.freeport.json.EscapedText text = new dev.freeport.json.EscapedText();
    private Usage reported;
    private String finishReason;
    private int chunks;
    /** adds the chunks up to the answer the response cache keeps; null unless the cache wants this answer */
    private dev.freeport.dialect.openai.Completions.Assembler kept;

    /** One chunk: from the facts read off its bytes, else from its tree. */
    void observe(StreamItem.Chunk chunk) {
        if (kept != null) {
            keep(chunk);
        }
        ChunkFacts facts = chunk.facts();
        if (facts == null || chunk.array() == null) { // a tree, or its tree was taken (and may have changed)
            observe(chunk.chunk());
            return;
        }
        chunks++;
        if (facts.usage() != null) {
            reported = facts.usage();
        }
        int pieces = facts.textLength();
        byte[] bytes = chunk.array();
        int at = chunk.offset();
        for (int i = 0; i < pieces; i += 2) {
            text.appendEscaped(bytes, at + facts.textAt(i), at + facts.textAt(i + 1));
        }
        if (facts.finishReason() != null) {
            finishReason = facts.finishReason();
        }
    }

    void observe(ObjectNode chunk) {
        chunks++;
        JsonNode usage = chunk.get("usage");
        if (usage != null && usage.isObject()) {
            reported = Usages.fromOpenAi(usage);
        }
        JsonNode choices = chunk.get("choices");
        if (choices == null || !choices.isArray()) {
            return;
        }
        for (JsonNode choice : choices) {
            JsonNode delta = choice.get("delta");
            if (delta != null) {
                append(delta.get("content"));
                append(delta.get("reasoning_content"));
                JsonNode calls = delta.get("tool_calls");
                if (calls != null && calls.isArray()) {
                    for (JsonNode call : calls) {
                        JsonNode fn = call.get("function");
                        if (fn != null) {
                            append(fn.get("name"));
                            append(fn.get("arguments"));
                        }
                    }
                }
            }
            JsonNode fr = choice.get("finish_reason");
            if (fr != null && fr.isTextual()) {
                finishReason = fr.textValue();
            }
        }
    }

    private void append(JsonNode n) {
        if (n != null && n.isTextual()) {
            text.append(n.textValue());
        }
    }

    /** From now on, adds the chunks up to the answer they make ({@link #kept}), for the response cache. */
    void keepAnswer() {
        kept = new dev.freeport.dialect.openai.Completions.Assembler();
    }

    /** The chunks added up (after {@link #keepAnswer}), or null. */
    dev.freeport.dialect.openai.Completions.Assembler kept() {
        return kept;
    }

    /** A byte chunk is read into a tree of its own, so the chunk itself is still relayed as bytes. */
    private void keep(StreamItem.Chunk chunk) {
        byte[] bytes = chunk.bytes();
        try {
            kept.add(bytes != null ? dev.freeport.json.Json.MAPPER.readTree(bytes) : chunk.chunk());
        } catch (java.io.IOException e) {
            kept = null; // not an answer to keep
        }
    }

    /**
     * What the upstream bills that no chunk reported ({@link StreamItem.End#billed}): the usage when the stream
     * reported none, so an estimate keeps its server-tool calls.
     */
    void billed(Usage billed) {
        if (reported == null) {
            reported = billed;
        }
    }

    /** The upstream's usage, or null if it sent none. */
    Usage reported() {
        return reported;
    }

    String text() {
        return text.toString();
    }

    String finishReason() {
        return finishReason;
    }

    int chunks() {
        return chunks;
    }
}
