package dev.freeport.front.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.ChatRequest;
import dev.freeport.api.ChatResult;
import dev.freeport.api.ChunkFacts;
import dev.freeport.dialect.openai.ChatDecoder;
import dev.freeport.dialect.openai.ModelField;
import dev.freeport.dialect.openai.OpenAiErrorJson;
import dev.freeport.dialect.openai.OpenAiModels;
import dev.freeport.error.GatewayError;
import dev.freeport.front.ChatTranslator;
import dev.freeport.front.Endpoint;
import dev.freeport.front.Frames;
import dev.freeport.front.ErrorShape;
import dev.freeport.front.Front;
import dev.freeport.front.Models;
import dev.freeport.front.StreamWriter;
import dev.freeport.json.Json;
import dev.freeport.json.JsonBytes;
import dev.freeport.provider.StreamItem;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * OpenAI's API: chat completions (the canonical format, so answers pass through; streams are relayed chunk by
 * chunk, with the usage chunk Freeport always asks upstreams for removed again when the caller did not ask for it),
 * embeddings, and the model list. Each path also answers without its {@code /v1} prefix, as OpenAI-compatible
 * servers commonly do.
 */
public final class OpenAiFront implements Front, ChatTranslator {
    public static final OpenAiFront INSTANCE = new OpenAiFront();
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END_OF_EVENT = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final ErrorShape ERRORS = OpenAiErrorJson::of;

    private final List<Endpoint> endpoints = List.of(
            new Endpoint.Chat(this, HttpMethod.POST, List.of("/v1/chat/completions", "/chat/completions"), this),
            new Endpoint.Embeddings(this, HttpMethod.POST, List.of("/v1/embeddings", "/embeddings"),
                    ChatDecoder::decodeEmbeddings, (request, result) -> named(result.body(), request.model())),
            new Endpoint.Query(this, HttpMethod.GET, List.of("/v1/models", "/models"),
                    call -> OpenAiModels.list(call.models().get())),
            new Endpoint.Query(this, HttpMethod.GET, List.of("/v1/models/{id+}", "/models/{id+}"),
                    call -> OpenAiModels.one(Models.find(call, call.params().get("id")))));

    private OpenAiFront() {
    }

    @Override
    public String name() {
        return "openai";
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
    public ChatRequest decode(Buffer body) {
        return ChatDecoder.decodeChat(body);
    }

    /**
     * The answer with {@code model} set to the name the caller sent (the alias), whatever upstream served it: the
     * served target is in the x-freeport-provider and x-freeport-model headers.
     */
    @Override
    public ObjectNode encode(ChatRequest request, ChatResult result) {
        return named(result.body(), request.model());
    }

    private static ObjectNode named(ObjectNode body, String model) {
        if (model != null && body.has("model")) {
            body.put("model", model);
        }
        return body;
    }

    /** An upstream's answer goes out as it came, but for its model: the name the caller sent. */
    @Override
    public Buffer encodeBytes(ChatRequest request, ChatResult result) {
        JsonBytes raw = result.raw();
        return raw != null ? ModelField.replace(result, request.model())
                : Buffer.buffer(Json.bytes(encode(request, result)));
    }

    /** One SSE data frame. */
    public static Buffer sse(ObjectNode json) {
        return sse(Json.bytes(json));
    }

    private static Buffer sse(byte[] bytes) {
        return Buffer.buffer(bytes.length + 8).appendBytes(DATA).appendBytes(bytes).appendBytes(END_OF_EVENT);
    }

    @Override
    public StreamWriter streamWriter(ChatRequest request) {
        boolean includeUsage = request.includeUsage();
        String model = request.model();
        byte[] quotedModel = model == null ? null : ModelField.quoted(model);
        return new StreamWriter() {
            @Override
            public void chunk(ObjectNode chunk, Consumer<Buffer> out) {
                ObjectNode forCaller = forCaller(chunk, includeUsage);
                if (forCaller != null) {
                    out.accept(sse(named(forCaller, model)));
                }
            }

            /**
             * An upstream's bytes go out as they came (but for the model: the caller's name), unless the usage
             * Freeport asked for on the caller's behalf must go: the usage chunk is dropped, a {@code "usage": null}
             * member cut out of the bytes. Each frame is written once, straight from the upstream's read.
             */
            @Override
            public void chunk(StreamItem.Chunk chunk, Frames out) {
                byte[] bytes = chunk.array();
                ChunkFacts facts = chunk.facts();
                if (bytes == null || facts == null) {
                    chunk(chunk.chunk(), out);
                    return;
                }
                int from = chunk.offset();
                if (includeUsage || !facts.hasUsageMember()) {
                    expectTheRestOfTheRead(chunk, facts, out);
                    ChunkFrame.write(out, bytes, from, chunk.length(), facts.model(), quotedModel, -1, -1);
                } else if (facts.usage() == null) {
                    expectTheRestOfTheRead(chunk, facts, out);
                    ChunkFrame.write(out, bytes, from, chunk.length(), facts.model(), quotedModel,
                            facts.nullUsageStart(), facts.nullUsageEnd());
                } else if (facts.hasChoices()) {
                    chunk(chunk.chunk(), out);
                }
            }

            /**
             * The frames of the rest of the upstream's read will be about its size (the chunks to come after this one,
             * each renamed as this one is): said once, so the caller's buffer is made the right size.
             */
            private void expectTheRestOfTheRead(StreamItem.Chunk chunk, ChunkFacts facts, Frames out) {
                int rest = chunk.array().length - chunk.offset();
                int rename = quotedModel == null || facts.model() == null ? 0
                        : Math.max(0, quotedModel.length - (facts.model().end() - facts.model().start()));
                out.expect(rest + rename * (rest / Math.max(1, chunk.length()) + 1));
            }

            /** The end frame: appended from a shared array where the frames are gathered, else a buffer of its own. */
            @Override
            public void end(Consumer<Buffer> out) {
                if (out instanceof Frames frames) {
                    frames.append(DONE);
                } else {
                    out.accept(Buffer.buffer(DONE));
                }
            }

            @Override
            public void error(GatewayError error, Consumer<Buffer> out) {
                out.accept(sse(OpenAiErrorJson.of(error)));
            }
        };
    }

    /** The chunk as the caller should see it: usage removed unless asked for; null to drop the chunk. */
    static ObjectNode forCaller(ObjectNode chunk, boolean includeUsage) {
        if (includeUsage || !chunk.has("usage")) {
            return chunk;
        }
        JsonNode choices = chunk.get("choices");
        if (choices == null || choices.isEmpty()) {
            return null;
        }
        chunk.remove("usage");
        return chunk;
    }
}
