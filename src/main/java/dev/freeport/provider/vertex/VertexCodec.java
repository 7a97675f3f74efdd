package dev.freeport.provider.vertex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.ChatRequest;
import dev.freeport.api.ChatResult;
import dev.freeport.config.CloudConfig;
import dev.freeport.config.ProviderConfig;
import dev.freeport.dialect.anthropic.AnthropicErrors;
import dev.freeport.dialect.anthropic.AnthropicRequestMapper;
import dev.freeport.dialect.anthropic.AnthropicResponseMapper;
import dev.freeport.dialect.anthropic.AnthropicStreamDecoder;
import dev.freeport.dialect.anthropic.JsonOutput;
import dev.freeport.dialect.anthropic.NativeStreamDecoder;
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
import dev.freeport.provider.openai.OpenAiCodec;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;

/**
 * Google Vertex AI, three model families under one project and location
 * ({@code {base}/projects/{project}/locations/{region}}), chosen by the model name:
 * <ul>
 *   <li>{@code claude-*}: Anthropic's Messages at {@code publishers/anthropic/models/{model}:rawPredict} or
 *       {@code :streamRawPredict}, the body without {@code model} and with {@code anthropic_version:
 *       vertex-2023-10-16} (dialect/anthropic both ways; an Anthropic caller's request and stream pass
 *       natively, as with Claude's own API);</li>
 *   <li>a {@code publisher/model} name (e.g. {@code deepseek-ai/deepseek-v3.1-maas}, {@code qwen/qwen3-...},
 *       {@code meta/llama-...}): the open models of the Model Garden through the OpenAI-compatible
 *       {@code endpoints/openapi/chat/completions};</li>
 *   <li>anything else ({@code gemini-*}): {@code publishers/google/models/{model}:generateContent} or
 *       {@code :streamGenerateContent?alt=sse} (dialect/gemini both ways).</li>
 * </ul>
 * The OAuth token is added by {@link GoogleAuthorizer}. Errors: Anthropic-shaped bodies through
 * {@link AnthropicErrors}, Google's {@code {"error":{code,message,status}}} through {@link GeminiErrors}.
 * No embeddings yet. Pure and thread-safe.
 */
public final class VertexCodec implements ChatCodec {
    public static final String ANTHROPIC_VERSION = "vertex-2023-10-16";

    enum Family { ANTHROPIC, OPENAI, GEMINI }

    private final ProviderSettings settings;
    private final String prefix;
    private final Clock clock;
    private final AnthropicRequestMapper anthropic;
    private final GeminiRequestMapper gemini;
    private final GeminiErrors geminiErrors;
    private final OpenAiCodec openai;

    public VertexCodec(ProviderSettings settings, String project, String region, Clock clock) {
        this.settings = settings;
        this.prefix = "/projects/" + enc(project) + "/locations/" + enc(region);
        this.clock = clock;
        this.anthropic = new AnthropicRequestMapper(settings.name());
        this.gemini = new GeminiRequestMapper(settings.name());
        this.geminiErrors = new GeminiErrors(settings.name(), settings.apiKey());
        this.openai = new OpenAiCodec(settings);
    }

    /** {@code https://{region}-aiplatform.googleapis.com/v1} ({@code global}: without the region), or base_url. */
    public static ProviderSettings settings(ProviderConfig pc) {
        CloudConfig.Vertex cloud = (CloudConfig.Vertex) pc.cloud();
        String base = pc.baseUrl() != null && !pc.baseUrl().isBlank() ? pc.baseUrl().strip()
                : "global".equals(cloud.region()) ? "https://aiplatform.googleapis.com/v1"
                : "https://" + cloud.region() + "-aiplatform.googleapis.com/v1";
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String key = pc.apiKey() == null || pc.apiKey().isBlank() ? null : pc.apiKey();
        return new ProviderSettings(pc.name(), "vertex", null, base, key, ProviderSettings.AuthStyle.NONE,
                pc.headers() == null ? Map.of() : Map.copyOf(pc.headers()),
                new ProviderSettings.Quirks(true, true, null, false));
    }

    static Family family(String model) {
        String m = model.strip().toLowerCase(Locale.ROOT);
        if (m.startsWith("claude")) {
            return Family.ANTHROPIC;
        }
        return m.contains("/") ? Family.OPENAI : Family.GEMINI;
    }

    @Override
    public UpstreamRequest encodeChat(ChatRequest request, String upstreamModel, boolean stream) {
        return switch (family(upstreamModel)) {
            case ANTHROPIC -> {
                ObjectNode body = request.nativeAnthropic() != null ? request.nativeAnthropic().deepCopy()
                        : anthropic.map(request.body(), upstreamModel, request.maxOutputTokens(), stream);
                body.remove("model");
                body.put("anthropic_version", ANTHROPIC_VERSION);
                if (stream) {
                    body.put("stream", true);
                } else {
                    body.remove("stream");
                }
                String path = prefix + "/publishers/anthropic/models/" + enc(upstreamModel)
                        + (stream ? ":streamRawPredict" : ":rawPredict");
                yield new UpstreamRequest(HttpMethod.POST, path, headers(stream), Buffer.buffer(body.toString()));
            }
            case GEMINI -> {
                ObjectNode body = gemini.map(request.body(), request.maxOutputTokens());
                String path = prefix + "/publishers/google/models/" + enc(upstreamModel)
                        + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
                yield new UpstreamRequest(HttpMethod.POST, path, headers(stream), Buffer.buffer(body.toString()));
            }
            case OPENAI -> {
                UpstreamRequest r = openai.encodeChat(request, upstreamModel, stream);
                yield new UpstreamRequest(r.method(), prefix + "/endpoints/openapi/chat/completions", headers(stream),
                        r.body());
            }
        };
    }

    @Override
    public ChatResult decodeChat(ChatRequest request, String upstreamModel, Buffer body) {
        return switch (family(upstreamModel)) {
            case ANTHROPIC -> {
                JsonNode message = read(body);
                ChatResult result = AnthropicResponseMapper.map(message, upstreamModel, now(),
                        JsonOutput.of(request.body()));
                yield request.nativeAnthropic() != null && message instanceof ObjectNode o
                        ? new ChatResult(result.body(), result.usage(), result.finishReason(), o) : result;
            }
            case GEMINI -> GeminiResponseMapper.map(settings.name(), read(body), upstreamModel, now());
            case OPENAI -> openai.decodeChat(request, upstreamModel, body);
        };
    }

    @Override
    public StreamDecoder streamDecoder(ChatRequest request, String upstreamModel) {
        return switch (family(upstreamModel)) {
            case ANTHROPIC -> {
                AnthropicStreamDecoder d = new AnthropicStreamDecoder(settings.name(), upstreamModel, now(),
                        JsonOutput.of(request.body()));
                yield request.nativeAnthropic() == null ? d : new NativeStreamDecoder(d);
            }
            case GEMINI -> new GeminiStreamDecoder(geminiErrors, upstreamModel, now());
            case OPENAI -> openai.streamDecoder(request, upstreamModel);
        };
    }

    @Override
    public UpstreamFailure mapError(int status, MultiMap headers, Buffer body) {
        JsonNode root = null;
        try {
            root = body == null || body.length() == 0 ? null : JsonFields.MAPPER.readTree(body.getBytes());
        } catch (IOException | RuntimeException notJson) {
            // Google's shape reads a status alone too
        }
        if (root != null && "error".equals(JsonFields.text(root, "type"))) {
            return AnthropicErrors.map(settings.name(), settings.apiKey(), status, headers, body, clock);
        }
        if (root != null && root.isArray() && !root.isEmpty()) {
            // the OpenAI-compatible endpoint sometimes wraps Google's error in a one-element array
            return geminiErrors.map(status, headers, Buffer.buffer(root.get(0).toString()));
        }
        return geminiErrors.map(status, headers, body);
    }

    private MultiMap headers(boolean stream) {
        MultiMap h = MultiMap.caseInsensitiveMultiMap();
        h.set("content-type", "application/json");
        h.set("accept", stream ? "text/event-stream" : "application/json");
        if (settings.apiKey() != null) {
            h.set("x-goog-api-key", settings.apiKey());
        }
        settings.headers().forEach(h::set);
        return h;
    }

    private JsonNode read(Buffer body) {
        try {
            JsonNode n = body == null || body.length() == 0 ? null : JsonFields.MAPPER.readTree(body.getBytes());
            if (n == null) {
                throw new IOException("empty");
            }
            return n;
        } catch (IOException e) {
            throw UpstreamFailure.of(FailureKind.MALFORMED, 200, settings.name() + ": answer is not JSON")
                    .toException();
        }
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    /** A path segment percent-encoded, '@' (Vertex's model versions: claude-...@20250929) kept as it is. */
    private static String enc(String s) {
        return URLEncoder.encode(s.strip(), StandardCharsets.UTF_8).replace("+", "%20").replace("%40", "@");
    }
}
