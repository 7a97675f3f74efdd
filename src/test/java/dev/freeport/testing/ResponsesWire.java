package dev.freeport.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.freeport.testing.OpenAiWire.JSON;

/**
 * Encodes answers in the OpenAI Responses API wire format ({@code POST /v1/responses}): the {@code response}
 * object, and the SSE event sequence streaming clients (the SDKs, Codex CLI) consume: response.created,
 * response.in_progress, then per output item response.output_item.added, (message) response.content_part.added,
 * response.output_text.delta..., response.output_text.done, response.content_part.done, (function call)
 * response.function_call_arguments.delta..., response.function_call_arguments.done, response.output_item.done,
 * and finally response.completed with the whole response and its usage. Every event carries {@code type} and a
 * rising {@code sequence_number}; the in-band error is an {@code error} event followed by response.failed.
 */
final class ResponsesWire {
    private ResponsesWire() {
    }

    static Plan responses(Reply reply, Ask ask, long seq) {
        String id = "resp_fake" + seq;
        long created = System.currentTimeMillis() / 1000;
        Map<String, String> headers = Map.of(OpenAiWire.REQUEST_ID_HEADER, "req_fake" + seq);
        List<ObjectNode> items = items(reply, seq);
        if (!ask.stream()) {
            Buffer inBand = Buffer.buffer(OpenAiWire.errorJson(500,
                    "The server had an error while processing your request.").toString());
            Buffer malformed = Buffer.buffer("{\"id\":\"" + id + "\",\"object\":\"response\",\"output\":[{\"ty");
            return Plan.json(Buffer.buffer(response(id, created, ask, "completed", items, reply).toString()), inBand,
                    malformed, headers);
        }
        int[] sequence = {0};
        List<Plan.Frame> frames = new ArrayList<>();
        ObjectNode created1 = event("response.created", sequence);
        created1.set("response", response(id, created, ask, "in_progress", List.of(), null));
        frames.add(frame(created1, false));
        ObjectNode progress = event("response.in_progress", sequence);
        progress.set("response", response(id, created, ask, "in_progress", List.of(), null));
        frames.add(frame(progress, false));
        for (int index = 0; index < items.size(); index++) {
            ObjectNode item = items.get(index);
            String itemId = item.path("id").asText();
            ObjectNode added = event("response.output_item.added", sequence).put("output_index", index);
            added.set("item", inProgress(item));
            frames.add(frame(added, false));
            if ("message".equals(item.path("type").asText())) {
                ObjectNode partAdded = event("response.content_part.added", sequence).put("item_id", itemId)
                        .put("output_index", index).put("content_index", 0);
                partAdded.set("part", outputText(""));
                frames.add(frame(partAdded, false));
                for (String piece : reply.textChunks()) {
                    ObjectNode delta = event("response.output_text.delta", sequence).put("item_id", itemId)
                            .put("output_index", index).put("content_index", 0).put("delta", piece);
                    delta.putArray("logprobs");
                    frames.add(frame(delta, true));
                }
                ObjectNode textDone = event("response.output_text.done", sequence).put("item_id", itemId)
                        .put("output_index", index).put("content_index", 0).put("text", reply.text);
                textDone.putArray("logprobs");
                frames.add(frame(textDone, false));
                ObjectNode partDone = event("response.content_part.done", sequence).put("item_id", itemId)
                        .put("output_index", index).put("content_index", 0);
                partDone.set("part", outputText(reply.text));
                frames.add(frame(partDone, false));
            } else {
                String args = item.path("arguments").asText();
                for (String fragment : Reply.argumentFragments(args)) {
                    frames.add(frame(event("response.function_call_arguments.delta", sequence).put("item_id", itemId)
                            .put("output_index", index).put("delta", fragment), true));
                }
                frames.add(frame(event("response.function_call_arguments.done", sequence).put("item_id", itemId)
                        .put("output_index", index).put("arguments", args), false));
            }
            ObjectNode done = event("response.output_item.done", sequence).put("output_index", index);
            done.set("item", item);
            frames.add(frame(done, false));
        }
        ObjectNode completed = event("response.completed", sequence);
        completed.set("response", response(id, created, ask, "completed", items, reply));
        frames.add(frame(completed, false));
        ObjectNode error = JSON.createObjectNode().put("type", "error").put("code", "server_error")
                .put("message", "The server had an error while processing your request.").putNull("param");
        Buffer inBand = Plan.event("error", error.toString());
        Buffer malformed = Plan.event("response.output_text.delta", "{\"type\":\"response.output_text.delta\",\"del");
        return Plan.sse(frames, inBand, malformed, headers);
    }

    /** The output items: one assistant message when there is text (or nothing else), then one per tool call. */
    private static List<ObjectNode> items(Reply reply, long seq) {
        List<ObjectNode> items = new ArrayList<>();
        if (!reply.text.isEmpty() || reply.toolCalls.isEmpty()) {
            ObjectNode message = JSON.createObjectNode().put("id", "msg_fake" + seq).put("type", "message")
                    .put("status", "completed").put("role", "assistant");
            message.putArray("content").add(outputText(reply.text));
            items.add(message);
        }
        for (int i = 0; i < reply.toolCalls.size(); i++) {
            ToolCall call = reply.toolCalls.get(i);
            items.add(JSON.createObjectNode().put("id", "fc_fake" + seq + "_" + i).put("type", "function_call")
                    .put("status", "completed").put("arguments", call.argumentsJson())
                    .put("call_id", call.id() != null ? call.id() : "call_fake" + seq + "_" + i)
                    .put("name", call.name()));
        }
        return items;
    }

    private static ObjectNode inProgress(ObjectNode item) {
        ObjectNode copy = item.deepCopy().put("status", "in_progress");
        if ("message".equals(item.path("type").asText())) {
            copy.putArray("content");
        } else {
            copy.put("arguments", "");
        }
        return copy;
    }

    private static ObjectNode outputText(String text) {
        ObjectNode part = JSON.createObjectNode().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        part.putArray("logprobs");
        return part;
    }

    private static ObjectNode response(String id, long created, Ask ask, String status, List<ObjectNode> items,
                                       Reply usageOf) {
        ObjectNode r = JSON.createObjectNode();
        r.put("id", id).put("object", "response").put("created_at", created).put("status", status)
                .putNull("error").putNull("incomplete_details").put("model", ask.model());
        ArrayNode output = r.putArray("output");
        items.forEach(output::add);
        r.put("parallel_tool_calls", true).put("store", false);
        if (usageOf != null && usageOf.usage) {
            int in = usageOf.inputTokens();
            int out = usageOf.outputTokens();
            ObjectNode u = r.putObject("usage");
            u.put("input_tokens", in);
            u.putObject("input_tokens_details").put("cached_tokens", 0);
            u.put("output_tokens", out);
            u.putObject("output_tokens_details").put("reasoning_tokens", 0);
            u.put("total_tokens", in + out);
        } else {
            r.putNull("usage");
        }
        return r;
    }

    private static ObjectNode event(String type, int[] sequence) {
        return JSON.createObjectNode().put("type", type).put("sequence_number", sequence[0]++);
    }

    private static Plan.Frame frame(ObjectNode event, boolean content) {
        return new Plan.Frame(Plan.event(event.path("type").asText(), event.toString()), content);
    }
}
