package dev.freeport.provider.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.ChatRequest;
import dev.freeport.api.ChatResult;
import dev.freeport.api.EmbeddingsRequest;
import dev.freeport.api.EmbeddingsResult;
import dev.freeport.api.Usage;
import dev.freeport.dialect.openai.AnswerScan;
import dev.freeport.dialect.openai.KimiWebSearch;
import dev.freeport.dialect.openai.ModelField;
import dev.freeport.dialect.openai.OpenAiErrors;
import dev.freeport.dialect.openai.OpenAiStreamDecoder;
import dev.freeport.dialect.openai.OpenAiUsage;
import dev.freeport.json.Json;
import dev.freeport.json.JsonBytes;
import dev.freeport.json.OwnBytes;
import dev.freeport.json.WrittenBody;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.UpstreamFailure;
import dev.freeport.provider.http.ChatCodec;
import dev.freeport.provider.http.ProviderSettings;
import dev.freeport.provider.http.ProviderSettings.Quirks;
import dev.freeport.provider.http.StreamDecoder;
import dev.freeport.provider.http.UpstreamRequest;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

import java.time.Clock;

/**
 * The OpenAI chat-completions dialect, spoken by OpenAI and every OpenAI-compatible host or server. Requests pass
 * through with the caller's unknown fields intact (only model, stream options and the output-cap spelling are
 * adjusted to the preset's {@link Quirks}); a {@code reasoning_effort} translated from an Anthropic caller's effort
 * goes only where the preset takes it ({@link OpenAiPresets#takesDerivedEffort}). Answers pass through unchanged.
 * Pure and thread-safe.
 */
public final class OpenAiCodec implements ChatCodec {

    private static final ObjectMapper MAPPER = Json.MAPPER;
    private static final String JSON = "application/json";

    private final ProviderSettings settings;
    private final Quirks quirks;
    private final OpenAiErrors errors;
    private final boolean endsOnClose;
    /** the shared request headers, made on first use (racing threads make equal ones) */
    private volatile MultiMap streamHeaders;
    private volatile MultiMap answerHeaders;
    /** Moonshot's built-in {@code $web_search} calls are counted into the usage (billed per call) */
    private final boolean kimiWebSearch;

    public OpenAiCodec(ProviderSettings settings) {
        this(settings, Clock.systemUTC(), false);
    }

    /** @param kimiWebSearch the upstream is Moonshot's: count its billed {@code $web_search} calls */
    public OpenAiCodec(ProviderSettings settings, boolean kimiWebSearch) {
        this(settings, Clock.systemUTC(), kimiWebSearch);
    }

    /** With a clock, for Retry-After dates. */
    OpenAiCodec(ProviderSettings settings, Clock clock) {
        this(settings, clock, false);
    }

    private OpenAiCodec(ProviderSettings settings, Clock clock, boolean kimiWebSearch) {
        this.kimiWebSearch = kimiWebSearch;
        this.settings = settings;
        this.quirks = settings.quirks() == null ? OpenAiPresets.GENERIC : settings.quirks();
        this.errors = new OpenAiErrors(settings.name(), settings.apiKey(), MAPPER, clock);
        this.endsOnClose = OpenAiPresets.endsOnClose(settings.preset());
    }

    /** An upstream model's name and its JSON string, kept for the next request to the same model. */
    private record QuotedModel(String model, byte[] quoted) {
    }

    /** the last model quoted (a target's name is the same String on every request: one compare) */
    private volatile QuotedModel lastQuoted;

    /** {@code model} as a JSON string to splice, quoted once per model in a row, not per request. */
    private byte[] quoted(String model) {
        QuotedModel q = lastQuoted;
        if (q == null || !q.model().equals(model)) {
            q = new QuotedModel(model, ModelField.quoted(model));
            lastQuoted = q;
        }
        return q.quoted();
    }

    @Override
    public UpstreamRequest encodeChat(ChatRequest request, String upstreamModel, boolean stream) {
        WrittenBody sent = SentBody.encode(request, quoted(upstreamModel), stream, quirks);
        if (sent != null) {
            return new UpstreamRequest(HttpMethod.POST, "/chat/completions", headers(stream), null, sent);
        }
        // a copy of the top level only: the messages are shared, read-only, with the caller's request
        ObjectNode body = request.body().objectNode();
        body.setAll(request.body());
        body.put("model", upstreamModel);
        if (stream) {
            body.put("stream", true);
            if (quirks.streamUsageOption()) {
                JsonNode existing = body.get("stream_options");
                ObjectNode options = existing instanceof ObjectNode o ? o.deepCopy() : body.objectNode();
                body.set("stream_options", options.put("include_usage", true));
            } else {
                body.remove("stream_options");
            }
        } else {
            body.remove("stream");
            body.remove("stream_options");
        }
        renameOutputCap(body);
        if (request.nativeAnthropic() != null && !OpenAiPresets.takesDerivedEffort(settings.preset(), upstreamModel)) {
            body.remove("reasoning_effort");   // an Anthropic caller's effort: a preference this host may not take
        }
        if (request.maxOutputTokens() != null && !body.hasNonNull(OpenAiPresets.MAX_TOKENS)
                && !body.hasNonNull(OpenAiPresets.MAX_COMPLETION_TOKENS)) {
            // a cap the gateway imposed (e.g. under a hard budget): the caller's body has none
            body.put(quirks.maxTokensField() != null ? quirks.maxTokensField() : OpenAiPresets.MAX_TOKENS,
                    request.maxOutputTokens());
        }
        return new UpstreamRequest(HttpMethod.POST, "/chat/completions", headers(stream), bytes(body));
    }

    /** Moves the output cap to the spelling the upstream wants; when both are present, the newer one wins. */
    private void renameOutputCap(ObjectNode body) {
        String want = quirks.maxTokensField();
        if (want == null) {
            return;
        }
        String other = OpenAiPresets.MAX_TOKENS.equals(want)
                ? OpenAiPresets.MAX_COMPLETION_TOKENS : OpenAiPresets.MAX_TOKENS;
        JsonNode sent = body.remove(other);
        if (sent == null || sent.isNull()) {
            return;
        }
        boolean keepExisting = body.hasNonNull(want) && OpenAiPresets.MAX_COMPLETION_TOKENS.equals(want);
        if (!keepExisting) {
            body.set(want, sent);
        }
    }

    @Override
    public ChatResult decodeChat(ChatRequest request, String upstreamModel, Buffer body) {
        // scanned in the buffer it arrived in (no copy); the answer keeps those bytes
        JsonBytes bytes = body == null ? null : JsonBytes.of(body);
        AnswerScan.Answer scanned = bytes == null ? null : AnswerScan.scan(bytes.array(), bytes.from(), bytes.to());
        if (scanned != null) {
            Usage usage = kimiWebSearch ? KimiWebSearch.answer(bytes.toArray(), scanned.usage()) : scanned.usage();
            return ChatResult.ofBytes(bytes, usage, scanned.finishReason(), scanned.model(), OwnBytes.owns(body));
        }
        ObjectNode root = readObject(body, "answer");
        JsonNode choices = root.get("choices");
        if (choices == null || !choices.isArray()) {
            if (root.hasNonNull("error")) {
                OpenAiErrors.Parsed p = errors.fromObject(root);
                throw malformed("2xx answer carries an error: " + (p.message() == null ? "unknown" : p.message()));
            }
            throw malformed("answer has no \"choices\" array" + fieldsHint(root));
        }
        JsonNode first = choices.isEmpty() ? null : choices.get(0);
        JsonNode fr = first == null ? null : first.get("finish_reason");
        String finishReason = fr == null || fr.isNull() ? null : fr.asText();
        Usage usage = OpenAiUsage.from(root.get("usage"));
        return new ChatResult(root, kimiWebSearch ? KimiWebSearch.answer(root, usage) : usage, finishReason);
    }

    @Override
    public StreamDecoder streamDecoder(ChatRequest request, String upstreamModel) {
        StreamDecoder decoder = new OpenAiStreamDecoder(MAPPER, errors, endsOnClose);
        return kimiWebSearch ? KimiWebSearch.counting(decoder) : decoder;
    }

    @Override
    public UpstreamFailure mapError(int status, MultiMap headers, Buffer body) {
        return errors.map(status, headers, body);
    }

    @Override
    public UpstreamRequest encodeEmbeddings(EmbeddingsRequest request, String upstreamModel) {
        if (!quirks.supportsEmbeddings()) {
            return ChatCodec.super.encodeEmbeddings(request, upstreamModel);
        }
        ObjectNode body = request.body().deepCopy();
        body.put("model", upstreamModel);
        return new UpstreamRequest(HttpMethod.POST, "/embeddings", headers(false), bytes(body));
    }

    @Override
    public EmbeddingsResult decodeEmbeddings(EmbeddingsRequest request, String upstreamModel, Buffer body) {
        if (!quirks.supportsEmbeddings()) {
            return ChatCodec.super.decodeEmbeddings(request, upstreamModel, body);
        }
        ObjectNode root = readObject(body, "embeddings answer");
        JsonNode data = root.get("data");
        if (data == null || !data.isArray()) {
            throw malformed("embeddings answer has no \"data\" array" + fieldsHint(root));
        }
        JsonNode usage = root.get("usage");
        long input = usage == null ? 0 : Math.max(0, usage.path("prompt_tokens").asLong(0));
        return new EmbeddingsResult(root, input == 0 ? Usage.NONE : Usage.of(input, 0));
    }

    /**
     * The request headers (content type, accept, key, configured headers), made once per codec and shared by every
     * request, never changed after: the transport reuses its prepared options for the same headers object.
     */
    private MultiMap headers(boolean stream) {
        MultiMap h = stream ? streamHeaders : answerHeaders;
        if (h == null) {
            h = MultiMap.caseInsensitiveMultiMap();
            h.set("content-type", JSON);
            h.set("accept", stream ? "text/event-stream" : JSON);
            h = settings.keyAndHeaders(h);
            if (stream) {
                streamHeaders = h;
            } else {
                answerHeaders = h;
            }
        }
        return h;
    }

    private ObjectNode readObject(Buffer body, String what) {
        if (body == null || body.length() == 0) {
            throw malformed(what + " is empty");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body.getBytes());
        } catch (JsonProcessingException e) {
            throw malformed(what + " is not JSON: " + snippet(body));
        } catch (java.io.IOException e) {
            throw malformed(what + " could not be read");
        }
        if (node == null || !node.isObject()) {
            throw malformed(what + " is not a JSON object: " + snippet(body));
        }
        return (ObjectNode) node;
    }

    private static String fieldsHint(ObjectNode root) {
        StringBuilder sb = new StringBuilder(" (fields: ");
        var names = root.fieldNames();
        int n = 0;
        while (names.hasNext() && n < 8) {
            sb.append(n++ == 0 ? "" : ", ").append(names.next());
        }
        return n == 0 ? " (empty object)" : sb.append(')').toString();
    }

    private static String snippet(Buffer body) {
        String s = OpenAiErrors.collapse(body.getString(0, Math.min(body.length(), 240)));
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }

    private RuntimeException malformed(String message) {
        return UpstreamFailure.of(FailureKind.MALFORMED, 200, errors.message(message)).toException();
    }

    private static Buffer bytes(ObjectNode body) {
        try {
            return Buffer.buffer(MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize request body", e);
        }
    }
}
