package dev.freeport.dialect.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.api.EmbeddingsRequest;
import dev.freeport.api.EmbeddingsResult;
import dev.freeport.provider.gemini.Wire;
import dev.freeport.provider.http.UpstreamRequest;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GeminiEmbeddingsTest {

    private static EmbeddingsRequest request(String body, List<String> inputs) {
        return new EmbeddingsRequest("e", inputs, null, Wire.parse(body));
    }

    @Test
    void encodesOneBatchRequestPerInputWithDimensions() {
        UpstreamRequest req = Wire.codec().encodeEmbeddings(
                request("{\"model\":\"e\",\"input\":[\"a\",\"b\"],\"dimensions\":8}", List.of("a", "b")),
                "gemini-embedding-001");

        JsonNode body = Wire.parse(req.body().toString());
        assertThat(req.path()).isEqualTo("/models/gemini-embedding-001:batchEmbedContents");
        assertThat(body.at("/requests/1/model").asText()).isEqualTo("models/gemini-embedding-001");
        assertThat(body.at("/requests/1/content/parts/0/text").asText()).isEqualTo("b");
        assertThat(body.at("/requests/0/outputDimensionality").asInt()).isEqualTo(8);
    }

    @Test
    void decodesValuesIntoOpenAiEmbeddingsList() {
        EmbeddingsResult r = Wire.codec().decodeEmbeddings(request("{\"model\":\"e\",\"input\":\"a\"}", List.of("a")),
                "gemini-embedding-001", Buffer.buffer("{\"embeddings\":[{\"values\":[0.25,-0.5]}]}"));

        assertThat(r.body().at("/data/0/embedding/1").asDouble()).isEqualTo(-0.5);
        assertThat(r.body().at("/data/0/index").asInt()).isZero();
        assertThat(r.body().path("object").asText()).isEqualTo("list");
    }
}
