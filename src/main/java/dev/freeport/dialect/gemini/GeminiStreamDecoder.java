package dev.freeport.dialect.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.json.JsonFields;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.StreamItem;
import dev.freeport.provider.UpstreamFailure;
import dev.freeport.provider.http.SseEvent;
import dev.freeport.provider.http.StreamDecoder;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Gemini {@code streamGenerateContent?alt=sse} → OpenAI chat.completion.chunk items, one decoder per stream. Each
 * SSE data is a whole GenerateContentResponse; Gemini sends no [DONE] and ends by closing.
 *
 * <p>The first chunk carries {@code delta.role}; text parts → {@code delta.content}; thought parts →
 * {@code delta.reasoning_content}; a functionCall part arrives whole → one tool_calls delta with id, name and the
 * full arguments at the candidate's next tool index; a finishReason → a chunk with the mapped finish_reason. The
 * usageMetadata of the last event that had one → a usage chunk ({@code choices:[]}, always sent; the gateway drops
 * it when the caller did not ask) and End when the upstream closes after a finishReason. A close without any
 * finishReason, an unreadable event, or an {@code error} object in the stream → Failed(STREAM_CUT).
 */
public final class GeminiStreamDecoder implements StreamDecoder {

    private final GeminiErrors errors;
    private final long created;
    private final Map<Integer, Integer> toolsPerCandidate = new HashMap<>();
    private final Set<Integer> finished = new HashSet<>();
    private String id;
    private String model;
    private JsonNode lastUsage;
    private boolean started;
    private boolean done;

    public GeminiStreamDecoder(GeminiErrors errors, String fallbackModel, long created) {
        this.errors = errors;
        this.model = fallbackModel;
        this.created = created;
    }

    @Override
    public void onEvent(SseEvent event, Consumer<StreamItem> out) {
        if (done) {
            return;
        }
        String data = event.data() == null ? "" : event.data().strip();
        if (data.isEmpty()) {
            return;
        }
        JsonNode root = JsonFields.parse(data);
        if (root == null || !root.isObject()) {
            fail(out, "unreadable stream event", null);
            return;
        }
        if (JsonFields.has(root, "error")) {
            GeminiErrors.Parsed p = GeminiErrors.parse(root);
            fail(out, "error in stream: " + (p.message() == null ? "unknown" : p.message()), p.status());
            return;
        }
        if (id == null) {
            id = GeminiResponseMapper.id(root);
        }
        if (JsonFields.text(root, "modelVersion") != null) {
            model = JsonFields.text(root, "modelVersion");
        }
        if (root.get("usageMetadata") != null && root.get("usageMetadata").isObject()) {
            lastUsage = root.get("usageMetadata");
        }
        JsonNode candidates = root.get("candidates");
        if (candidates != null && candidates.isArray() && !candidates.isEmpty()) {
            for (int i = 0; i < candidates.size(); i++) {
                JsonNode c = candidates.get(i);
                candidate(c.path("index").isInt() ? c.get("index").asInt() : i, c, out);
            }
        } else if (JsonFields.has(root.get("promptFeedback"), "blockReason") && finished.add(0)) {
            start(out);
            emit(out, chunk(0, JsonFields.object(), "content_filter"));
        }
    }

    private void candidate(int index, JsonNode c, Consumer<StreamItem> out) {
        start(out);
        JsonNode parts = c.path("content").path("parts");
        if (parts.isArray()) {
            for (JsonNode p : parts) {
                if (p.has("functionCall")) {
                    int n = toolsPerCandidate.merge(index, 1, Integer::sum) - 1;
                    ObjectNode call = GeminiResponseMapper.toolCall(p, n);
                    ObjectNode withIndex = JsonFields.object().put("index", n);
                    withIndex.setAll(call);
                    ObjectNode delta = JsonFields.object();
                    delta.putArray("tool_calls").add(withIndex);
                    emit(out, chunk(index, delta, null));
                } else {
                    String text = JsonFields.text(p, "text");
                    if (text != null && !text.isEmpty()) {
                        String field = p.path("thought").asBoolean(false) ? "reasoning_content" : "content";
                        emit(out, chunk(index, JsonFields.object().put(field, text), null));
                    }
                }
            }
        }
        String reason = JsonFields.text(c, "finishReason");
        if (reason != null && finished.add(index)) {
            String finish = FinishReasons.toOpenAi(reason, toolsPerCandidate.getOrDefault(index, 0) > 0);
            emit(out, chunk(index, JsonFields.object(), finish));
        }
    }

    @Override
    public void onClose(Consumer<StreamItem> out) {
        if (done) {
            return;
        }
        if (finished.isEmpty()) {
            fail(out, "stream closed before a finishReason", null);
            return;
        }
        if (lastUsage != null) {
            ObjectNode u = base();
            u.putArray("choices");
            u.set("usage", GeminiUsage.of(lastUsage).toOpenAi());
            emit(out, u);
        }
        done = true;
        out.accept(StreamItem.END);
    }

    private void start(Consumer<StreamItem> out) {
        if (!started) {
            started = true;
            emit(out, chunk(0, JsonFields.object().put("role", "assistant").put("content", ""), null));
        }
    }

    private void fail(Consumer<StreamItem> out, String message, String upstreamType) {
        done = true;
        out.accept(new StreamItem.Failed(new UpstreamFailure(FailureKind.STREAM_CUT, 0, errors.message(message),
                null, upstreamType, null)));
    }

    private static void emit(Consumer<StreamItem> out, ObjectNode chunk) {
        out.accept(new StreamItem.Chunk(chunk));
    }

    private ObjectNode base() {
        ObjectNode c = JsonFields.object();
        c.put("id", id != null ? id : "chatcmpl-gemini");
        c.put("object", "chat.completion.chunk");
        c.put("created", created);
        c.put("model", model);
        return c;
    }

    private ObjectNode chunk(int index, ObjectNode delta, String finishReason) {
        ObjectNode c = base();
        ArrayNode choices = c.putArray("choices");
        ObjectNode choice = choices.addObject();
        choice.put("index", index);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        return c;
    }
}
