package dev.freeport.dialect.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.Usage;
import dev.freeport.dialect.openai.OpenAiUsage;
import dev.freeport.error.GatewayError;
import dev.freeport.json.Json;
import dev.freeport.tokens.TokenCounter;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenAI chat.completion.chunk stream → Anthropic Messages SSE events; one encoder per stream, not thread-safe.
 *
 * <p>The first chunk opens the message ({@code message_start}, empty content). Deltas open one content block at a
 * time, closing the previous one when the kind changes: {@code reasoning_content}/{@code reasoning} → a thinking
 * block (thinking_delta; its signature stays empty and no signature_delta is sent: only Anthropic can sign),
 * {@code content} → a text block (text_delta), each OpenAI tool-call index (or a new call id at the same index)
 * → a tool_use block with its id, name and {@code input:{}}, then one input_json_delta per OpenAI arguments
 * fragment, forwarded as it arrives (never buffered, never merged). Indexes count blocks in order. A fragment for
 * an earlier tool call, after another block opened (no host is known to interleave), goes to that call's index.
 *
 * <p>Usage compromise: OpenAI reports usage only at the end, Anthropic's message_start carries the input tokens.
 * message_start gets the caller's estimate ({@code inputTokensHint}, e.g. {@link TokenCounter#countPrompt}), and
 * the final message_delta carries the upstream's real counts (input, output, cache read/creation), which Anthropic
 * SDKs take as the final usage. With no usage chunk, message_delta carries the hint and a count of the streamed
 * text. The finish_reason chunk sets stop_reason (tool_use whenever a tool block was sent).
 */
public final class MessagesStreamEncoder {
    private static final Buffer PING = Buffer.buffer("event: ping\ndata: {\"type\": \"ping\"}\n\n");

    private enum Kind { TEXT, THINKING, TOOL }

    private record ToolBlock(int index, String id) {
    }

    private final String model;
    private final long inputTokensHint;
    private final Map<Integer, ToolBlock> tools = new HashMap<>();
    private final StringBuilder seen = new StringBuilder();
    private String id;
    private boolean started;
    private boolean ended;
    private Kind open;
    private int openIndex = -1;
    private int nextIndex;
    private String finishReason;
    private String matchedStop;
    private Usage reported;

    /** @param requestedModel the alias the caller asked for (reported as the message's model) */
    public MessagesStreamEncoder(String requestedModel) {
        this(requestedModel, 0);
    }

    /**
     * @param requestedModel  the alias the caller asked for
     * @param inputTokensHint the prompt estimate to put in message_start (0 if unknown)
     */
    public MessagesStreamEncoder(String requestedModel, long inputTokensHint) {
        this.model = requestedModel;
        this.inputTokensHint = Math.max(0, inputTokensHint);
    }

    /** A keep-alive: {@code event: ping}. */
    public static Buffer ping() {
        return PING.copy();
    }

    /** Whether message_start was sent (after it, errors must be SSE error events, not HTTP errors). */
    public boolean started() {
        return started;
    }

    /** The events for one OpenAI chunk (possibly none). */
    public List<Buffer> onChunk(ObjectNode chunk) {
        List<Buffer> out = new ArrayList<>();
        if (ended) {
            return out;
        }
        start(chunk.path("id").asText(null), out);
        JsonNode usage = chunk.get("usage");
        if (usage != null && usage.isObject()) {
            reported = OpenAiUsage.from(usage);
        }
        JsonNode choices = chunk.get("choices");
        if (choices == null || !choices.isArray()) {
            return out;
        }
        for (JsonNode choice : choices) {
            if (choice.path("index").asInt(0) != 0) {
                continue; // n > 1 has no Anthropic equivalent; the decoder never asks for it
            }
            JsonNode delta = choice.path("delta");
            String reasoning = Shapes.reasoning(delta);
            if (reasoning != null && !reasoning.isEmpty()) {
                ensure(Kind.THINKING, out);
                delta(out, Json.NODES.objectNode().put("type", "thinking_delta").put("thinking", reasoning), openIndex);
                seen.append(reasoning);
            }
            JsonNode content = delta.get("content");
            if (content != null && content.isTextual() && !content.textValue().isEmpty()) {
                ensure(Kind.TEXT, out);
                delta(out, Json.NODES.objectNode().put("type", "text_delta").put("text", content.textValue()),
                        openIndex);
                seen.append(content.textValue());
            }
            JsonNode calls = delta.get("tool_calls");
            if (calls != null && calls.isArray()) {
                for (int k = 0; k < calls.size(); k++) {
                    toolCall(calls.get(k), k, out);
                }
            }
            JsonNode fr = choice.get("finish_reason");
            if (fr != null && fr.isTextual()) {
                finishReason = fr.textValue();
                matchedStop = Shapes.matchedStop(choice);
            }
        }
        return out;
    }

    /** The closing events: the open block's stop, message_delta (stop_reason, usage) and message_stop. */
    public List<Buffer> onEnd() {
        List<Buffer> out = new ArrayList<>();
        if (ended) {
            return out;
        }
        start(null, out);
        close(out);
        ended = true;
        String stopReason = Shapes.stopReason(finishReason, !tools.isEmpty(), matchedStop);
        ObjectNode md = Json.NODES.objectNode().put("type", "message_delta");
        ObjectNode delta = md.putObject("delta").put("stop_reason", stopReason);
        if ("stop_sequence".equals(stopReason)) {
            delta.put("stop_sequence", matchedStop);
        } else {
            delta.putNull("stop_sequence");
        }
        Usage usage = reported != null ? reported
                : new Usage(inputTokensHint, TokenCounter.countText(seen.toString()), 0, 0, 0, true);
        md.set("usage", Shapes.usage(usage));
        out.add(event(md));
        out.add(event(Json.NODES.objectNode().put("type", "message_stop")));
        return out;
    }

    /** An {@code event: error} with Anthropic's error object; the stream is over after it. */
    public Buffer onError(GatewayError error) {
        ended = true;
        return event(AnthropicErrorJson.of(error));
    }

    private void start(String chunkId, List<Buffer> out) {
        if (started) {
            return;
        }
        started = true;
        id = Shapes.messageId(chunkId);
        ObjectNode ev = Json.NODES.objectNode().put("type", "message_start");
        ObjectNode msg = ev.putObject("message");
        msg.put("id", id).put("type", "message").put("role", "assistant").put("model", model);
        msg.putArray("content");
        msg.putNull("stop_reason");
        msg.putNull("stop_sequence");
        msg.set("usage", Shapes.usage(new Usage(inputTokensHint, 0, 0, 0, 0, true)));
        out.add(event(ev));
    }

    private void toolCall(JsonNode call, int position, List<Buffer> out) {
        int index = call.path("index").isInt() ? call.get("index").intValue() : position;
        String callId = call.path("id").isTextual() && !call.get("id").textValue().isEmpty()
                ? call.get("id").textValue() : null;
        JsonNode fn = call.path("function");
        ToolBlock block = tools.get(index);
        if (block == null || callId != null && !callId.equals(block.id())) {
            close(out);
            String blockId = callId != null ? callId : Shapes.toolUseId(id, tools.size());
            block = new ToolBlock(nextIndex++, blockId);
            tools.put(index, block);
            open = Kind.TOOL;
            openIndex = block.index();
            ObjectNode ev = Json.NODES.objectNode().put("type", "content_block_start").put("index", block.index());
            ObjectNode cb = ev.putObject("content_block").put("type", "tool_use").put("id", blockId)
                    .put("name", fn.path("name").asText(""));
            cb.putObject("input");
            out.add(event(ev));
            seen.append(fn.path("name").asText(""));
        }
        JsonNode args = fn.get("arguments");
        if (args != null && args.isTextual() && !args.textValue().isEmpty()) {
            delta(out, Json.NODES.objectNode().put("type", "input_json_delta").put("partial_json", args.textValue()),
                    block.index());
            seen.append(args.textValue());
        }
    }

    /** Opens a text or thinking block unless one of that kind is the open block. */
    private void ensure(Kind kind, List<Buffer> out) {
        if (open == kind) {
            return;
        }
        close(out);
        open = kind;
        openIndex = nextIndex++;
        ObjectNode ev = Json.NODES.objectNode().put("type", "content_block_start").put("index", openIndex);
        ObjectNode cb = ev.putObject("content_block");
        if (kind == Kind.TEXT) {
            cb.put("type", "text").put("text", "");
        } else {
            cb.put("type", "thinking").put("thinking", "").put("signature", "");
        }
        out.add(event(ev));
    }

    private void close(List<Buffer> out) {
        if (open == null) {
            return;
        }
        out.add(event(Json.NODES.objectNode().put("type", "content_block_stop").put("index", openIndex)));
        open = null;
        openIndex = -1;
    }

    private void delta(List<Buffer> out, ObjectNode delta, int index) {
        ObjectNode ev = Json.NODES.objectNode().put("type", "content_block_delta").put("index", index);
        ev.set("delta", delta);
        out.add(event(ev));
    }

    private static Buffer event(ObjectNode data) {
        byte[] json = Json.bytes(data);
        byte[] name = ("event: " + data.get("type").textValue() + "\ndata: ").getBytes(StandardCharsets.UTF_8);
        return Buffer.buffer(name.length + json.length + 2).appendBytes(name).appendBytes(json).appendString("\n\n");
    }
}
