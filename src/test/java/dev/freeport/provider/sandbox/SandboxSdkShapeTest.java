package dev.freeport.provider.sandbox;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.core.ObjectMappers;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import dev.freeport.api.ChatRequest;
import dev.freeport.provider.ChunkStream;
import dev.freeport.provider.StreamItem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.freeport.provider.sandbox.SandboxFixture.call;
import static dev.freeport.provider.sandbox.SandboxFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

/** The sandbox's JSON, read and validated by the official OpenAI Java SDK's own models. */
class SandboxSdkShapeTest {
    static final SandboxFixture F = new SandboxFixture();
    static final JsonMapper SDK = ObjectMappers.jsonMapper();

    @AfterAll
    static void close() {
        F.close();
    }

    private List<ObjectNode> streamChunks(ChatRequest req) throws Exception {
        List<ObjectNode> chunks = new ArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        ChunkStream s = F.await(() -> F.provider.chatStream(call(req, "instant")));
        F.onLoop(() -> s.handler(item -> {
            if (item instanceof StreamItem.Chunk c) {
                chunks.add(c.chunk());
            } else {
                done.complete(null);
            }
        }));
        done.get(10, TimeUnit.SECONDS);
        return chunks;
    }

    @Test
    void sdkReadsTheTextCompletion() throws Exception {
        var body = F.await(() -> F.provider.chat(call(request(SandboxChatTest.HELLO), "instant"))).body();
        ChatCompletion c = SDK.readValue(body.toString(), ChatCompletion.class).validate();
        assertThat(c.choices().get(0).message().content()).isPresent();
        assertThat(c.usage().orElseThrow().completionTokens()).isPositive();
    }

    @Test
    void sdkReadsTheToolCallCompletion() throws Exception {
        ChatRequest req = request(SandboxToolsTest.ASK, SandboxToolsTest.TOOLS, null);
        var body = F.await(() -> F.provider.chat(call(req, "instant"))).body();
        ChatCompletion c = SDK.readValue(body.toString(), ChatCompletion.class).validate();
        assertThat(c.choices().get(0).message().toolCalls().orElseThrow()).hasSize(2);
    }

    @Test
    void sdkReadsEveryChunkOfATextStream() throws Exception {
        List<ObjectNode> chunks = streamChunks(request(SandboxChatTest.HELLO));
        for (ObjectNode chunk : chunks) {
            SDK.readValue(chunk.toString(), ChatCompletionChunk.class).validate();
        }
        ChatCompletionChunk last = SDK.readValue(chunks.get(chunks.size() - 1).toString(),
                ChatCompletionChunk.class);
        assertThat(last.choices()).isEmpty();
        assertThat(last.usage()).isPresent();
    }

    @Test
    void sdkReadsEveryChunkOfAToolCallStream() throws Exception {
        List<ObjectNode> chunks = streamChunks(request(SandboxToolsTest.ASK, SandboxToolsTest.TOOLS, null));
        for (ObjectNode chunk : chunks) {
            SDK.readValue(chunk.toString(), ChatCompletionChunk.class).validate();
        }
        ChatCompletionChunk first = SDK.readValue(chunks.get(0).toString(), ChatCompletionChunk.class);
        var call = first.choices().get(0).delta().toolCalls().orElseThrow().get(0);
        assertThat(call.function().orElseThrow().name()).contains("get_weather");
    }

    @Test
    void sdkReadsTheEmbeddings() throws Exception {
        var body = F.await(() -> F.provider.embeddings(SandboxFixture.embeddingsCall("instant",
                List.of("a b c"), ""))).body();
        CreateEmbeddingResponse r = SDK.readValue(body.toString(), CreateEmbeddingResponse.class).validate();
        assertThat(r.data().get(0).embedding()).hasSize(64);
    }
}
