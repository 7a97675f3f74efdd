package dev.freeport.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.ChatRequest;
import dev.freeport.api.ChatResult;
import dev.freeport.api.EmbeddingsRequest;
import dev.freeport.api.EmbeddingsResult;
import dev.freeport.config.ProviderConfig;
import dev.freeport.dialect.gemini.GeminiContents;
import dev.freeport.dialect.gemini.GeminiEmbeddings;
import dev.freeport.dialect.gemini.GeminiErrors;
import dev.freeport.dialect.gemini.GeminiRequestMapper;
import dev.freeport.dialect.gemini.GeminiResponseMapper;
import dev.freeport.dialect.gemini.GeminiStreamDecoder;
import dev.freeport.json.JsonFields;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.UpstreamFailure;
import dev.freeport.provider.http.ChatCodec;
import dev.freeport.provider.http.ProviderSettings;
import dev.freeport.provider.http.StreamDecoder;
import dev.freeport.provider.http.UpstreamRequest;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The native Google Gemini API back end (generativelanguage.googleapis.com v1beta): OpenAI chat completions in,
 * {@code POST /models/{model}:generateContent} or {@code :streamGenerateContent?alt=sse} out, the answer (whole or
 * streamed) translated back; embeddings through {@code :batchEmbedContents}. The translation lives in
 * {@link GeminiRequestMapper}, {@link GeminiContents}, {@link GeminiResponseMapper}, {@link GeminiStreamDecoder}
 * and {@link GeminiErrors}; this class wires them to {@link ChatCodec} and builds the HTTP requests. The API key
 * is sent by this codec in {@code x-goog-api-key} (never in the URL), whatever {@code authStyle} says.
 * Pure and thread-safe.
 */
public final class GeminiCodec implements ChatCodec {
    /** Gemini models without thinking (1.x, 2.0): they answer 400 to any thinkingConfig. */
    private static final Pattern NO_THINKING = Pattern.compile("(models/)?gemini-(1\\.|2\\.0).*");


    public static final String DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com/v1beta";
    public static final String KEY_HEADER = "x-goog-api-key";

    private final ProviderSettings settings;
    private final Clock clock;
    private final GeminiRequestMapper requests;
    private final GeminiErrors errors;

    public GeminiCodec(ProviderSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /** With a fixed clock for the {@code created} timestamps (tests). */
    public GeminiCodec(ProviderSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.requests = new GeminiRequestMapper(settings.name());
        this.errors = new GeminiErrors(settings.name(), settings.apiKey());
    }

    /**
     * Settings for a {@code type: gemini} provider: base URL defaults to {@value #DEFAULT_BASE_URL} (trailing
     * slashes removed), the key stays in {@code apiKey} and is sent as {@value #KEY_HEADER} by the codec (so
     * {@code authStyle} is NONE: there is no Gemini AuthStyle), config headers are sent as they are.
     */
    public static ProviderSettings settings(ProviderConfig pc) {
        String base = pc.baseUrl() == null || pc.baseUrl().isBlank() ? DEFAULT_BASE_URL : pc.baseUrl().strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return new ProviderSettings(pc.name(), "gemini", null, base, pc.apiKey(), ProviderSettings.AuthStyle.NONE,
                pc.headers() == null ? Map.of() : Map.copyOf(pc.headers()),
                new ProviderSettings.Quirks(false, true, null, true));
    }

    /**
     * The request path for a model and method: "gemini-2.5-flash" or "models/gemini-2.5-flash" →
     * "/models/gemini-2.5-flash:generateContent"; "tunedModels/x" keeps its collection. The id is URL-encoded.
     */
    public static String path(String model, String method) {
        String m = model.strip();
        String collection = "models";
        int slash = m.indexOf('/');
        if (slash > 0 && (m.startsWith("models/") || m.startsWith("tunedModels/"))) {
            collection = m.substring(0, slash);
            m = m.substring(slash + 1);
        }
        return "/" + collection + "/" + URLEncoder.encode(m, StandardCharsets.UTF_8).replace("+", "%20")
                + ":" + method;
    }

    @Override
    public UpstreamRequest encodeChat(ChatRequest request, String upstreamModel, boolean stream) {
        JsonNode canonical = request.body();
        if (request.nativeAnthropic() != null && canonical.has("reasoning_effort")
                && NO_THINKING.matcher(upstreamModel).matches()) {
            // an Anthropic caller's effort is a preference; Gemini models before 2.5 refuse a thinkingConfig
            canonical = ((ObjectNode) canonical).deepCopy().without("reasoning_effort");
        }
        ObjectNode body = requests.map(canonical, request.maxOutputTokens());
        String path = stream ? path(upstreamModel, "streamGenerateContent") + "?alt=sse"
                : path(upstreamModel, "generateContent");
        return new UpstreamRequest(HttpMethod.POST, path, headers(stream), Buffer.buffer(body.toString()));
    }

    @Override
    public ChatResult decodeChat(ChatRequest request, String upstreamModel, Buffer body) {
        return GeminiResponseMapper.map(settings.name(), read(body), upstreamModel, now());
    }

    @Override
    public StreamDecoder streamDecoder(ChatRequest request, String upstreamModel) {
        return new GeminiStreamDecoder(errors, upstreamModel, now());
    }

    @Override
    public UpstreamFailure mapError(int status, MultiMap headers, Buffer body) {
        return errors.map(status, headers, body);
    }

    @Override
    public UpstreamRequest encodeEmbeddings(EmbeddingsRequest request, String upstreamModel) {
        String resource = upstreamModel.contains("/") ? upstreamModel : "models/" + upstreamModel;
        ObjectNode body = GeminiEmbeddings.request(request, resource, settings.name());
        return new UpstreamRequest(HttpMethod.POST, path(upstreamModel, "batchEmbedContents"), headers(false),
                Buffer.buffer(body.toString()));
    }

    @Override
    public EmbeddingsResult decodeEmbeddings(EmbeddingsRequest request, String upstreamModel, Buffer body) {
        return GeminiEmbeddings.result(request, upstreamModel, read(body), settings.name());
    }

    private MultiMap headers(boolean stream) {
        MultiMap h = MultiMap.caseInsensitiveMultiMap();
        h.set("content-type", "application/json");
        h.set("accept", stream ? "text/event-stream" : "application/json");
        String key = settings.apiKey();
        if (key != null && !key.isEmpty()) {
            h.set(KEY_HEADER, key);
        }
        if (settings.headers() != null) {
            settings.headers().forEach(h::set);
        }
        return h;
    }

    private JsonNode read(Buffer body) {
        if (body == null || body.length() == 0) {
            throw GeminiResponseMapper.malformed(settings.name(), "answer is empty");
        }
        try {
            return JsonFields.MAPPER.readTree(body.getBytes());
        } catch (IOException e) {
            throw UpstreamFailure.of(FailureKind.MALFORMED, 200, settings.name() + ": answer is not JSON")
                    .toException();
        }
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }
}
