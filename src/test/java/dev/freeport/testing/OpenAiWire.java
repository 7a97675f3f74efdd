package dev.freeport.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Encodes answers in the OpenAI wire format: chat.completion, chat.completion.chunk SSE (role chunk, content
 * deltas, tool call deltas with argument fragments, finish chunk, include_usage chunk with empty choices,
 * {@code data: [DONE]}), embeddings lists, and {@code {"error":{message,type,param,code}}} bodies.
 */
final class OpenAiWire {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String REQUEST_ID_HEADER = "x-request-id";
    private static final Buffer DONE = Buffer.buffer("data: [DONE]\n\n");
    private static final int DEFAULT_DIMENSIONS = 16;

    private OpenAiWire() {
    }

    static Plan chat(Reply reply, Ask ask, long seq) {
        return chat(reply, ask, seq, false);
    }

    /** @param usageInChoice a stream reports usage in the finish chunk's choice, as Moonshot does */
    static Plan chat(Reply reply, Ask ask, long seq, boolean usageInChoice) {
        String id = "chatcmpl-fake" + seq;
        long created = System.currentTimeMillis() / 1000;
        Map<String, String> headers = Map.of(REQUEST_ID_HEADER, "req_fake" + seq);
        Buffer inBand = ask.stream()
                ? Plan.data(errorJson(500, "The server had an error while processing your request.").toString())
                : Buffer.buffer(errorJson(500, "The server had an error while processing your request.").toString());
        if (!ask.stream()) {
            Buffer malformed = Buffer.buffer("{\"id\":\"" + id + "\",\"object\":\"chat.completion\",\"choices\":[{\"mes");
            return Plan.json(Buffer.buffer(completion(reply, ask, id, created, seq).toString()), inBand, malformed, headers);
        }
        List<Plan.Frame> frames = new ArrayList<>();
        ObjectNode roleDelta = JSON.createObjectNode().put("role", "assistant");
        if (reply.text.isEmpty() && !reply.toolCalls.isEmpty()) {
            roleDelta.putNull("content");
        } else {
            roleDelta.put("content", "");
        }
        roleDelta.putNull("refusal");
        frames.add(new Plan.Frame(chunk(ask, id, created, roleDelta, null), false));
        for (String piece : reply.textChunks()) {
            frames.add(new Plan.Frame(chunk(ask, id, created, JSON.createObjectNode().put("content", piece), null), true));
        }
        for (int i = 0; i < reply.toolCalls.size(); i++) {
            ToolCall call = reply.toolCalls.get(i);
            ObjectNode head = JSON.createObjectNode();
            head.put("index", i).put("id", toolId(call, seq, i)).put("type", "function");
            head.putObject("function").put("name", call.name()).put("arguments", "");
            frames.add(new Plan.Frame(chunk(ask, id, created, toolDelta(head), null), false));
            for (String fragment : Reply.argumentFragments(call.argumentsJson())) {
                ObjectNode part = JSON.createObjectNode().put("index", i);
                part.putObject("function").put("arguments", fragment);
                frames.add(new Plan.Frame(chunk(ask, id, created, toolDelta(part), null), true));
            }
        }
        if (usageInChoice && reply.usage) {
            ObjectNode finish = header(id, created, ask.model(), "chat.completion.chunk");
            ObjectNode choice = finish.putArray("choices").addObject().put("index", 0);
            choice.putObject("delta");
            choice.put("finish_reason", finishReason(reply));
            ObjectNode u = choice.putObject("usage").put("prompt_tokens", reply.inputTokens())
                    .put("completion_tokens", reply.outputTokens())
                    .put("total_tokens", reply.inputTokens() + reply.outputTokens());
            u.put("cached_tokens", reply.detail.cachedTokens());
            frames.add(new Plan.Frame(Plan.data(finish.toString()), false));
            frames.add(new Plan.Frame(DONE, false));
            return Plan.sse(frames, inBand, Plan.data("{\"id\":\"" + id + "\",\"choices\":[{\"delta\":"), headers);
        }
        frames.add(new Plan.Frame(chunk(ask, id, created, JSON.createObjectNode(), finishReason(reply)), false));
        if (ask.includeUsage() && reply.usage) {
            ObjectNode last = header(id, created, ask.model(), "chat.completion.chunk");
            last.putArray("choices");
            last.set("usage", usage(reply));
            frames.add(new Plan.Frame(Plan.data(last.toString()), false));
        }
        frames.add(new Plan.Frame(DONE, false));
        Buffer malformed = Plan.data("{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"delta\":");
        return Plan.sse(frames, inBand, malformed, headers);
    }

    private static ObjectNode completion(Reply reply, Ask ask, String id, long created, long seq) {
        ObjectNode root = header(id, created, ask.model(), "chat.completion");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        if (reply.text.isEmpty() && !reply.toolCalls.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", reply.text);
        }
        message.putNull("refusal");
        if (!reply.toolCalls.isEmpty()) {
            ArrayNode calls = message.putArray("tool_calls");
            for (int i = 0; i < reply.toolCalls.size(); i++) {
                ToolCall call = reply.toolCalls.get(i);
                ObjectNode c = calls.addObject().put("id", toolId(call, seq, i)).put("type", "function");
                c.putObject("function").put("name", call.name()).put("arguments", call.argumentsJson());
            }
        }
        message.putArray("annotations");
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason(reply));
        if (reply.usage) {
            root.set("usage", usage(reply));
        }
        root.put("system_fingerprint", "fp_fake");
        return root;
    }

    private static Buffer chunk(Ask ask, String id, long created, ObjectNode delta, String finish) {
        ObjectNode root = header(id, created, ask.model(), "chat.completion.chunk");
        root.put("system_fingerprint", "fp_fake");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        if (ask.includeUsage()) {
            root.putNull("usage");
        }
        return Plan.data(root.toString());
    }

    private static ObjectNode toolDelta(ObjectNode call) {
        ObjectNode delta = JSON.createObjectNode();
        delta.putArray("tool_calls").add(call);
        return delta;
    }

    private static ObjectNode header(String id, long created, String model, String object) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", id).put("object", object).put("created", created).put("model", model);
        return root;
    }

    private static String finishReason(Reply reply) {
        return reply.toolCalls.isEmpty() ? "stop" : "tool_calls";
    }

    private static String toolId(ToolCall call, long seq, int index) {
        return call.id() != null ? call.id() : "call_fake" + seq + "_" + index;
    }

    private static ObjectNode usage(Reply reply) {
        int in = reply.inputTokens();
        int out = reply.outputTokens();
        ObjectNode u = JSON.createObjectNode();
        u.put("prompt_tokens", in).put("completion_tokens", out).put("total_tokens", in + out);
        u.putObject("prompt_tokens_details").put("cached_tokens", reply.detail.cachedTokens()).put("audio_tokens", 0);
        u.putObject("completion_tokens_details").put("reasoning_tokens", reply.detail.reasoningTokens())
                .put("audio_tokens", 0)
                .put("accepted_prediction_tokens", 0).put("rejected_prediction_tokens", 0);
        return u;
    }

    // ---- embeddings ----

    static Plan embeddings(Reply reply, JsonNode body, long seq) {
        String model = body == null ? Ask.UNKNOWN_MODEL : body.path("model").asText(Ask.UNKNOWN_MODEL);
        int dims = body == null ? DEFAULT_DIMENSIONS : body.path("dimensions").asInt(DEFAULT_DIMENSIONS);
        boolean base64 = body != null && "base64".equals(body.path("encoding_format").asText());
        List<String> inputs = inputs(body == null ? null : body.get("input"));
        ObjectNode root = JSON.createObjectNode().put("object", "list");
        ArrayNode data = root.putArray("data");
        int tokens = 0;
        for (int i = 0; i < inputs.size(); i++) {
            float[] v = vector(inputs.get(i), dims);
            ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
            if (base64) {
                ByteBuffer bb = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
                for (float f : v) {
                    bb.putFloat(f);
                }
                item.put("embedding", Base64.getEncoder().encodeToString(bb.array()));
            } else {
                ArrayNode arr = item.putArray("embedding");
                for (float f : v) {
                    arr.add(f);
                }
            }
            tokens += Math.max(1, inputs.get(i).split("\\s+").length);
        }
        root.put("model", model);
        if (reply.usage) {
            int in = reply.inputTokens != null ? reply.inputTokens : tokens;
            root.putObject("usage").put("prompt_tokens", in).put("total_tokens", in);
        }
        Buffer inBand = Buffer.buffer(errorJson(500, "The server had an error while processing your request.").toString());
        Buffer malformed = Buffer.buffer("{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"embedding\":[0.1,");
        return Plan.json(Buffer.buffer(root.toString()), inBand, malformed, Map.of(REQUEST_ID_HEADER, "req_fake" + seq));
    }

    private static List<String> inputs(JsonNode input) {
        List<String> out = new ArrayList<>();
        if (input == null || input.isNull()) {
            out.add("");
        } else if (input.isTextual()) {
            out.add(input.asText());
        } else if (input.isArray() && !input.isEmpty() && input.get(0).isNumber()) {
            out.add(input.toString()); // one tokenized input
        } else if (input.isArray()) {
            input.forEach(item -> out.add(item.isTextual() ? item.asText() : item.toString()));
        } else {
            out.add(input.toString());
        }
        return out;
    }

    /** A deterministic unit vector for this text: same text, same vector. */
    static float[] vector(String text, int dims) {
        SplittableRandom random = new SplittableRandom(text.hashCode() * 0x9E3779B97F4A7C15L + dims);
        float[] v = new float[dims];
        double norm = 0;
        for (int i = 0; i < dims; i++) {
            v[i] = (float) (random.nextDouble() * 2 - 1);
            norm += v[i] * v[i];
        }
        float scale = (float) (1 / Math.sqrt(norm == 0 ? 1 : norm));
        for (int i = 0; i < dims; i++) {
            v[i] *= scale;
        }
        return v;
    }

    // ---- errors and models ----

    /** The error object OpenAI sends for this status. */
    static ObjectNode errorJson(int status, String message) {
        String type;
        String code;
        switch (status) {
            case 401 -> { type = "invalid_request_error"; code = "invalid_api_key"; }
            case 403 -> { type = "invalid_request_error"; code = "unsupported_country_region_territory"; }
            case 404 -> { type = "invalid_request_error"; code = "model_not_found"; }
            case 429 -> { type = "requests"; code = "rate_limit_exceeded"; }
            default -> {
                type = status >= 500 ? "server_error" : "invalid_request_error";
                code = null;
            }
        }
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", message).put("type", type).putNull("param");
        if (code == null) {
            error.putNull("code");
        } else {
            error.put("code", code);
        }
        return root;
    }

    static String defaultMessage(int status) {
        return switch (status) {
            case 400 -> "Invalid request.";
            case 401 -> "Incorrect API key provided.";
            case 404 -> "The model does not exist or you do not have access to it.";
            case 429 -> "Rate limit reached for requests. Please try again later.";
            case 503 -> "The engine is currently overloaded, please try again later.";
            default -> status >= 500 ? "The server had an error while processing your request." : "Request failed.";
        };
    }

    static Buffer models() {
        ObjectNode root = JSON.createObjectNode().put("object", "list");
        root.putArray("data").addObject().put("id", "fake-model").put("object", "model").put("created", 1700000000L)
                .put("owned_by", "fake-upstream");
        return Buffer.buffer(root.toString());
    }
}
