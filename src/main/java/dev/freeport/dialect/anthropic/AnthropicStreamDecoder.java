package dev.freeport.dialect.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.json.JsonFields;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.StreamItem;
import dev.freeport.provider.UpstreamFailure;
import dev.freeport.provider.http.SseEvent;
import dev.freeport.provider.http.StreamDecoder;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Anthropic Messages SSE events → OpenAI chat.completion.chunk items, one decoder per stream.
 *
 * <p>message_start gives the first chunk ({@code delta.role}); text_delta → {@code delta.content};
 * thinking_delta → {@code delta.reasoning_content}; a tool_use block start → a tool_calls delta with id, name
 * and empty arguments, each input_json_delta → an arguments fragment (tool index counts tool blocks only, as
 * OpenAI's does); message_delta → a chunk with the mapped finish_reason; message_stop → a usage chunk
 * ({@code choices:[]}, always sent; the gateway drops it when the caller did not ask) and End. A json_schema
 * {@link JsonOutput}'s forced tool streams its input as {@code delta.content}. An {@code error} event, or a close
 * before message_stop, is a STREAM_CUT; an error event before any chunk keeps its retryable kind instead.
 */
public final class AnthropicStreamDecoder implements StreamDecoder {

    private enum Kind { TEXT, THINKING, TOOL, JSON_TOOL, OTHER }

    private record Block(Kind kind, int toolIndex) {
    }

    private final String provider;
    private final long created;
    private final JsonOutput json;
    private final Map<Integer, Block> blocks = new HashMap<>();
    private String id;
    private String model;
    private int tools;
    private boolean realToolCalled;
    private boolean emitted;
    private boolean done;
    private AnthropicUsage usage = AnthropicUsage.ZERO;

    /**
     * @param providerName  for error messages
     * @param fallbackModel the model to report until message_start names one
     * @param created       the chunks' {@code created} timestamp (epoch seconds)
     * @param json          the request's JSON-output emulation
     */
    public AnthropicStreamDecoder(String providerName, String fallbackModel, long created, JsonOutput json) {
        this.provider = providerName;
        this.model = fallbackModel;
        this.created = created;
        this.json = json;
    }

    @Override
    public void onEvent(SseEvent event, Consumer<StreamItem> out) {
        if (done) {
            return;
        }
        JsonNode data;
        try {
            data = JsonFields.MAPPER.readTree(event.data());
        } catch (JsonProcessingException e) {
            data = null;
        }
        if (data == null || !data.isObject()) {
            fail(out, emitted ? FailureKind.STREAM_CUT : FailureKind.MALFORMED, "unreadable stream event", null);
            return;
        }
        String type = JsonFields.text(data, "type");
        if (type == null) {
            type = String.valueOf(event.event());
        }
        switch (type) {
            case "message_start" -> messageStart(data.path("message"), out);
            case "content_block_start" -> blockStart(data.path("index").asInt(), data.path("content_block"), out);
            case "content_block_delta" -> blockDelta(data.path("index").asInt(), data.path("delta"), out);
            case "message_delta" -> messageDelta(data, out);
            case "message_stop" -> {
                emit(out, usageChunk());
                done = true;
                out.accept(StreamItem.END);
            }
            case "error" -> streamError(data.path("error"), out);
            default -> {
                // ping, content_block_stop and future event types carry nothing for OpenAI
            }
        }
    }

    @Override
    public void onClose(Consumer<StreamItem> out) {
        if (!done) {
            fail(out, FailureKind.STREAM_CUT, "stream closed before message_stop", null);
        }
    }

    private void messageStart(JsonNode message, Consumer<StreamItem> out) {
        if (JsonFields.text(message, "id") != null) {
            id = JsonFields.text(message, "id");
        }
        if (JsonFields.text(message, "model") != null) {
            model = JsonFields.text(message, "model");
        }
        usage = usage.updatedBy(message.get("usage"));
        emit(out, chunk(JsonFields.object().put("role", "assistant").put("content", ""), null));
    }

    private void blockStart(int index, JsonNode block, Consumer<StreamItem> out) {
        String type = String.valueOf(JsonFields.text(block, "type"));
        switch (type) {
            case "text" -> {
                blocks.put(index, new Block(Kind.TEXT, -1));
                String text = JsonFields.text(block, "text");
                if (text != null && !text.isEmpty()) {
                    emit(out, chunk(JsonFields.object().put("content", text), null));
                }
            }
            case "thinking" -> blocks.put(index, new Block(Kind.THINKING, -1));
            case "tool_use" -> {
                String name = JsonFields.text(block, "name");
                if (json.isJsonTool(name)) {
                    blocks.put(index, new Block(Kind.JSON_TOOL, -1));
                    return;
                }
                realToolCalled = true;
                int toolIndex = tools++;
                blocks.put(index, new Block(Kind.TOOL, toolIndex));
                ObjectNode call = AnthropicResponseMapper.toolCall(JsonFields.text(block, "id"), name, "");
                call.put("index", toolIndex);
                ObjectNode delta = JsonFields.object();
                delta.putArray("tool_calls").add(call);
                emit(out, chunk(delta, null));
            }
            default -> blocks.put(index, new Block(Kind.OTHER, -1));
        }
    }

    private void blockDelta(int index, JsonNode delta, Consumer<StreamItem> out) {
        Block block = blocks.getOrDefault(index, new Block(Kind.OTHER, -1));
        switch (String.valueOf(JsonFields.text(delta, "type"))) {
            case "text_delta" -> text("content", JsonFields.text(delta, "text"), out);
            case "thinking_delta" -> text("reasoning_content", JsonFields.text(delta, "thinking"), out);
            case "input_json_delta" -> {
                String part = JsonFields.text(delta, "partial_json");
                if (part == null || part.isEmpty()) {
                    return;
                }
                if (block.kind() == Kind.JSON_TOOL) {
                    text("content", part, out);
                } else if (block.kind() == Kind.TOOL) {
                    ObjectNode call = JsonFields.object().put("index", block.toolIndex());
                    call.putObject("function").put("arguments", part);
                    ObjectNode d = JsonFields.object();
                    d.putArray("tool_calls").add(call);
                    emit(out, chunk(d, null));
                }
            }
            default -> {
                // signature_delta, citations_delta: nothing OpenAI can show
            }
        }
    }

    private void text(String field, String value, Consumer<StreamItem> out) {
        if (value != null && !value.isEmpty()) {
            emit(out, chunk(JsonFields.object().put(field, value), null));
        }
    }

    private void messageDelta(JsonNode data, Consumer<StreamItem> out) {
        usage = usage.updatedBy(data.get("usage"));
        String finish = StopReasons.toOpenAi(JsonFields.text(data.path("delta"), "stop_reason"));
        if ("tool_calls".equals(finish) && !realToolCalled && json.forcesTool()) {
            finish = "stop";
        }
        if (finish != null) {
            emit(out, chunk(JsonFields.object(), finish));
        }
    }

    private void streamError(JsonNode error, Consumer<StreamItem> out) {
        String type = JsonFields.text(error, "type");
        String message = JsonFields.text(error, "message");
        FailureKind kind = emitted ? FailureKind.STREAM_CUT : AnthropicErrors.kindOf(type);
        fail(out, kind, message != null ? message : String.valueOf(type), type);
    }

    private void fail(Consumer<StreamItem> out, FailureKind kind, String message, String upstreamType) {
        done = true;
        out.accept(new StreamItem.Failed(new UpstreamFailure(kind, 0, provider + ": " + message, null,
                upstreamType, null)));
    }

    private void emit(Consumer<StreamItem> out, ObjectNode chunk) {
        emitted = true;
        out.accept(new StreamItem.Chunk(chunk));
    }

    private ObjectNode base() {
        ObjectNode c = JsonFields.object();
        c.put("id", id);
        c.put("object", "chat.completion.chunk");
        c.put("created", created);
        c.put("model", model);
        return c;
    }

    private ObjectNode chunk(ObjectNode delta, String finishReason) {
        ObjectNode c = base();
        ObjectNode choice = c.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        return c;
    }

    private ObjectNode usageChunk() {
        ObjectNode c = base();
        c.putArray("choices");
        c.set("usage", usage.toOpenAi());
        return c;
    }
}
