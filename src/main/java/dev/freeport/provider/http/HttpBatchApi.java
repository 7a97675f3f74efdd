package dev.freeport.provider.http;

import dev.freeport.api.ChatRequest;
import dev.freeport.api.ChatResult;
import dev.freeport.api.Timeouts;
import dev.freeport.config.ProviderConfig;
import dev.freeport.provider.BatchApi;
import dev.freeport.provider.UpstreamFailure;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

import java.time.Duration;

/**
 * The batch API of an HTTP provider: its codec for the contained requests, and raw requests to the batch endpoints
 * through the shared {@link UpstreamClient} with the provider's key and headers (what the codecs send).
 */
final class HttpBatchApi implements BatchApi {
    /** the batch endpoints answer quickly (uploads and results may be large): one minute for any of them */
    private static final Duration EXCHANGE = Duration.ofMinutes(1);
    static final String OPENAI_BASE = "https://api.openai.com/v1";
    static final String ANTHROPIC_BASE = "https://api.anthropic.com/v1";

    private final Vertx vertx;
    private final ProviderSettings settings;
    private final ChatCodec codec;
    private final UpstreamClient client;

    HttpBatchApi(Vertx vertx, ProviderSettings settings, ChatCodec codec, UpstreamClient client) {
        this.vertx = vertx;
        this.settings = settings;
        this.codec = codec;
        this.client = client;
    }

    /**
     * Whether a provider sends batches to its back end's batch API: as configured ({@code batch:}), else for
     * OpenAI and Anthropic on their official base URLs only (a compatible server rarely has the batch endpoints).
     */
    static boolean enabled(ProviderConfig config, ProviderSettings settings) {
        if (config.batch() != null) {
            return config.batch() == ProviderConfig.BatchMode.NATIVE
                    && ("openai".equals(settings.type()) || "anthropic".equals(settings.type()));
        }
        return "openai".equals(settings.type()) && OPENAI_BASE.equals(settings.baseUrl())
                || "anthropic".equals(settings.type()) && ANTHROPIC_BASE.equals(settings.baseUrl());
    }

    @Override
    public String dialect() {
        return settings.type();
    }

    @Override
    public Buffer encodeLine(ChatRequest request, String upstreamModel) {
        return codec.encodeChat(request, upstreamModel, false).body();
    }

    @Override
    public ChatResult decodeLine(ChatRequest request, String upstreamModel, Buffer body) {
        return codec.decodeChat(request, upstreamModel, body);
    }

    @Override
    public UpstreamFailure mapError(int status, Buffer body) {
        return codec.mapError(status, MultiMap.caseInsensitiveMultiMap(), body);
    }

    @Override
    public Future<Answer> send(String method, String path, String contentType, Buffer body) {
        MultiMap headers = headers();
        if (contentType != null) {
            headers.set("content-type", contentType);
        }
        UpstreamRequest req = new UpstreamRequest(HttpMethod.valueOf(method), path, headers,
                body == null ? Buffer.buffer() : body);
        Timeouts t = new Timeouts(EXCHANGE, EXCHANGE, EXCHANGE, EXCHANGE);
        long[] timer = new long[1];
        Future<Answer> answer = client.open(settings.baseUrl(), req, t)
                .compose(r -> {
                    timer[0] = vertx.setTimer(EXCHANGE.toMillis(), id -> r.reset());
                    return r.send(req.body());
                })
                .compose(resp -> resp.body().map(b -> new Answer(resp.statusCode(), resp.headers(), b)));
        return answer.onComplete(done -> vertx.cancelTimer(timer[0]))
                .recover(e -> Future.failedFuture(HttpProvider.failureOf(e).toException()));
    }

    /** The provider's key (as its codec sends it) and configured headers. */
    private MultiMap headers() {
        return settings.keyAndHeaders(MultiMap.caseInsensitiveMultiMap().set("accept", "application/json"));
    }
}
