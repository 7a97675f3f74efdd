package dev.freeport.provider.http;

import dev.freeport.api.ChatRequest;
import dev.freeport.api.ChatResult;
import dev.freeport.api.EmbeddingsRequest;
import dev.freeport.api.EmbeddingsResult;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.UpstreamException;
import dev.freeport.provider.UpstreamFailure;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * A pure translation between Freeport's OpenAI-format requests/answers and one upstream wire dialect.
 * No I/O, no Vert.x event loop, no shared mutable state: tested on recorded wire files.
 */
public interface ChatCodec {

    /** The request to send; for {@code stream} the codec asks the upstream to include usage if it can. */
    UpstreamRequest encodeChat(ChatRequest request, String upstreamModel, boolean stream);

    /**
     * A 2xx non-streaming answer, translated to OpenAI chat.completion format.
     *
     * @throws UpstreamException of kind MALFORMED when the body cannot be read
     */
    ChatResult decodeChat(ChatRequest request, String upstreamModel, Buffer body);

    /** A decoder for one streaming answer. */
    StreamDecoder streamDecoder(ChatRequest request, String upstreamModel);

    /**
     * How a streamed answer's bytes are cut into events: server-sent events unless the API frames otherwise. The
     * event handed to {@code sink} is valid during the call only ({@link SseParser#reusing}).
     */
    default FrameParser framer(java.util.function.Consumer<SseEvent> sink) {
        return SseParser.reusing(sink);
    }

    /** A non-2xx answer (status, headers, body as received) mapped to a failure. */
    UpstreamFailure mapError(int status, MultiMap headers, Buffer body);

    default UpstreamRequest encodeEmbeddings(EmbeddingsRequest request, String upstreamModel) {
        throw UpstreamFailure.of(FailureKind.CLIENT_ERROR, 400, "this provider has no embeddings endpoint")
                .toException();
    }

    default EmbeddingsResult decodeEmbeddings(EmbeddingsRequest request, String upstreamModel, Buffer body) {
        throw UpstreamFailure.of(FailureKind.CLIENT_ERROR, 400, "this provider has no embeddings endpoint")
                .toException();
    }
}
