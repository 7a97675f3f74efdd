package dev.freeport.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.ChatRequest;
import dev.freeport.api.ChatResult;
import dev.freeport.config.CloudConfig;
import dev.freeport.config.ProviderConfig;
import dev.freeport.dialect.anthropic.AnthropicRequestMapper;
import dev.freeport.dialect.anthropic.AnthropicResponseMapper;
import dev.freeport.dialect.anthropic.AnthropicStreamDecoder;
import dev.freeport.dialect.anthropic.JsonOutput;
import dev.freeport.dialect.bedrock.BedrockErrors;
import dev.freeport.dialect.bedrock.ConverseAnswers;
import dev.freeport.dialect.bedrock.ConverseRequests;
import dev.freeport.dialect.bedrock.ConverseStreamDecoder;
import dev.freeport.dialect.bedrock.EventStreamFramer;
import dev.freeport.json.JsonFields;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.UpstreamFailure;
import dev.freeport.provider.http.ChatCodec;
import dev.freeport.provider.http.FrameParser;
import dev.freeport.provider.http.ProviderSettings;
import dev.freeport.provider.http.SseEvent;
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
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * AWS Bedrock's Converse API: OpenAI chat completions (or an Anthropic caller's own Messages request) in,
 * {@code POST /model/{modelId}/converse} or {@code /converse-stream} out, the answer (JSON, or AWS's binary event
 * stream) translated back. Requests go OpenAI → Anthropic Messages ({@link AnthropicRequestMapper}) → Converse
 * ({@link ConverseRequests}); answers Converse → Anthropic → OpenAI, so every model on Bedrock (Claude, Llama,
 * Mistral, DeepSeek, Qwen, Kimi, gpt-oss, Nova) gets Claude's well-tested tool, image and usage mapping. The
 * signature is added afterwards by {@link SigV4Authorizer} (or a Bedrock API key goes as a bearer token). No
 * embeddings. Pure and thread-safe.
 */
public final class BedrockCodec implements ChatCodec {
    public static final String EVENT_STREAM = "application/vnd.amazon.eventstream";

    private final ProviderSettings settings;
    private final Clock clock;
    private final AnthropicRequestMapper anthropic;
    private final ConverseRequests converse;
    private final BedrockErrors errors;
    private final Supplier<String> ids;

    public BedrockCodec(ProviderSettings settings, Clock clock) {
        this(settings, clock, BedrockCodec::randomId);
    }

    /** With the message ids answers get (Converse sends none in the body; tests fix them). */
    public BedrockCodec(ProviderSettings settings, Clock clock, Supplier<String> ids) {
        this.settings = settings;
        this.clock = clock;
        this.ids = ids;
        this.anthropic = new AnthropicRequestMapper(settings.name());
        this.converse = new ConverseRequests(settings.name());
        this.errors = new BedrockErrors(settings.name(), settings.apiKey(), clock);
    }

    /** {@code https://bedrock-runtime.{region}.amazonaws.com}, unless the config sets base_url. */
    public static ProviderSettings settings(ProviderConfig pc) {
        CloudConfig.Bedrock cloud = (CloudConfig.Bedrock) pc.cloud();
        String base = pc.baseUrl() != null && !pc.baseUrl().isBlank() ? pc.baseUrl().strip()
                : "https://bedrock-runtime." + cloud.region() + ".amazonaws.com";
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String key = pc.apiKey() == null || pc.apiKey().isBlank() ? null : pc.apiKey();
        return new ProviderSettings(pc.name(), "bedrock", null, base, key,
                key != null ? ProviderSettings.AuthStyle.BEARER : ProviderSettings.AuthStyle.NONE,
                pc.headers() == null ? Map.of() : Map.copyOf(pc.headers()),
                new ProviderSettings.Quirks(false, true, null, false));
    }

    /** "/model/{id}/converse": the id (with its ':' version suffix or an ARN's '/') percent-encoded. */
    public static String path(String modelId, boolean stream) {
        return "/model/" + URLEncoder.encode(modelId.strip(), StandardCharsets.UTF_8).replace("+", "%20")
                + (stream ? "/converse-stream" : "/converse");
    }

    @Override
    public UpstreamRequest encodeChat(ChatRequest request, String upstreamModel, boolean stream) {
        ObjectNode messages = request.nativeAnthropic() != null ? request.nativeAnthropic()
                : anthropic.map(request.body(), upstreamModel, request.maxOutputTokens(), false);
        if (request.nativeAnthropic() == null && request.maxOutputTokens() == null) {
            // Anthropic's API needs max_tokens, Converse does not: no cap the caller did not ask for
            messages.remove("max_tokens");
        }
        ObjectNode body = converse.map(messages, upstreamModel);
        MultiMap h = MultiMap.caseInsensitiveMultiMap();
        h.set("content-type", "application/json");
        h.set("accept", stream ? EVENT_STREAM : "application/json");
        if (settings.apiKey() != null) {
            h.set("authorization", "Bearer " + settings.apiKey());
        }
        settings.headers().forEach(h::set);
        return new UpstreamRequest(HttpMethod.POST, path(upstreamModel, stream), h, Buffer.buffer(body.toString()));
    }

    @Override
    public ChatResult decodeChat(ChatRequest request, String upstreamModel, Buffer body) {
        JsonNode answer;
        try {
            answer = JsonFields.MAPPER.readTree(body.getBytes());
        } catch (IOException e) {
            throw UpstreamFailure.of(FailureKind.MALFORMED, 200, settings.name() + ": answer is not JSON")
                    .toException();
        }
        return AnthropicResponseMapper.map(ConverseAnswers.toMessage(settings.name(), answer, upstreamModel, ids.get()),
                upstreamModel, now(), JsonOutput.of(request.body()));
    }

    @Override
    public StreamDecoder streamDecoder(ChatRequest request, String upstreamModel) {
        return new ConverseStreamDecoder(settings.name(), upstreamModel, ids.get(), new AnthropicStreamDecoder(settings.name(),
                upstreamModel, now(), JsonOutput.of(request.body())));
    }

    @Override
    public FrameParser framer(Consumer<SseEvent> sink) {
        return new EventStreamFramer(sink);
    }

    @Override
    public UpstreamFailure mapError(int status, MultiMap headers, Buffer body) {
        return errors.map(status, headers, body);
    }

    /** "msg_bdrk_" + 24 random hex digits. */
    static String randomId() {
        return "msg_bdrk_" + java.util.HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(12)
                .putLong(java.util.concurrent.ThreadLocalRandom.current().nextLong())
                .putInt(java.util.concurrent.ThreadLocalRandom.current().nextInt()).array());
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }
}
