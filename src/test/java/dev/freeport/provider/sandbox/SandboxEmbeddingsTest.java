package dev.freeport.provider.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.api.EmbeddingsResult;
import dev.freeport.provider.FailureKind;
import dev.freeport.tokens.TokenCounter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;

import static dev.freeport.provider.sandbox.SandboxFixture.embeddingsCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SandboxEmbeddingsTest {
    static final SandboxFixture F = new SandboxFixture();
    static final List<String> TEXTS = List.of("the cat sat", "on the mat");

    @AfterAll
    static void close() {
        F.close();
    }

    private EmbeddingsResult embed(List<String> inputs, String extra) {
        return F.await(() -> F.provider.embeddings(embeddingsCall("instant", inputs, extra)));
    }

    private static double[] vector(JsonNode item) {
        JsonNode e = item.path("embedding");
        double[] v = new double[e.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = e.get(i).asDouble();
        }
        return v;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    @Test
    void answersOpenAiListOfUnitVectorsOfConfiguredDims() {
        JsonNode body = embed(TEXTS, "").body();
        assertThat(body.path("object").asText()).isEqualTo("list");
        assertThat(body.path("model").asText()).isEqualTo("instant");
        assertThat(body.path("data").size()).isEqualTo(2);
        JsonNode second = body.path("data").path(1);
        assertThat(second.path("object").asText()).isEqualTo("embedding");
        assertThat(second.path("index").asInt()).isEqualTo(1);
        assertThat(vector(second)).hasSize(64);
        assertThat(norm(vector(second))).isCloseTo(1.0, within(1e-5));
    }

    @Test
    void sameTextSameVectorDifferentTextDifferentVector() {
        JsonNode a = embed(TEXTS, "").body().path("data");
        JsonNode b = embed(List.of("the cat sat"), "").body().path("data");
        assertThat(vector(a.path(0))).containsExactly(vector(b.path(0)));
        assertThat(vector(a.path(0))).isNotEqualTo(vector(a.path(1)));
    }

    @Test
    void base64FormatIsLittleEndianFloat32OfTheSameVector() {
        double[] floats = vector(embed(TEXTS, "").body().path("data").path(0));
        String b64 = embed(TEXTS, ",'encoding_format':'base64'").body().path("data").path(0).path("embedding")
                .asText();
        ByteBuffer buf = ByteBuffer.wrap(Base64.getDecoder().decode(b64)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(buf.remaining()).isEqualTo(64 * 4);
        for (double f : floats) {
            assertThat((double) buf.getFloat()).isCloseTo(f, within(1e-6));
        }
    }

    @Test
    void dimensionsShortensAndRenormalises() {
        double[] v = vector(embed(TEXTS, ",'dimensions':16").body().path("data").path(0));
        assertThat(v).hasSize(16);
        assertThat(norm(v)).isCloseTo(1.0, within(1e-5));
    }

    @Test
    void dimensionsAboveTheModelsAreAClientError() {
        assertThat(F.awaitFailure(() -> F.provider.embeddings(embeddingsCall("instant", TEXTS,
                ",'dimensions':65"))).kind()).isEqualTo(FailureKind.CLIENT_ERROR);
    }

    @Test
    void modelWithoutEmbeddingsIsAClientError() {
        var f = F.awaitFailure(() -> F.provider.embeddings(embeddingsCall("text-only", TEXTS, "")));
        assertThat(f.kind()).isEqualTo(FailureKind.CLIENT_ERROR);
        assertThat(f.message()).contains("has no embeddings");
    }

    @Test
    void usageIsTheTokenCountOfTheInputs() {
        EmbeddingsResult r = embed(TEXTS, "");
        assertThat(r.usage().inputTokens()).isEqualTo(TokenCounter.countEmbeddingInputs(TEXTS));
        assertThat(r.body().path("usage").path("prompt_tokens").asLong()).isEqualTo(r.usage().inputTokens());
        assertThat(r.body().path("usage").path("total_tokens").asLong()).isEqualTo(r.usage().inputTokens());
    }
}
