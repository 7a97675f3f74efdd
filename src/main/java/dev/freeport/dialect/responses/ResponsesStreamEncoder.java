package dev.freeport.dialect.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.Usage;
import dev.freeport.dialect.openai.OpenAiUsage;
import dev.freeport.error.GatewayError;
import dev.freeport.front.StreamWriter;
import dev.freeport.json.Json;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Canonical chat.completion.chunk stream → the Responses API's server-sent events; one per stream, not
 * thread-safe. Each event is {@code event: <type>\ndata: <json>\n\n} with a {@code sequence_number} counting from
 * 0; there is no {@code [DONE]}.
 *
 * <p>Sequence: {@code response.created} and {@code response.in_progress} (status in_progress, no output) on the
 * first chunk; then output items in the order their first delta arrives, each announced by
 * {@code response.output_item.added} with its output_index:
 * <ul>
 *   <li>reasoning deltas ({@code reasoning_content}/{@code reasoning}) → a reasoning item with one reasoning_text
 *       part: content_part.added, {@code response.reasoning_text.delta}..., at its end reasoning_text.done and
 *       content_part.done;</li>
 *   <li>content deltas → a message item with an output_text part: content_part.added,
 *       {@code response.output_text.delta}..., output_text.done, content_part.done ({@code refusal} deltas: a
 *       refusal part with response.refusal.delta/.done);</li>
 *   <li>each chat tool-call index (or a new call id at the same index) → a function_call item
 *       ({@code response.function_call_arguments.delta} per fragment, forwarded as it arrives, interleaving calls
 *       allowed; .done with the name and whole arguments), or a custom_tool_call item for a custom tool
 *       ({@code response.custom_tool_call_input.delta} with the raw input decoded out of the JSON arguments, see
 *       {@link CustomInputStream}; .done with the whole input).</li>
 * </ul>
 * A reasoning or message item ends ({@code response.output_item.done} with the whole item) when another kind of
 * item starts; tool calls end together at the end of the stream. The end: {@code response.completed}, or
 * {@code response.incomplete} for finish_reason length/content_filter, carrying the whole response with the
 * usage of the final usage chunk ({@code choices: []}); null usage when the back end sent none.
 *
 * <p>A stream that breaks ({@link #error}) ends with an {@code error} event ({@code code}, {@code message},
 * {@code param}: the official Node SDK throws an APIError on it, Python's surfaces it) and then
 * {@code response.failed} whose response has status failed, {@code error: {code, message}} and the output so far
 * (Codex reads the failure from this one and retries); never {@code response.completed}. Pings are SSE comments,
 * which every client's parser skips.
 */
public final class ResponsesStreamEncoder implements StreamWriter {
    private static final Buffer PING = Buffer.buffer(": keepalive\n\n");

    private final ResponsesRequest request;
    private final ResponseIds ids;
    private final long createdAt;
    private final List<StreamItems.Item> items = new ArrayList<>();
    private final Map<Integer, StreamItems.Call> calls = new HashMap<>();
    private StreamItems.Message message;
    private StreamItems.Reasoning reasoning;
    private int sequence;
    private boolean started;
    private boolean ended;
    private String finishReason;
    private Usage usage;
    private ObjectNode finalResponse;

    /**
     * @param ids       the ids of this response and its items
     * @param createdAt Unix seconds
     */
    public ResponsesStreamEncoder(ResponsesRequest request, ResponseIds ids, long createdAt) {
        this.request = request;
        this.ids = ids;
        this.createdAt = createdAt;
    }

    /** Whether response.created was sent (after it, errors must be events, not HTTP errors). */
    public boolean started() {
        return started;
    }

    /**
     * The response as the last lifecycle event carried it (completed, incomplete or failed), for the response
     * store; null before the stream ended.
     */
    public ObjectNode finalResponse() {
        return finalResponse;
    }

    @Override
    public void chunk(ObjectNode chunk, Consumer<Buffer> out) {
        if (ended) {
            return;
        }
        start(out);
        JsonNode u = chunk.get("usage");
        if (u != null && u.isObject()) {
            usage = OpenAiUsage.from(u);
        }
        for (JsonNode choice : chunk.path("choices")) {
            if (choice.path("index").asInt(0) != 0) {
                continue; // n > 1 has no Responses equivalent; the decoder never asks for it
            }
            JsonNode delta = choice.path("delta");
            String r = ResponseEncoder.reasoning(delta);
            if (r != null && !r.isEmpty()) {
                reasoningDelta(r, out);
            }
            textDelta(delta.get("content"), false, out);
            textDelta(delta.get("refusal"), true, out);
            JsonNode toolCalls = delta.get("tool_calls");
            if (toolCalls != null && toolCalls.isArray()) {
                for (int k = 0; k < toolCalls.size(); k++) {
                    toolCall(toolCalls.get(k), k, out);
                }
            }
            JsonNode fr = choice.get("finish_reason");
            if (fr != null && fr.isTextual()) {
                finishReason = fr.textValue();
            }
        }
    }

    @Override
    public void end(Consumer<Buffer> out) {
        if (ended) {
            return;
        }
        start(out);
        String[] status = ResponseObject.status(finishReason);
        StreamItems.Item last = items.isEmpty() ? null : items.get(items.size() - 1);
        closeReasoning(status[1] != null && last == reasoning ? "incomplete" : "completed", out);
        closeMessage(status[1] != null && last == message ? "incomplete" : "completed", out);
        for (StreamItems.Item item : items) {
            if (item instanceof StreamItems.Call call && !call.done) {
                closeCall(call, status[1] != null && call == last ? "incomplete" : "completed", out);
            }
        }
        ended = true;
        finalResponse = response(status[0], status[1], usage, null);
        emit(out, event("completed".equals(status[0]) ? "response.completed" : "response.incomplete")
                .set("response", finalResponse));
    }

    @Override
    public void error(GatewayError error, Consumer<Buffer> out) {
        if (ended) {
            return;
        }
        start(out);
        ended = true;
        ObjectNode e = event("error").put("code", ResponsesErrors.code(error)).put("message", error.message());
        if (error.param() == null) {
            e.putNull("param");
        } else {
            e.put("param", error.param());
        }
        emit(out, e);
        finalResponse = response("failed", null, usage, ResponsesErrors.responseError(error));
        emit(out, event("response.failed").set("response", finalResponse));
    }

    @Override
    public Buffer ping() {
        return PING.copy();
    }

    private void start(Consumer<Buffer> out) {
        if (started) {
            return;
        }
        started = true;
        ObjectNode initial = response("in_progress", null, null, null);
        emit(out, event("response.created").set("response", initial));
        emit(out, event("response.in_progress").set("response", initial.deepCopy()));
    }

    private void reasoningDelta(String text, Consumer<Buffer> out) {
        if (reasoning == null) {
            closeMessage("completed", out);
            reasoning = new StreamItems.Reasoning(items.size(), ids.reasoning(items.size()));
            added(reasoning, out);
            reasoning.partAdded = true;
            emit(out, itemEvent("response.content_part.added", reasoning).put("content_index", 0)
                    .set("part", reasoningPart("")));
        }
        reasoning.text.append(text);
        emit(out, itemEvent("response.reasoning_text.delta", reasoning).put("content_index", 0).put("delta", text));
    }

    private void textDelta(JsonNode delta, boolean refusal, Consumer<Buffer> out) {
        if (delta == null || !delta.isTextual() || delta.textValue().isEmpty()) {
            return;
        }
        closeReasoning("completed", out);
        if (message == null) {
            message = new StreamItems.Message(items.size(), ids.message(items.size()));
            added(message, out);
        }
        StreamItems.Part part = message.open();
        if (part != null && part.refusal != refusal) {
            closePart(part, out);
            part = null;
        }
        if (part == null) {
            part = new StreamItems.Part(refusal);
            message.parts.add(part);
            emit(out, itemEvent("response.content_part.added", message).put("content_index", message.parts.size() - 1)
                    .set("part", part.json()));
        }
        part.text.append(delta.textValue());
        ObjectNode ev = itemEvent(refusal ? "response.refusal.delta" : "response.output_text.delta", message)
                .put("content_index", message.parts.size() - 1).put("delta", delta.textValue());
        if (!refusal) {
            ev.putArray("logprobs");
        }
        emit(out, ev);
    }

    private void toolCall(JsonNode call, int position, Consumer<Buffer> out) {
        int index = call.path("index").isInt() ? call.get("index").intValue() : position;
        String callId = call.path("id").isTextual() && !call.get("id").textValue().isEmpty()
                ? call.get("id").textValue() : null;
        JsonNode fn = call.path("function");
        String name = fn.path("name").asText("");
        StreamItems.Call item = calls.get(index);
        if (item == null || item.done || callId != null && !callId.equals(item.callId)) {
            closeReasoning("completed", out);
            closeMessage("completed", out);
            int n = items.size();
            ToolNames.Tool tool = request.tools().resolve(name);
            item = new StreamItems.Call(n, tool.kind() == ToolNames.Kind.CUSTOM ? ids.customCall(n)
                    : ids.functionCall(n), callId != null ? callId : ids.callId(n), tool);
            calls.put(index, item);
            added(item, out);
        } else if (!name.isEmpty() && item.tool.name().isEmpty()) {
            item.tool = request.tools().resolve(name);
        }
        JsonNode args = fn.get("arguments");
        if (args == null || !args.isTextual() || args.textValue().isEmpty()) {
            return;
        }
        item.arguments.append(args.textValue());
        if (item.custom == null) {
            emit(out, itemEvent("response.function_call_arguments.delta", item).put("delta", args.textValue()));
        } else {
            String text = item.custom.feed(args.textValue());
            if (!text.isEmpty()) {
                emit(out, itemEvent("response.custom_tool_call_input.delta", item).put("delta", text));
            }
        }
    }

    private void added(StreamItems.Item item, Consumer<Buffer> out) {
        items.add(item);
        emit(out, event("response.output_item.added").put("output_index", item.outputIndex)
                .set("item", item.snapshot("in_progress")));
    }

    private void closeReasoning(String status, Consumer<Buffer> out) {
        if (reasoning == null) {
            return;
        }
        String text = reasoning.text.toString();
        emit(out, itemEvent("response.reasoning_text.done", reasoning).put("content_index", 0).put("text", text));
        emit(out, itemEvent("response.content_part.done", reasoning).put("content_index", 0)
                .set("part", reasoningPart(text)));
        done(reasoning, status, out);
        reasoning = null;
    }

    private void closeMessage(String status, Consumer<Buffer> out) {
        if (message == null) {
            return;
        }
        StreamItems.Part part = message.open();
        if (part != null) {
            closePart(part, out);
        }
        done(message, status, out);
        message = null;
    }

    private void closePart(StreamItems.Part part, Consumer<Buffer> out) {
        int index = message.parts.indexOf(part);
        String text = part.text.toString();
        ObjectNode ev = part.refusal
                ? itemEvent("response.refusal.done", message).put("content_index", index).put("refusal", text)
                : itemEvent("response.output_text.done", message).put("content_index", index).put("text", text);
        if (!part.refusal) {
            ev.putArray("logprobs");
        }
        emit(out, ev);
        part.done = true;
        emit(out, itemEvent("response.content_part.done", message).put("content_index", index).set("part", part.json()));
    }

    private void closeCall(StreamItems.Call call, String status, Consumer<Buffer> out) {
        if (call.custom == null) {
            emit(out, itemEvent("response.function_call_arguments.done", call)
                    .put("name", call.tool.name()).put("arguments", call.arguments.toString()));
        } else {
            String[] input = call.custom.finish();
            if (!input[1].isEmpty()) {
                emit(out, itemEvent("response.custom_tool_call_input.delta", call).put("delta", input[1]));
            }
            emit(out, itemEvent("response.custom_tool_call_input.done", call).put("input", input[0]));
        }
        done(call, status, out);
    }

    private void done(StreamItems.Item item, String status, Consumer<Buffer> out) {
        item.done = true;
        emit(out, event("response.output_item.done").put("output_index", item.outputIndex)
                .set("item", item.snapshot(status)));
    }

    /** The response object with every item as it stands (unfinished ones incomplete). */
    private ObjectNode response(String status, String incompleteReason, Usage u, ObjectNode error) {
        ArrayNode output = Json.NODES.arrayNode();
        for (StreamItems.Item item : items) {
            output.add(item.done ? lastSnapshot(item) : item.snapshot("incomplete"));
        }
        return ResponseObject.build(request, ids.response(), createdAt, status, incompleteReason, output, u, error);
    }

    /** A finished item as its output_item.done showed it (status kept). */
    private ObjectNode lastSnapshot(StreamItems.Item item) {
        return item.snapshot(item == lastIncomplete() ? "incomplete" : "completed");
    }

    private StreamItems.Item lastIncomplete() {
        String[] status = ResponseObject.status(finishReason);
        return status[1] == null || items.isEmpty() ? null : items.get(items.size() - 1);
    }

    private static ObjectNode reasoningPart(String text) {
        return Json.NODES.objectNode().put("type", "reasoning_text").put("text", text);
    }

    private ObjectNode event(String type) {
        return Json.NODES.objectNode().put("type", type).put("sequence_number", sequence++);
    }

    private ObjectNode itemEvent(String type, StreamItems.Item item) {
        return event(type).put("item_id", item.id).put("output_index", item.outputIndex);
    }

    private static void emit(Consumer<Buffer> out, ObjectNode data) {
        byte[] json = Json.bytes(data);
        byte[] name = ("event: " + data.get("type").textValue() + "\ndata: ").getBytes(StandardCharsets.UTF_8);
        out.accept(Buffer.buffer(name.length + json.length + 2).appendBytes(name).appendBytes(json)
                .appendString("\n\n"));
    }
}
