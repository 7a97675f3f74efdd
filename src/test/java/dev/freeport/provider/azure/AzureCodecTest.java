package dev.freeport.provider.azure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.ChatRequest;
import dev.freeport.config.CloudConfig;
import dev.freeport.config.ProviderConfig;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.StreamItem;
import dev.freeport.provider.UpstreamFailure;
import dev.freeport.provider.http.UpstreamRequest;
import dev.freeport.testing.WireFiles;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AzureCodecTest {
    static final WireFiles FILES = new WireFiles("azure", new ObjectMapper());
    static final ChatRequest ASK = WireFiles.request(FILES.parse(
            "{\"model\":\"gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), "gpt");

    static AzureCodec codec(String baseUrl, String apiVersion, String key) {
        ProviderConfig pc = new ProviderConfig("az", "azure", null, baseUrl, key, Map.of(), null, Map.of(), null,
                new CloudConfig.Azure(apiVersion, null, null, null, null, "swedencentral"));
        return new AzureCodec(AzureCodec.settings(pc), apiVersion);
    }

    @Test
    void withoutAnApiVersionTheV1PathCarriesTheDeploymentAsTheModel() {
        UpstreamRequest r = codec("https://contoso.openai.azure.com", null, "k-123").encodeChat(ASK, "gpt-5-mini", false);
        assertThat(r.path()).isEqualTo("/openai/v1/chat/completions");
        assertThat(FILES.parse(r.body().toString()).get("model").asText()).isEqualTo("gpt-5-mini");
        assertThat(r.headers().get("api-key")).isEqualTo("k-123");
        assertThat(r.headers().get("authorization")).isNull();
    }

    @Test
    void withAnApiVersionTheDeploymentIsInThePathAndTheVersionInTheQuery() {
        AzureCodec c = codec("https://contoso.openai.azure.com/", "2024-10-21", "k");
        assertThat(c.encodeChat(ASK, "my gpt", true).path())
                .isEqualTo("/openai/deployments/my%20gpt/chat/completions?api-version=2024-10-21");
        var emb = new dev.freeport.api.EmbeddingsRequest("e", List.of("x"), null, FILES.parse("{\"input\":\"x\"}"));
        assertThat(c.encodeEmbeddings(emb, "ada").path())
                .isEqualTo("/openai/deployments/ada/embeddings?api-version=2024-10-21");
    }

    @Test
    void aBaseUrlWithAPathGetsOnlyTheOperation() {
        assertThat(codec("https://contoso.services.ai.azure.com/models", "2024-05-01-preview", "k")
                .encodeChat(ASK, "DeepSeek-R1", false).path())
                .isEqualTo("/chat/completions?api-version=2024-05-01-preview");
    }

    @Test
    void aContentFilterRefusalNamesTheFilteredCategories() {
        UpstreamFailure f = codec("https://c.openai.azure.com", null, "k").mapError(400,
                MultiMap.caseInsensitiveMultiMap(), Buffer.buffer(FILES.text("error/content_filter.json")));
        assertThat(f.kind()).isEqualTo(FailureKind.CLIENT_ERROR);
        assertThat(f.status()).isEqualTo(400);
        assertThat(f.upstreamCode()).isEqualTo("content_filter");
        assertThat(f.message()).isEqualTo("az: Azure's content filter blocked this request: hate (medium), jailbreak"
                + " (the deployment's content filter policy decides; rephrase the prompt or change the policy)");
    }

    @Test
    void thePromptFilterAnnotationChunkIsDroppedAndTheContentFilterFinishKept() {
        List<StreamItem> items = FILES.decode(codec("https://c.openai.azure.com", null, "k").streamDecoder(ASK, "g"),
                "stream/prompt_filter.sse");
        List<ObjectNode> chunks = items.stream().filter(i -> i instanceof StreamItem.Chunk)
                .map(i -> ((StreamItem.Chunk) i).chunk()).toList();
        assertThat(chunks).hasSize(4);
        assertThat(chunks.getFirst().at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        assertThat(chunks.get(2).at("/choices/0/finish_reason").asText()).isEqualTo("content_filter");
        assertThat(chunks.get(3).at("/usage/prompt_tokens").asInt()).isEqualTo(9);
        assertThat(items.getLast()).isInstanceOf(StreamItem.End.class);
    }
}
