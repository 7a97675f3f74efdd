package dev.freeport.dialect.bedrock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.dialect.anthropic.AnthropicStreamDecoder;
import dev.freeport.json.JsonFields;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.StreamItem;
import dev.freeport.provider.UpstreamFailure;
import dev.freeport.provider.http.SseEvent;
import dev.freeport.provider.http.StreamDecoder;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * ConverseStream events (from {@link EventStreamFramer}) → Anthropic Messages events → OpenAI chunks through
 * {@link AnthropicStreamDecoder}, so tool calls, thinking and usage stream exactly as from Claude's own API.
 * messageStart → message_start; contentBlockStart (toolUse) → content_block_start tool_use; a delta of a block
 * not started yet opens a text or thinking block first; text / toolUse.input / reasoningContent.text deltas →
 * text_delta / input_json_delta / thinking_delta; contentBlockStop → content_block_stop; messageStop's reason is
 * held until metadata brings the usage, then message_delta (reason + usage) and message_stop end the stream (at
 * the close, without metadata). An exception event fails the stream: before the first chunk with the kind its type
 * stands for (throttling is retried), after it as a cut.
 */
public final class ConverseStreamDecoder implements StreamDecoder {
    private final String provider;
    private final AnthropicStreamDecoder inner;
    private final Set<Integer> open = new HashSet<>();
    private final String model;
    private final String id;
    private String stopReason;
    private boolean emitted;
    private boolean done;

    /** @param id the message id the chunks carry */
    public ConverseStreamDecoder(String provider, String model, String id, AnthropicStreamDecoder inner) {
        this.provider = provider;
        this.model = model;
        this.id = id;
        this.inner = inner;
    }

    @Override
    public void onEvent(SseEvent event, Consumer<StreamItem> out) {
        if (done) {
            return;
        }
        Consumer<StreamItem> tracking = item -> {
            if (item instanceof StreamItem.Chunk) {
                emitted = true;
            } else {
                done = true;
            }
            out.accept(item);
        };
        String name = event.event() == null ? "" : event.event();
        if (name.startsWith(EventStreamFramer.EXCEPTION) || name.startsWith(EventStreamFramer.ERROR)) {
            failed(name, event.data(), tracking);
            return;
        }
        JsonNode data;
        try {
            data = JsonFields.MAPPER.readTree(event.data());
        } catch (JsonProcessingException e) {
            data = null;
        }
        if (data == null || !data.isObject()) {
            fail(tracking, emitted ? FailureKind.STREAM_CUT : FailureKind.MALFORMED, "unreadable " + name + " event");
            return;
        }
        switch (name) {
            case "messageStart" -> {
                ObjectNode m = JsonFields.object().put("id", id).put("type", "message")
                        .put("role", "assistant").put("model", model);
                m.putArray("content");
                m.putObject("usage").put("input_tokens", 0).put("output_tokens", 0);
                send("message_start", JsonFields.object().set("message", m), tracking);
            }
            case "contentBlockStart" -> {
                int index = data.path("contentBlockIndex").asInt();
                JsonNode tool = data.path("start").path("toolUse");
                if (tool.isObject()) {
                    ObjectNode block = JsonFields.object().put("type", "tool_use")
                            .put("id", JsonFields.text(tool, "toolUseId")).put("name", JsonFields.text(tool, "name"));
                    block.putObject("input");
                    start(index, block, tracking);
                }
            }
            case "contentBlockDelta" -> delta(data.path("contentBlockIndex").asInt(), data.path("delta"), tracking);
            case "contentBlockStop" -> {
                int index = data.path("contentBlockIndex").asInt();
                if (open.remove(index)) {
                    send("content_block_stop", JsonFields.object().put("index", index), tracking);
                }
            }
            case "messageStop" -> stopReason = ConverseAnswers.stopReason(JsonFields.text(data, "stopReason"));
            case "metadata" -> finish(data.get("usage"), tracking);
            default -> {
                // future event types carry nothing OpenAI can show
            }
        }
    }

    @Override
    public void onClose(Consumer<StreamItem> out) {
        if (done) {
            return;
        }
        if (stopReason != null) {
            finish(null, out);
        } else {
            inner.onClose(out);
        }
    }

    private void delta(int index, JsonNode delta, Consumer<StreamItem> out) {
        if (delta.has("text")) {
            ensure(index, "text", out);
            send("content_block_delta", event(index, JsonFields.object().put("type", "text_delta")
                    .put("text", delta.get("text").asText())), out);
        } else if (delta.path("toolUse").has("input")) {
            send("content_block_delta", event(index, JsonFields.object().put("type", "input_json_delta")
                    .put("partial_json", delta.path("toolUse").get("input").asText())), out);
        } else if (delta.has("reasoningContent")) {
            JsonNode r = delta.get("reasoningContent");
            ensure(index, "thinking", out);
            if (r.has("text")) {
                send("content_block_delta", event(index, JsonFields.object().put("type", "thinking_delta")
                        .put("thinking", r.get("text").asText())), out);
            } else if (r.has("signature")) {
                send("content_block_delta", event(index, JsonFields.object().put("type", "signature_delta")
                        .put("signature", r.get("signature").asText())), out);
            }
        }
    }

    private void ensure(int index, String type, Consumer<StreamItem> out) {
        if (!open.contains(index)) {
            ObjectNode block = JsonFields.object().put("type", type);
            block.put(type.equals("text") ? "text" : "thinking", "");
            start(index, block, out);
        }
    }

    private void start(int index, ObjectNode block, Consumer<StreamItem> out) {
        open.add(index);
        ObjectNode e = JsonFields.object().put("index", index);
        e.set("content_block", block);
        send("content_block_start", e, out);
    }

    private void finish(JsonNode usage, Consumer<StreamItem> out) {
        ObjectNode delta = JsonFields.object();
        delta.putObject("delta").put("stop_reason", stopReason != null ? stopReason : "end_turn")
                .putNull("stop_sequence");
        if (usage != null) {
            delta.set("usage", ConverseAnswers.usage(usage));
        }
        send("message_delta", delta, out);
        send("message_stop", JsonFields.object(), out);
        done = true;
    }

    private void failed(String name, String data, Consumer<StreamItem> out) {
        String type = name.substring(name.indexOf(':') + 1);
        String message = null;
        try {
            JsonNode body = JsonFields.MAPPER.readTree(data);
            message = body == null ? null : JsonFields.text(body, "message");
        } catch (JsonProcessingException notJson) {
            message = data;
        }
        FailureKind kind = emitted ? FailureKind.STREAM_CUT : BedrockErrors.kindOf(type, 0);
        fail(out, kind, type + (message == null || message.isBlank() ? "" : ": " + message), type);
    }

    private void fail(Consumer<StreamItem> out, FailureKind kind, String message) {
        fail(out, kind, message, null);
    }

    private void fail(Consumer<StreamItem> out, FailureKind kind, String message, String type) {
        done = true;
        out.accept(new StreamItem.Failed(new UpstreamFailure(kind, 0,
                dev.freeport.provider.http.Redaction.message(provider, message, null), null,
                dev.freeport.provider.http.Redaction.token(type, null), null)));
    }

    private static ObjectNode event(int index, ObjectNode delta) {
        ObjectNode e = JsonFields.object().put("index", index);
        e.set("delta", delta);
        return e;
    }

    private void send(String type, ObjectNode data, Consumer<StreamItem> out) {
        ObjectNode withType = JsonFields.object().put("type", type);
        withType.setAll(data);
        inner.onEvent(new SseEvent(type, withType.toString()), out);
    }
}
