package dev.freeport.front.anthropic;

import dev.freeport.dialect.anthropic.MessagesDecoder;
import dev.freeport.dialect.anthropic.MessagesEncoder;
import dev.freeport.dialect.anthropic.MessagesRequest;
import dev.freeport.dialect.anthropic.MessagesStreamEncoder;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.ChatRequest;
import dev.freeport.api.ChatResult;
import dev.freeport.error.GatewayError;
import dev.freeport.front.ChatFront;
import dev.freeport.front.ErrorRenderer;
import io.vertx.core.buffer.Buffer;

import java.util.function.Consumer;

/**
 * The Anthropic Messages API as a front: requests translated to the canonical chat request, answers and streams
 * back to Anthropic's message JSON and event sequence, errors in Anthropic's shape and statuses (529 overloaded).
 */
public final class AnthropicFront implements ChatFront {
    public static final AnthropicFront INSTANCE = new AnthropicFront();

    private AnthropicFront() {
    }

    @Override
    public String name() {
        return "anthropic";
    }

    @Override
    public ChatRequest decode(Buffer body) {
        MessagesRequest r = MessagesDecoder.decode(body);
        ChatRequest c = r.chat();
        return new ChatRequest(c.model(), c.stream(), c.includeUsage(), c.maxOutputTokens(), c.user(), c.body(),
                r.original());
    }

    @Override
    public ObjectNode encode(ChatRequest request, ChatResult result) {
        if (result.nativeAnthropic() != null) {
            return result.nativeAnthropic();   // an Anthropic upstream's own answer, untouched
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
                nativeStream = true;
                out.accept(frame);
            }

            @Override
            public void chunk(ObjectNode chunk, Consumer<Buffer> out) {
                if (!nativeStream) {
                    encoder.onChunk(chunk).forEach(out);
                }
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

    @Override
    public ObjectNode errorBody(GatewayError error) {
        return ErrorRenderer.anthropic(error);
    }

    @Override
    public int errorStatus(GatewayError error) {
        return ErrorRenderer.anthropicStatus(error);
    }
}
