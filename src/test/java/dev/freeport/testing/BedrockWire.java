package dev.freeport.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes answers as AWS Bedrock's Converse API puts them on the wire: the JSON ConverseResponse, the
 * ConverseStream event stream (binary {@code application/vnd.amazon.eventstream} messages, each JSON payload with
 * the random {@code "p"} padding field Bedrock adds), exception messages, and restJson1 error bodies.
 */
public final class BedrockWire {
    static final ObjectMapper JSON = new ObjectMapper();
    public static final ObjectMapper JSON_FOR_TESTS = JSON;

    private BedrockWire() {
    }

    static ObjectNode converse(Reply reply) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode message = root.putObject("output").putObject("message").put("role", "assistant");
        ArrayNode content = message.putArray("content");
        if (!reply.text.isEmpty()) {
            content.addObject().put("text", reply.text);
        }
        for (int i = 0; i < reply.toolCalls.size(); i++) {
            ToolCall call = reply.toolCalls.get(i);
            ObjectNode t = content.addObject().putObject("toolUse").put("toolUseId", toolId(call, i))
                    .put("name", call.name());
            try {
                t.set("input", JSON.readTree(call.argumentsJson()));
            } catch (Exception e) {
                throw new IllegalArgumentException(e);
            }
        }
        root.put("stopReason", reply.toolCalls.isEmpty() ? "end_turn" : "tool_use");
        root.set("usage", usage(reply));
        root.putObject("metrics").put("latencyMs", 42);
        return root;
    }

    /** The event-stream messages of one answer; a content event is a text or tool-input delta. */
    static List<Plan.Frame> stream(Reply reply) {
        List<Plan.Frame> frames = new ArrayList<>();
        frames.add(new Plan.Frame(event("messageStart", JSON.createObjectNode().put("role", "assistant")), false));
        int index = 0;
        if (!reply.text.isEmpty()) {
            for (String piece : reply.textChunks()) {
                ObjectNode e = JSON.createObjectNode().put("contentBlockIndex", index);
                e.putObject("delta").put("text", piece);
                frames.add(new Plan.Frame(event("contentBlockDelta", e), true));
            }
            frames.add(new Plan.Frame(event("contentBlockStop", JSON.createObjectNode().put("contentBlockIndex",
                    index)), false));
            index++;
        }
        for (int i = 0; i < reply.toolCalls.size(); i++, index++) {
            ToolCall call = reply.toolCalls.get(i);
            ObjectNode start = JSON.createObjectNode().put("contentBlockIndex", index);
            start.putObject("start").putObject("toolUse").put("toolUseId", toolId(call, i)).put("name", call.name());
            frames.add(new Plan.Frame(event("contentBlockStart", start), false));
            for (String fragment : Reply.argumentFragments(call.argumentsJson())) {
                ObjectNode e = JSON.createObjectNode().put("contentBlockIndex", index);
                e.putObject("delta").putObject("toolUse").put("input", fragment);
                frames.add(new Plan.Frame(event("contentBlockDelta", e), true));
            }
            frames.add(new Plan.Frame(event("contentBlockStop", JSON.createObjectNode().put("contentBlockIndex",
                    index)), false));
        }
        frames.add(new Plan.Frame(event("messageStop", JSON.createObjectNode()
                .put("stopReason", reply.toolCalls.isEmpty() ? "end_turn" : "tool_use")), false));
        ObjectNode metadata = JSON.createObjectNode();
        metadata.set("usage", usage(reply));
        metadata.putObject("metrics").put("latencyMs", 42);
        frames.add(new Plan.Frame(event("metadata", metadata), false));
        return frames;
    }

    /** One event message: {@code :event-type}, {@code :content-type} application/json, {@code :message-type} event. */
    public static Buffer event(String type, ObjectNode payload) {
        ObjectNode padded = payload.deepCopy().put("p", "abcdefghijklmnopqrstuvwxyzABCDEF".substring(0,
                1 + Math.floorMod(type.hashCode(), 30)));
        Map<String, HeaderValue> h = new LinkedHashMap<>();
        h.put(":event-type", HeaderValue.fromString(type));
        h.put(":content-type", HeaderValue.fromString("application/json"));
        h.put(":message-type", HeaderValue.fromString("event"));
        return encode(new Message(h, padded.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** One exception message, as ConverseStream sends a throttling or model-stream error mid-stream. */
    public static Buffer exception(String type, String message) {
        Map<String, HeaderValue> h = new LinkedHashMap<>();
        h.put(":exception-type", HeaderValue.fromString(type));
        h.put(":content-type", HeaderValue.fromString("application/json"));
        h.put(":message-type", HeaderValue.fromString("exception"));
        return encode(new Message(h, JSON.createObjectNode().put("message", message).toString()
                .getBytes(StandardCharsets.UTF_8)));
    }

    /** An event whose message checksum is wrong (the last byte flipped). */
    public static Buffer corrupted(String type, ObjectNode payload) {
        Buffer good = event(type, payload);
        byte[] bytes = good.getBytes();
        bytes[bytes.length - 1] ^= 0x5A;
        return Buffer.buffer(bytes);
    }

    static Buffer encode(Message m) {
        ByteBuffer b = m.toByteBuffer();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return Buffer.buffer(out);
    }

    /** The restJson1 error type Bedrock Runtime answers this status with. */
    static String errorType(int status) {
        return switch (status) {
            case 400 -> "ValidationException";
            case 403 -> "AccessDeniedException";
            case 404 -> "ResourceNotFoundException";
            case 408 -> "ModelTimeoutException";
            case 424 -> "ModelErrorException";
            case 429 -> "ThrottlingException";
            case 503 -> "ServiceUnavailableException";
            default -> status >= 500 ? "InternalServerException" : "ValidationException";
        };
    }

    static ObjectNode usage(Reply reply) {
        ObjectNode u = JSON.createObjectNode();
        u.put("inputTokens", reply.inputTokens()).put("outputTokens", reply.outputTokens())
                .put("totalTokens", reply.inputTokens() + reply.outputTokens());
        return u;
    }

    private static String toolId(ToolCall call, int index) {
        return call.id() != null ? call.id() : "tooluse_fake" + index;
    }
}
