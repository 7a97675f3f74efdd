package dev.freeport.front.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.ChatRequest;
import dev.freeport.api.ChatResult;
import dev.freeport.api.ChunkFacts;
import dev.freeport.dialect.anthropic.AnthropicErrorJson;
import dev.freeport.dialect.anthropic.AnthropicModels;
import dev.freeport.dialect.anthropic.CountTokens;
import dev.freeport.dialect.anthropic.MessagesDecoder;
import dev.freeport.dialect.anthropic.MessagesEncoder;
import dev.freeport.dialect.anthropic.MessagesRequest;
import dev.freeport.dialect.anthropic.MessagesStreamEncoder;
import dev.freeport.dialect.anthropic.NativeFrames;
import dev.freeport.error.GatewayError;
import dev.freeport.front.ChatTranslator;
import dev.freeport.front.Endpoint;
import dev.freeport.front.ErrorShape;
import dev.freeport.front.Frames;
import dev.freeport.front.Front;
import dev.freeport.front.ModelEntry;
import dev.freeport.front.Models;
import dev.freeport.front.StreamWriter;
import dev.freeport.provider.StreamItem;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Anthropic's Messages API: requests translated to the canonical chat request, answers and streams back to
 * Anthropic's message JSON and event sequence, errors in Anthropic's shape and statuses (529 overloaded);
 * count_tokens; and the model list in Anthropic's shape, for requests that carry {@code anthropic-version}.
 */
public final class AnthropicFront implements Front, ChatTranslator {
    public static final AnthropicFront INSTANCE = new AnthropicFront();
    /** The header every Anthropic SDK sends: it tells Anthropic callers apart on paths the APIs share. */
    public static final String VERSION_HEADER = "anthropic-version";
    /** The betas a caller asks for; passed on to Anthropic back ends only. */
    public static final String BETA_HEADER = "anthropic-beta";
    private static final ErrorShape ERRORS = new ErrorShape() {
        @Override
        public ObjectNode body(GatewayError error) {
            return AnthropicErrorJson.of(error);
        }

        @Override
        public int status(GatewayError error) {
            return AnthropicErrorJson.status(error);
        }
    };

    private final List<Endpoint> endpoints = List.of(
            new Endpoint.Chat(this, HttpMethod.POST, List.of("/v1/messages", "/messages"), this),
            new Endpoint.Query(this, HttpMethod.POST, List.of("/v1/messages/count_tokens", "/messages/count_tokens"),
                    call -> CountTokens.response(MessagesDecoder.decodeForCount(call.body()))),
            new Endpoint.Query(this, HttpMethod.GET, List.of("/v1/models", "/models"),
                    call -> models(call.models().get())),
            new Endpoint.Query(this, HttpMethod.GET, List.of("/v1/models/{id+}", "/models/{id+}"),
                    call -> AnthropicModels.one(Models.find(call, call.params().get("id")).alias())));

    private AnthropicFront() {
    }

    /** The model list; an alias other names route to shows its patterns in its display name. */
    private static ObjectNode models(List<ModelEntry> models) {
        return AnthropicModels.list(models.stream().map(ModelEntry::alias).toList(), models.stream()
                .map(m -> m.matches().isEmpty() ? m.alias() : m.alias() + " (also " + String.join(", ", m.matches())
                        + ")").toList());
    }

    @Override
    public String name() {
        return "anthropic";
    }

    @Override
    public List<Endpoint> endpoints() {
        return endpoints;
    }

    @Override
    public ErrorShape errors() {
        return ERRORS;
    }

    @Override
    public boolean recognises(Function<String, String> header) {
        return header.apply(VERSION_HEADER) != null;
    }

    @Override
    public ChatRequest decode(Buffer body) {
        MessagesRequest r = MessagesDecoder.decode(body);
        return r.chat().withNativeAnthropic(r.original());
    }

    /**
     * As {@link #decode(Buffer)}, keeping the caller's {@value #BETA_HEADER} list for an Anthropic back end (a
     * translated back end ignores it, whatever betas it names).
     */
    @Override
    public ChatRequest decode(Buffer body, Function<String, String> header) {
        ChatRequest chat = decode(body);
        String betas = header.apply(BETA_HEADER);
        return betas == null || betas.isBlank() ? chat : chat.withNativeHeaders(Map.of(BETA_HEADER, betas));
    }

    @Override
    public ObjectNode encode(ChatRequest request, ChatResult result) {
        if (result.nativeAnthropic() != null) {
            // an Anthropic upstream's own answer, untouched but for the model: the name the caller sent
            return result.nativeAnthropic().put("model", request.model());
        }
        return MessagesEncoder.encode(result, request.model());
    }

    @Override
    public StreamWriter streamWriter(ChatRequest request) {
        MessagesStreamEncoder encoder = new MessagesStreamEncoder(request.model());
        return new StreamWriter() {
            /** set when the upstream speaks Anthropic too: its events pass untouched, translations are unused */
            private boolean nativeStream;

            @Override
            public void nativeFrame(Buffer frame, Consumer<Buffer> out) {
                // the first frame is message_start: its model becomes the name the caller sent
                out.accept(nativeStream ? frame : NativeFrames.withModel(frame, request.model()));
                nativeStream = true;
            }

            @Override
            public void chunk(ObjectNode chunk, Consumer<Buffer> out) {
                if (!nativeStream) {
                    encoder.onChunk(chunk).forEach(out);
                }
            }

            /**
             * A chunk that came as bytes is translated from its bytes (no tree), its events written in place; one
             * the encoder's reader leaves, or a tree, goes the tree's way.
             */
            @Override
            public void chunk(StreamItem.Chunk chunk, Frames out) {
                if (nativeStream) {
                    return;
                }
                byte[] bytes = chunk.array();
                ChunkFacts facts = chunk.facts();
                if (bytes != null && facts != null
                        && encoder.onChunk(bytes, chunk.offset(), chunk.offset() + chunk.length(), facts.usage())) {
                    if (encoder.writtenLength() > 0) {
                        out.append(encoder.written(), 0, encoder.writtenLength());
                    }
                    return;
                }
                chunk(chunk.chunk(), out);
            }

            @Override
            public void end(Consumer<Buffer> out) {
                if (!nativeStream) {
                    encoder.onEnd().forEach(out);
                }
            }

            @Override
            public void error(GatewayError error, Consumer<Buffer> out) {
                out.accept(encoder.onError(error));
            }

            @Override
            public Buffer ping() {
                return MessagesStreamEncoder.ping();
            }
        };
    }
}
