package dev.freeport.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.ChunkFacts;
import dev.freeport.api.Usage;
import dev.freeport.dialect.openai.OpenAiUsage;
import dev.freeport.json.Json;
import dev.freeport.provider.ChunkStream;
import dev.freeport.provider.StreamItem;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.TreeMap;

/**
 * Reads a started shadow stream to its end and assembles what it said as one chat completion: the content, the tool
 * calls (their argument fragments joined by index), the finish reason and the reported usage. Completes when the
 * stream ends, fails when it breaks.
 */
final class StreamCollector {
    /** The assembled answer and its usage (null when the upstream reported none). */
    record Collected(ObjectNode body, Usage usage, String finishReason) {
    }

    private final StringBuilder content = new StringBuilder();
    private final TreeMap<Integer, ObjectNode> calls = new TreeMap<>();
    private final Promise<Collected> done = Promise.promise();
    private Usage usage;
    private String finishReason;

    private StreamCollector() {
    }

    static Future<Collected> collect(ChunkStream stream) {
        StreamCollector c = new StreamCollector();
        stream.handler(item -> {
            switch (item) {
                case StreamItem.Chunk chunk -> c.add(chunk);
                case StreamItem.End end -> {
                    if (c.usage == null) {
                        c.usage = end.billed(); // what the upstream bills that no chunk reported (Kimi's searches)
                    }
                    c.done.tryComplete(c.result());
                }
                case StreamItem.Failed failed -> c.done.tryFail(failed.failure().toException());
                case StreamItem.Native ignored -> { }
            }
        });
        return c.done.future();
    }

    /** A chunk read from its bytes carries its usage in its facts, with any billed fees (Kimi's searches) added. */
    private void add(StreamItem.Chunk chunk) {
        ChunkFacts facts = chunk.facts();
        add(chunk.chunk());
        if (facts != null && facts.usage() != null) {
            usage = facts.usage();
        }
    }

    private void add(ObjectNode chunk) {
        JsonNode u = chunk.get("usage");
        if (u != null && u.isObject()) {
            usage = OpenAiUsage.from(u);
        }
        for (JsonNode choice : chunk.path("choices")) {
            JsonNode delta = choice.path("delta");
            if (delta.path("content").isTextual()) {
                content.append(delta.path("content").textValue());
            }
            for (JsonNode call : delta.path("tool_calls")) {
                ObjectNode c = calls.computeIfAbsent(call.path("index").asInt(calls.size()), i -> {
                    ObjectNode n = Json.NODES.objectNode().put("type", "function");
                    n.putObject("function").put("name", "").put("arguments", "");
                    return n;
                });
                if (call.path("id").isTextual()) {
                    c.put("id", call.path("id").textValue());
                }
                ObjectNode fn = (ObjectNode) c.path("function");
                JsonNode f = call.path("function");
                if (f.path("name").isTextual()) {
                    fn.put("name", fn.path("name").asText() + f.path("name").textValue());
                }
                if (f.path("arguments").isTextual()) {
                    fn.put("arguments", fn.path("arguments").asText() + f.path("arguments").textValue());
                }
            }
            if (choice.path("finish_reason").isTextual()) {
                finishReason = choice.path("finish_reason").textValue();
            }
        }
    }

    private Collected result() {
        ObjectNode body = Json.NODES.objectNode().put("object", "chat.completion");
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant").put("content", content.toString());
        if (!calls.isEmpty()) {
            ArrayNode arr = message.putArray("tool_calls");
            calls.values().forEach(arr::add);
        }
        choice.put("finish_reason", finishReason);
        return new Collected(body, usage, finishReason);
    }
}
