package dev.freeport.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.freeport.testing.OpenAiWire.JSON;

/**
 * Encodes answers in the Google Gemini API wire format: a GenerateContentResponse (candidates[0].content.parts with
 * text and functionCall parts, finishReason, usageMetadata, modelVersion, responseId), the
 * {@code streamGenerateContent?alt=sse} sequence (one {@code data:} event per text piece and per function call, the
 * last with finishReason and full usageMetadata, no [DONE], CRLF line ends as Google sends them), and Google RPC
 * error bodies {@code {"error":{code,message,status[,details]}}}. Function calls carry an {@code id} only when
 * asked (Gemini 2.5 usually sends none).
 */
final class GeminiWire {
    static final String MODEL_PREFIX = "models/";

    private GeminiWire() {
    }

    /** The model named in a ".../models/{model}:method" path, or {@link Ask#UNKNOWN_MODEL}. */
    static String modelOf(String path) {
        int colon = path.lastIndexOf(':');
        int start = path.lastIndexOf('/', colon < 0 ? path.length() - 1 : colon);
        return colon < 0 || start < 0 ? Ask.UNKNOWN_MODEL : path.substring(start + 1, colon);
    }

    static Plan generate(Reply reply, Ask ask, long seq, boolean callIds) {
        String responseId = "fakeResp" + seq;
        Map<String, String> headers = Map.of();
        ObjectNode error = errorJson(503, "The model is overloaded. Please try again later.", null);
        if (!ask.stream()) {
            Buffer malformed = Buffer.buffer("{\"candidates\":[{\"content\":{\"parts\":[{\"te");
            ObjectNode root = response(ask, responseId);
            ObjectNode candidate = candidate(root, allParts(reply, seq, callIds));
            candidate.put("finishReason", "STOP");
            if (reply.usage) {
                root.set("usageMetadata", usage(reply.inputTokens(), reply.outputTokens()));
            }
            return Plan.json(Buffer.buffer(root.toString()), Buffer.buffer(error.toString()), malformed, headers);
        }
        List<Plan.Frame> frames = new ArrayList<>();
        for (String piece : reply.textChunks()) {
            frames.add(new Plan.Frame(event(reply, ask, responseId, List.of(text(piece)), null), true));
        }
        for (int i = 0; i < reply.toolCalls.size(); i++) {
            ObjectNode call = functionCall(reply.toolCalls.get(i), seq, i, callIds);
            frames.add(new Plan.Frame(event(reply, ask, responseId, List.of(call), null), true));
        }
        frames.add(new Plan.Frame(event(reply, ask, responseId, List.of(text("")), "STOP"), false));
        Buffer malformed = data("{\"candidates\":[{\"content\":{\"parts\":[{\"te");
        return Plan.sse(frames, data(error.toString()), malformed, headers);
    }

    private static Buffer event(Reply reply, Ask ask, String responseId, List<ObjectNode> parts, String finish) {
        ObjectNode root = response(ask, responseId);
        ObjectNode candidate = candidate(root, parts);
        if (finish != null) {
            candidate.put("finishReason", finish);
        }
        if (reply.usage) {
            root.set("usageMetadata", finish != null ? usage(reply.inputTokens(), reply.outputTokens())
                    : usage(reply.inputTokens(), 0));
        }
        return data(root.toString());
    }

    private static ObjectNode response(Ask ask, String responseId) {
        ObjectNode root = JSON.createObjectNode();
        root.putArray("candidates");
        root.put("modelVersion", ask.model()).put("responseId", responseId);
        return root;
    }

    private static ObjectNode candidate(ObjectNode root, List<ObjectNode> parts) {
        ObjectNode c = ((ArrayNode) root.get("candidates")).addObject();
        ObjectNode content = c.putObject("content");
        content.putArray("parts").addAll(parts);
        content.put("role", "model");
        c.put("index", 0);
        return c;
    }

    private static List<ObjectNode> allParts(Reply reply, long seq, boolean callIds) {
        List<ObjectNode> parts = new ArrayList<>();
        if (!reply.text.isEmpty() || reply.toolCalls.isEmpty()) {
            parts.add(text(reply.text));
        }
        for (int i = 0; i < reply.toolCalls.size(); i++) {
            parts.add(functionCall(reply.toolCalls.get(i), seq, i, callIds));
        }
        return parts;
    }

    private static ObjectNode text(String t) {
        return JSON.createObjectNode().put("text", t);
    }

    private static ObjectNode functionCall(ToolCall call, long seq, int index, boolean callIds) {
        ObjectNode fc = JSON.createObjectNode();
        if (callIds) {
            fc.put("id", call.id() != null ? call.id() : "fc_fake" + seq + "_" + index);
        }
        fc.put("name", call.name());
        fc.set("args", parseArgs(call.argumentsJson()));
        ObjectNode part = JSON.createObjectNode();
        part.set("functionCall", fc);
        return part;
    }

    private static JsonNode parseArgs(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException("tool arguments are not JSON: " + json, e);
        }
    }

    private static ObjectNode usage(int in, int out) {
        ObjectNode u = JSON.createObjectNode();
        u.put("promptTokenCount", in);
        if (out > 0) {
            u.put("candidatesTokenCount", out);
        }
        u.put("totalTokenCount", in + out);
        u.putArray("promptTokensDetails").addObject().put("modality", "TEXT").put("tokenCount", in);
        return u;
    }

    private static Buffer data(String json) {
        return Buffer.buffer("data: " + json + "\r\n\r\n");
    }

    /** Google's error body for this status; a RetryInfo detail when retrySeconds is set. */
    static ObjectNode errorJson(int status, String message, Integer retrySeconds) {
        String name = switch (status) {
            case 400 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 499 -> "CANCELLED";
            case 503 -> "UNAVAILABLE";
            case 504 -> "DEADLINE_EXCEEDED";
            default -> status >= 500 ? "INTERNAL" : "FAILED_PRECONDITION";
        };
        ObjectNode root = JSON.createObjectNode();
        ObjectNode err = root.putObject("error").put("code", status).put("message", message).put("status", name);
        if (retrySeconds != null) {
            err.putArray("details").addObject().put("@type", "type.googleapis.com/google.rpc.RetryInfo")
                    .put("retryDelay", retrySeconds + "s");
        }
        return root;
    }

    static String defaultMessage(int status) {
        return switch (status) {
            case 400 -> "Request contains an invalid argument.";
            case 403 -> "Method doesn't allow unregistered callers (callers without established identity).";
            case 404 -> "models/unknown is not found for API version v1beta, or is not supported for generateContent.";
            case 429 -> "You exceeded your current quota, please check your plan and billing details.";
            case 503 -> "The model is overloaded. Please try again later.";
            default -> status >= 500 ? "An internal error has occurred." : "Request failed.";
        };
    }
}
