package dev.freeport.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.api.ChatRequest;
import dev.freeport.api.ChatResult;
import dev.freeport.config.ProviderConfig;
import dev.freeport.dialect.anthropic.AnthropicErrors;
import dev.freeport.dialect.anthropic.AnthropicRequestMapper;
import dev.freeport.dialect.anthropic.AnthropicResponseMapper;
import dev.freeport.dialect.anthropic.AnthropicStreamDecoder;
import dev.freeport.dialect.anthropic.JsonOutput;
import dev.freeport.dialect.anthropic.NativeStreamDecoder;
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
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Anthropic Messages API back end: OpenAI chat completions in, {@code POST /messages} out, and the answer
 * (whole or streamed) translated back. The translation lives in {@link AnthropicRequestMapper},
 * {@link AnthropicResponseMapper}, {@link AnthropicStreamDecoder} and {@link AnthropicErrors}; this class only
 * wires them to the {@link ChatCodec} contract and adds the HTTP headers. An Anthropic caller's own request goes on
 * as it is, with the caller's {@code anthropic-beta} list added to the configured one. No embeddings (Anthropic has
 * none).
 */
public final class AnthropicCodec implements ChatCodec {

    public static final String DEFAULT_BASE_URL = "https://api.anthropic.com/v1";
    public static final String API_VERSION = "2023-06-01";
    public static final String PATH = "/messages";
    static final String BETA_HEADER = "anthropic-beta";
    static final int MAX_BETAS = 64;
    private static final Pattern BETA_NAME = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private final ProviderSettings settings;
    private final Clock clock;
    private final AnthropicRequestMapper requests;

    public AnthropicCodec(ProviderSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /** With a fixed clock for the {@code created} timestamps and Retry-After dates (tests). */
    public AnthropicCodec(ProviderSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.requests = new AnthropicRequestMapper(settings.name());
    }

    /**
     * Settings for a {@code type: anthropic} provider: base URL defaults to {@value #DEFAULT_BASE_URL}, the key
     * goes in {@code x-api-key}, {@code anthropic-version: 2023-06-01} is sent, config headers are merged over
     * it (so a config may set another version or {@code anthropic-beta}).
     */
    public static ProviderSettings settings(ProviderConfig pc) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("anthropic-version", API_VERSION);
        if (pc.headers() != null) {
            headers.putAll(pc.headers());
        }
        String base = pc.baseUrl() == null || pc.baseUrl().isBlank() ? DEFAULT_BASE_URL : pc.baseUrl();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return new ProviderSettings(pc.name(), "anthropic", pc.preset(), base, pc.apiKey(),
                ProviderSettings.AuthStyle.X_API_KEY, Map.copyOf(headers),
                new ProviderSettings.Quirks(true, true, "max_tokens", false));
    }

    public ProviderSettings providerSettings() {
        return settings;
    }

    @Override
    public UpstreamRequest encodeChat(ChatRequest request, String upstreamModel, boolean stream) {
        // an Anthropic caller's own request goes on as it is (cache_control, thinking and all); only model changes
        var body = request.nativeAnthropic() != null
                ? request.nativeAnthropic().deepCopy().put("model", upstreamModel)
                : requests.map(request.body(), upstreamModel, request.maxOutputTokens(), stream);
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        headers.set("content-type", "application/json");
        if (stream) {
            headers.set("accept", "text/event-stream");
        }
        String key = settings.apiKey();
        if (key != null && !key.isEmpty()) {
            switch (settings.authStyle()) {
                case X_API_KEY -> headers.set("x-api-key", key);
                case BEARER -> headers.set("authorization", "Bearer " + key);
                case API_KEY_HEADER -> headers.set("api-key", key);
                case NONE -> {
                }
            }
        }
        if (settings.headers() != null) {
            settings.headers().forEach(headers::set);
        }
        if (request.nativeAnthropic() != null) {
            String betas = betas(headers.get(BETA_HEADER), request.nativeHeaders().get(BETA_HEADER));
            if (!betas.isEmpty()) {
                headers.set(BETA_HEADER, betas);
            }
        }
        return new UpstreamRequest(HttpMethod.POST, PATH, headers, Buffer.buffer(body.toString()));
    }

    @Override
    public ChatResult decodeChat(ChatRequest request, String upstreamModel, Buffer body) {
        JsonNode message;
        try {
            message = JsonFields.MAPPER.readTree(body.getBytes());
        } catch (IOException e) {
            throw UpstreamFailure.of(FailureKind.MALFORMED, 200, settings.name() + ": answer is not JSON")
                    .toException();
        }
        ChatResult result = AnthropicResponseMapper.map(message, upstreamModel, now(),
                JsonOutput.of(request.body()));
        if (request.nativeAnthropic() != null && message instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
            return result.withNativeAnthropic(o);
        }
        return result;
    }

    @Override
    public StreamDecoder streamDecoder(ChatRequest request, String upstreamModel) {
        AnthropicStreamDecoder decoder = new AnthropicStreamDecoder(settings.name(), upstreamModel, now(),
                JsonOutput.of(request.body()));
        return request.nativeAnthropic() == null ? decoder : new NativeStreamDecoder(decoder);
    }

    @Override
    public UpstreamFailure mapError(int status, MultiMap headers, Buffer body) {
        return AnthropicErrors.map(settings.name(), settings.apiKey(), status, headers, body, clock);
    }

    /**
     * The betas of the config's header and the caller's, in that order, each once; only well-formed names
     * ({@code [A-Za-z0-9._-]}), at most {@value #MAX_BETAS}.
     */
    static String betas(String configured, String callers) {
        Set<String> out = new LinkedHashSet<>();
        for (String list : new String[] {configured, callers}) {
            if (list == null) {
                continue;
            }
            for (String b : list.split(",")) {
                String beta = b.strip();
                if (BETA_NAME.matcher(beta).matches() && out.size() < MAX_BETAS) {
                    out.add(beta);
                }
            }
        }
        return String.join(",", out);
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }
}
