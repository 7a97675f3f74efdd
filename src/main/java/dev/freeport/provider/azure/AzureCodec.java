package dev.freeport.provider.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.api.ChatRequest;
import dev.freeport.api.ChatResult;
import dev.freeport.api.EmbeddingsRequest;
import dev.freeport.api.EmbeddingsResult;
import dev.freeport.config.CloudConfig;
import dev.freeport.config.ProviderConfig;
import dev.freeport.provider.StreamItem;
import dev.freeport.provider.UpstreamFailure;
import dev.freeport.provider.http.ChatCodec;
import dev.freeport.provider.http.ProviderSettings;
import dev.freeport.provider.http.SseEvent;
import dev.freeport.provider.http.StreamDecoder;
import dev.freeport.provider.http.UpstreamRequest;
import dev.freeport.provider.openai.OpenAiCodec;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Azure OpenAI and Azure AI Foundry: OpenAI's chat completions and embeddings (the OpenAI codec does the body)
 * at Azure's URLs. Without {@code api_version} the v1 API: {@code {endpoint}/openai/v1/chat/completions} with the
 * deployment name as the body's model (OpenAI's and the other providers' models deployed in Foundry alike); with
 * one, the deployment URLs {@code {endpoint}/openai/deployments/{deployment}/chat/completions?api-version=...}.
 * A base URL that already has a path ({@code .../openai/v1}, {@code .../models}) gets only the operation appended.
 * The key goes in {@code api-key}; with Entra ID sign-in an {@link EntraAuthorizer} adds the bearer token.
 * Azure's content filter is made plain: a prompt it blocks (400 {@code content_filter}) becomes a 400 naming the
 * categories ({@link ContentFilter}); the stream's {@code prompt_filter_results}-only chunks (no choices, no usage)
 * are dropped; a {@code content_filter} finish reason passes through (Anthropic callers see {@code refusal}).
 */
public final class AzureCodec implements ChatCodec {
    private final ProviderSettings settings;
    private final String apiVersion;
    private final boolean basePath;
    private final OpenAiCodec openai;

    public AzureCodec(ProviderSettings settings, String apiVersion) {
        this.settings = settings;
        this.apiVersion = apiVersion;
        String path = URI.create(settings.baseUrl()).getRawPath();
        this.basePath = path != null && !path.isEmpty() && !path.equals("/");
        this.openai = new OpenAiCodec(settings);
    }

    /** The resource endpoint; the key in {@code api-key} (none with Entra ID sign-in). */
    public static ProviderSettings settings(ProviderConfig pc) {
        String base = pc.baseUrl().strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String key = pc.apiKey() == null || pc.apiKey().isBlank() ? null : pc.apiKey();
        return new ProviderSettings(pc.name(), "azure", null, base, key,
                key != null ? ProviderSettings.AuthStyle.API_KEY_HEADER : ProviderSettings.AuthStyle.NONE,
                pc.headers() == null ? Map.of() : Map.copyOf(pc.headers()),
                new ProviderSettings.Quirks(true, true, null, true));
    }

    public static String apiVersion(ProviderConfig pc) {
        return pc.cloud() instanceof CloudConfig.Azure a ? a.apiVersion() : null;
    }

    /** The request path of an operation ("chat/completions", "embeddings") for a deployment. */
    String path(String operation, String deployment) {
        String query = apiVersion == null ? "" : "?api-version=" + URLEncoder.encode(apiVersion, StandardCharsets.UTF_8);
        if (basePath) {
            return "/" + operation + query;
        }
        if (apiVersion == null) {
            return "/openai/v1/" + operation;
        }
        return "/openai/deployments/" + URLEncoder.encode(deployment, StandardCharsets.UTF_8).replace("+", "%20")
                + "/" + operation + query;
    }

    @Override
    public UpstreamRequest encodeChat(ChatRequest request, String upstreamModel, boolean stream) {
        UpstreamRequest r = openai.encodeChat(request, upstreamModel, stream);
        return new UpstreamRequest(r.method(), path("chat/completions", upstreamModel), r.headers(), r.body());
    }

    @Override
    public ChatResult decodeChat(ChatRequest request, String upstreamModel, Buffer body) {
        return openai.decodeChat(request, upstreamModel, body);
    }

    @Override
    public StreamDecoder streamDecoder(ChatRequest request, String upstreamModel) {
        StreamDecoder inner = openai.streamDecoder(request, upstreamModel);
        return new StreamDecoder() {
            @Override
            public void onEvent(SseEvent event, Consumer<StreamItem> out) {
                inner.onEvent(event, item -> {
                    if (!(item instanceof StreamItem.Chunk c && filterOnly(c.chunk()))) {
                        out.accept(item);
                    }
                });
            }

            @Override
            public void onClose(Consumer<StreamItem> out) {
                inner.onClose(out);
            }
        };
    }

    /** Azure's annotation chunk: no choices, no usage, only prompt_filter_results. */
    static boolean filterOnly(JsonNode chunk) {
        JsonNode choices = chunk.get("choices");
        JsonNode usage = chunk.get("usage");
        return choices != null && choices.isArray() && choices.isEmpty() && (usage == null || usage.isNull());
    }

    @Override
    public UpstreamFailure mapError(int status, MultiMap headers, Buffer body) {
        UpstreamFailure filtered = ContentFilter.failure(settings.name(), status, body);
        return filtered != null ? filtered : openai.mapError(status, headers, body);
    }

    @Override
    public UpstreamRequest encodeEmbeddings(EmbeddingsRequest request, String upstreamModel) {
        UpstreamRequest r = openai.encodeEmbeddings(request, upstreamModel);
        return new UpstreamRequest(r.method(), path("embeddings", upstreamModel), r.headers(), r.body());
    }

    @Override
    public EmbeddingsResult decodeEmbeddings(EmbeddingsRequest request, String upstreamModel, Buffer body) {
        return openai.decodeEmbeddings(request, upstreamModel, body);
    }
}
