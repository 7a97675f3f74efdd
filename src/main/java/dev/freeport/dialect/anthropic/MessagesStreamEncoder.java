package dev.freeport.dialect.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.freeport.api.Usage;
import dev.freeport.dialect.openai.DeltaBytes;
import dev.freeport.dialect.openai.OpenAiUsage;
import dev.freeport.error.GatewayError;
import dev.freeport.json.EscapedText;
import dev.freeport.json.Json;
import dev.freeport.tokens.TokenCounter;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
    private static final byte[] DELTA_START = ascii("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":");
    private static final byte[] TEXT_DELTA = ascii(",\"delta\":{\"type\":\"text_delta\",\"text\":\"");
    private static final byte[] THINKING_DELTA = ascii(",\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"");
    private static final byte[] JSON_DELTA = ascii(",\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"");
    private static final byte[] DELTA_END = ascii("\"}}\n\n");

    /** Where the events of a chunk go: a list of buffers (a tree chunk) or the events of a byte chunk. */
    private interface Events {
        void add(ObjectNode event);
    }

    private enum Kind { TEXT, THINKING, TOOL }

    private record ToolBlock(int index, String id) {
    }

    private final String model;
    private final long inputTokensHint;
    private final Map<Integer, ToolBlock> tools = new HashMap<>();
    /** the streamed text (reasoning, text, tool names and arguments), counted when the upstream reports no usage */
    private final EscapedText seen = new EscapedText();
    /** the reader of byte chunks ({@link #onChunk(byte[], int, int, Usage)}) */
    private final DeltaBytes reader = new DeltaBytes();
    /** the events of the last byte chunk */
    private final EventBytes written = new EventBytes();
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
        List<Buffer> list = new ArrayList<>();
        if (ended) {
            return list;
        }
        Events out = ev -> list.add(Buffer.buffer(event(ev)));
        start(chunk.path("id").asText(null), out);
        JsonNode usage = chunk.get("usage");
        if (usage != null && usage.isObject()) {
            reported = OpenAiUsage.from(usage);
        }
        JsonNode choices = chunk.get("choices");
        if (choices == null || !choices.isArray()) {
            return list;
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
                    JsonNode call = calls.get(k);
                    JsonNode fn = call.path("function");
                    JsonNode args = fn.get("arguments");
                    String callId = call.path("id").isTextual() && !call.get("id").textValue().isEmpty()
                            ? call.get("id").textValue() : null;
                    ToolBlock block = toolBlock(call.path("index").isInt() ? call.get("index").intValue() : k,
                            callId, fn.path("name").asText(""), out);
                    if (args != null && args.isTextual() && !args.textValue().isEmpty()) {
                        delta(out, Json.NODES.objectNode().put("type", "input_json_delta")
                                .put("partial_json", args.textValue()), block.index());
                        seen.append(args.textValue());
                    }
                }
            }
            JsonNode fr = choice.get("finish_reason");
            if (fr != null && fr.isTextual()) {
                finishReason = fr.textValue();
                matchedStop = Shapes.matchedStop(choice);
            }
        }
        return list;
    }

    /**
     * The events for the chunk {@code json[from, to)} read from its bytes, with the usage its scan found (null for
     * none): false when it must be read from its tree instead ({@link #onChunk(ObjectNode)}), else true with its
     * events (possibly none) in {@link #written()}{@code [0, }{@link #writtenLength()}{@code )}, valid until the next
     * chunk. Every byte is the one the tree's reading writes; a delta's text is copied from the chunk as it came
     * (still escaped) when Jackson would write it the same.
     */
    public boolean onChunk(byte[] json, int from, int to, Usage usage) {
        written.clear();
        if (ended) {
            return true;
        }
        if (!reader.read(json, from, to)) {
            return false;
        }
        Events out = toWritten;
        if (!started) {
            start(reader.start(DeltaBytes.CHUNK_ID) < 0 ? null : text(json, DeltaBytes.CHUNK_ID), out);
        }
        if (usage != null) {
            reported = usage;
        }
        if (!reader.hasChoice()) {
            return true;
        }
        int reasoning = reader.start(DeltaBytes.REASONING_CONTENT_TEXT) >= 0 ? DeltaBytes.REASONING_CONTENT_TEXT
                : DeltaBytes.REASONING_TEXT;
        if (nonEmpty(reasoning)) {
            ensure(Kind.THINKING, out);
            writeDelta(THINKING_DELTA, openIndex, json, reasoning);
        }
        if (nonEmpty(DeltaBytes.CONTENT_TEXT)) {
            ensure(Kind.TEXT, out);
            writeDelta(TEXT_DELTA, openIndex, json, DeltaBytes.CONTENT_TEXT);
        }
        for (int k = 0; k < reader.calls(); k++) {
            int idAt = DeltaBytes.callId(k);
            String callId = nonEmpty(idAt) ? text(json, idAt) : null;
            int index = reader.callIndex(k) >= 0 ? reader.callIndex(k) : k;
            ToolBlock block = tools.get(index);
            if (block == null || callId != null && !callId.equals(block.id())) {
                int nameAt = DeltaBytes.callName(k);
                block = toolBlock(index, callId, reader.start(nameAt) < 0 ? "" : text(json, nameAt), out);
            }
            if (nonEmpty(DeltaBytes.callArguments(k))) {
                writeDelta(JSON_DELTA, block.index(), json, DeltaBytes.callArguments(k));
            }
        }
        if (reader.start(DeltaBytes.FINISH) >= 0) {
            finishReason = text(json, DeltaBytes.FINISH);
            matchedStop = reader.start(DeltaBytes.STOP) >= 0 && "stop".equals(finishReason)
                    ? text(json, DeltaBytes.STOP) : null;
        }
        return true;
    }

    /** The events {@link #onChunk(byte[], int, int, Usage)} wrote: {@code written()[0, writtenLength())}. */
    public byte[] written() {
        return written.array();
    }

    public int writtenLength() {
        return written.length();
    }

    /** The closing events: the open block's stop, message_delta (stop_reason, usage) and message_stop. */
    public List<Buffer> onEnd() {
        List<Buffer> list = new ArrayList<>();
        if (ended) {
            return list;
        }
        Events out = ev -> list.add(Buffer.buffer(event(ev)));
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
        out.add(md);
        out.add(Json.NODES.objectNode().put("type", "message_stop"));
        return list;
    }

    /** An {@code event: error} with Anthropic's error object; the stream is over after it. */
    public Buffer onError(GatewayError error) {
        ended = true;
        return Buffer.buffer(event(AnthropicErrorJson.of(error)));
    }

    private void start(String chunkId, Events out) {
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
        out.add(ev);
    }

    /**
     * The block of the OpenAI tool call at {@code index}: the open one, or a new one (after closing the open block)
     * when the index is new or the call names another id.
     */
    private ToolBlock toolBlock(int index, String callId, String name, Events out) {
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
                    .put("name", name);
            cb.putObject("input");
            out.add(ev);
            seen.append(name);
        }
        return block;
    }

    /** Opens a text or thinking block unless one of that kind is the open block. */
    private void ensure(Kind kind, Events out) {
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
        out.add(ev);
    }

    private void close(Events out) {
        if (open == null) {
            return;
        }
        out.add(Json.NODES.objectNode().put("type", "content_block_stop").put("index", openIndex));
        open = null;
        openIndex = -1;
    }

    private void delta(Events out, ObjectNode delta, int index) {
        ObjectNode ev = Json.NODES.objectNode().put("type", "content_block_delta").put("index", index);
        ev.set("delta", delta);
        out.add(ev);
    }

    /** An event of a byte chunk, written after the chunk's earlier ones. */
    private final Events toWritten = ev -> written.append(event(ev));

    /** A content_block_delta of the string {@code which} the reader found, its text kept for counting. */
    private void writeDelta(byte[] head, int index, byte[] json, int which) {
        int from = reader.start(which);
        int to = reader.end(which);
        seen.appendEscaped(json, from, to);
        written.append(DELTA_START);
        written.appendInt(index);
        written.append(head);
        if (!written.appendAsJackson(json, from, to)) {
            byte[] quoted = Json.bytes(TextNode.valueOf(text(json, which))); // Jackson's escapes, quotes included
            written.append(quoted, 1, quoted.length - 1);
        }
        written.append(DELTA_END);
    }

    /** Whether the reader found the string {@code which} and it is not empty. */
    private boolean nonEmpty(int which) {
        return reader.start(which) >= 0 && reader.end(which) > reader.start(which);
    }

    /** The string {@code which} the reader found, decoded. */
    private String text(byte[] json, int which) {
        int from = reader.start(which);
        int to = reader.end(which);
        if (!reader.escaped(which)) {
            return new String(json, from, to - from, StandardCharsets.UTF_8);
        }
        EscapedText t = new EscapedText();
        t.appendEscaped(json, from, to);
        return t.toString();
    }

    private static byte[] event(ObjectNode data) {
        byte[] json = Json.bytes(data);
        byte[] name = ("event: " + data.get("type").textValue() + "\ndata: ").getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(name, name.length + json.length + 2);
        System.arraycopy(json, 0, out, name.length, json.length);
        out[out.length - 2] = '\n';
        out[out.length - 1] = '\n';
        return out;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
