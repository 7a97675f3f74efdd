package dev.freeport.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.freeport.testing.OpenAiWire.JSON;

/**
 * Encodes answers in the Anthropic Messages wire format: the message object, the SSE sequence message_start,
 * content_block_start, ping, content_block_delta (text_delta / input_json_delta), content_block_stop,
 * message_delta (stop_reason and usage), message_stop, the in-band {@code event: error}, and
 * {@code {"type":"error","error":{type,message},"request_id"}} bodies.
 */
final class AnthropicWire {
    static final String REQUEST_ID_HEADER = "request-id";

    private AnthropicWire() {
    }

    static Plan messages(Reply reply, Ask ask, long seq) {
        String id = "msg_fake" + seq;
        String requestId = "req_fake" + seq;
        Map<String, String> headers = Map.of(REQUEST_ID_HEADER, requestId);
        if (!ask.stream()) {
            Buffer inBand = Buffer.buffer(errorJson(500, "Internal server error", requestId).toString());
            Buffer malformed = Buffer.buffer("{\"id\":\"" + id + "\",\"type\":\"message\",\"content\":[{\"ty");
            return Plan.json(Buffer.buffer(message(reply, ask, id, seq).toString()), inBand, malformed, headers);
        }
        List<Plan.Frame> frames = new ArrayList<>();
        ObjectNode start = JSON.createObjectNode().put("type", "message_start");
        ObjectNode msg = start.putObject("message");
        msg.put("id", id).put("type", "message").put("role", "assistant").put("model", ask.model());
        msg.putArray("content");
        msg.putNull("stop_reason").putNull("stop_sequence");
        if (reply.usage) {
            msg.set("usage", usage(reply, reply.inputTokens(), 1));
        }
        frames.add(new Plan.Frame(Plan.event("message_start", start.toString()), false));
        int index = 0;
        boolean withText = !reply.text.isEmpty() || reply.toolCalls.isEmpty();
        if (withText) {
            ObjectNode block = JSON.createObjectNode().put("type", "text").put("text", "");
            frames.add(new Plan.Frame(blockStart(index, block), false));
            frames.add(new Plan.Frame(Plan.event("ping", "{\"type\":\"ping\"}"), false));
            for (String piece : reply.textChunks()) {
                ObjectNode delta = JSON.createObjectNode().put("type", "text_delta").put("text", piece);
                frames.add(new Plan.Frame(blockDelta(index, delta), true));
            }
            frames.add(new Plan.Frame(blockStop(index), false));
            index++;
        }
        for (int i = 0; i < reply.toolCalls.size(); i++, index++) {
            ToolCall call = reply.toolCalls.get(i);
            ObjectNode block = JSON.createObjectNode().put("type", "tool_use").put("id", toolId(call, seq, i))
                    .put("name", call.name());
            block.putObject("input");
            frames.add(new Plan.Frame(blockStart(index, block), false));
            if (!withText && i == 0) {
                frames.add(new Plan.Frame(Plan.event("ping", "{\"type\":\"ping\"}"), false));
            }
            for (String fragment : Reply.argumentFragments(call.argumentsJson())) {
                ObjectNode delta = JSON.createObjectNode().put("type", "input_json_delta").put("partial_json", fragment);
                frames.add(new Plan.Frame(blockDelta(index, delta), true));
            }
            frames.add(new Plan.Frame(blockStop(index), false));
        }
        ObjectNode end = JSON.createObjectNode().put("type", "message_delta");
        end.putObject("delta").put("stop_reason", stopReason(reply)).putNull("stop_sequence");
        if (reply.usage) {
            end.set("usage", usage(reply, reply.inputTokens(), reply.outputTokens()));
        }
        frames.add(new Plan.Frame(Plan.event("message_delta", end.toString()), false));
        frames.add(new Plan.Frame(Plan.event("message_stop", "{\"type\":\"message_stop\"}"), false));
        ObjectNode overloaded = errorJson(529, "Overloaded", null);
        Buffer inBand = Plan.event("error", overloaded.toString());
        Buffer malformed = Plan.event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"ty");
        return Plan.sse(frames, inBand, malformed, headers);
    }

    private static ObjectNode message(Reply reply, Ask ask, String id, long seq) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", id).put("type", "message").put("role", "assistant").put("model", ask.model());
        var content = root.putArray("content");
        if (!reply.text.isEmpty() || reply.toolCalls.isEmpty()) {
            content.addObject().put("type", "text").put("text", reply.text);
        }
        for (int i = 0; i < reply.toolCalls.size(); i++) {
            ToolCall call = reply.toolCalls.get(i);
            ObjectNode block = content.addObject().put("type", "tool_use").put("id", toolId(call, seq, i))
                    .put("name", call.name());
            block.set("input", parseInput(call.argumentsJson()));
        }
        root.put("stop_reason", stopReason(reply)).putNull("stop_sequence");
        if (reply.usage) {
            root.set("usage", usage(reply, reply.inputTokens(), reply.outputTokens()));
        }
        return root;
    }

    private static JsonNode parseInput(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException("tool arguments are not JSON: " + json, e);
        }
    }

    private static Buffer blockStart(int index, ObjectNode block) {
        ObjectNode e = JSON.createObjectNode().put("type", "content_block_start").put("index", index);
        e.set("content_block", block);
        return Plan.event("content_block_start", e.toString());
    }

    private static Buffer blockDelta(int index, ObjectNode delta) {
        ObjectNode e = JSON.createObjectNode().put("type", "content_block_delta").put("index", index);
        e.set("delta", delta);
        return Plan.event("content_block_delta", e.toString());
    }

    private static Buffer blockStop(int index) {
        return Plan.event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index + "}");
    }

    private static String stopReason(Reply reply) {
        return reply.toolCalls.isEmpty() ? "end_turn" : "tool_use";
    }

    private static String toolId(ToolCall call, long seq, int index) {
        return call.id() != null ? call.id() : "toolu_fake" + seq + "_" + index;
    }

    /** Anthropic's usage: input_tokens without the cached parts, cache writes split by TTL, server-tool calls. */
    private static ObjectNode usage(Reply reply, int in, int out) {
        Reply.UsageDetail d = reply.detail;
        ObjectNode u = JSON.createObjectNode();
        u.put("input_tokens", in - d.cachedTokens() - d.cacheWrites())
                .put("cache_creation_input_tokens", d.cacheWrites()).put("cache_read_input_tokens", d.cachedTokens())
                .put("output_tokens", out);
        if (d.cacheWrites() > 0) {
            u.putObject("cache_creation").put("ephemeral_5m_input_tokens", d.cacheWrite5m())
                    .put("ephemeral_1h_input_tokens", d.cacheWrite1h());
        }
        if (d.webSearches() > 0) {
            u.putObject("server_tool_use").put("web_search_requests", d.webSearches());
        }
        return u;
    }

    /** The error body Anthropic sends for this status; requestId may be null (in-band errors carry none). */
    static ObjectNode errorJson(int status, String message, String requestId) {
        String type = switch (status) {
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 503, 529 -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
        ObjectNode root = JSON.createObjectNode().put("type", "error");
        root.putObject("error").put("type", type).put("message", message);
        if (requestId != null) {
            root.put("request_id", requestId);
        }
        return root;
    }

    static String defaultMessage(int status) {
        return switch (status) {
            case 401 -> "invalid x-api-key";
            case 404 -> "model: not found";
            case 429 -> "Number of request tokens has exceeded your per-minute rate limit";
            case 503, 529 -> "Overloaded";
            default -> status >= 500 ? "Internal server error" : "Invalid request";
        };
    }
}
