package dev.freeport.provider.vertex;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.freeport.api.ChatRequest;
import dev.freeport.config.CloudConfig;
import dev.freeport.config.ProviderConfig;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.UpstreamFailure;
import dev.freeport.provider.http.ProviderSettings;
import dev.freeport.testing.WireFiles;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class VertexCodecTest {
    static final WireFiles FILES = new WireFiles("gemini", new ObjectMapper());
    static final ChatRequest ASK = WireFiles.request(FILES.parse(
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), "m");

    static ProviderSettings settings(String region, String apiKey) {
        return VertexCodec.settings(new ProviderConfig("gcp", "vertex", null, null, apiKey, Map.of(), null, Map.of(),
                null, new CloudConfig.Vertex("acme-prod", region, null, null)));
    }

    static VertexCodec codec(String region) {
        return new VertexCodec(settings(region, null), "acme-prod", region, Clock.systemUTC());
    }

    @Test
    void theRegionNamesTheHostExceptForGlobal() {
        assertThat(settings("us-east5", null).baseUrl()).isEqualTo("https://us-east5-aiplatform.googleapis.com/v1");
        assertThat(settings("global", null).baseUrl()).isEqualTo("https://aiplatform.googleapis.com/v1");
        assertThat(codec("global").encodeChat(ASK, "gemini-2.5-pro", true).path())
                .isEqualTo("/projects/acme-prod/locations/global/publishers/google/models/gemini-2.5-pro"
                        + ":streamGenerateContent?alt=sse");
    }

    @Test
    void anApiKeyIsSentAsGooglesKeyHeaderNeverInTheUrl() {
        VertexCodec c = new VertexCodec(settings("us-central1", "AIzaFakeKeyForVertexExpress"), "acme-prod",
                "us-central1", Clock.systemUTC());
        var r = c.encodeChat(ASK, "gemini-2.5-flash", false);
        assertThat(r.headers().get("x-goog-api-key")).isEqualTo("AIzaFakeKeyForVertexExpress");
        assertThat(r.path()).doesNotContain("key=");
    }

    @Test
    void googlesErrorShapeAndAnthropicsAreBothRead() {
        UpstreamFailure quota = codec("us-east5").mapError(429, MultiMap.caseInsensitiveMultiMap(), Buffer.buffer(
                "{\"error\":{\"code\":429,\"message\":\"Quota exceeded for aiplatform.googleapis.com/"
                        + "online_prediction_requests_per_base_model\",\"status\":\"RESOURCE_EXHAUSTED\"}}"));
        assertThat(quota.kind()).isEqualTo(FailureKind.RATE_LIMITED);
        assertThat(quota.message()).contains("Quota exceeded");
        UpstreamFailure overloaded = codec("us-east5").mapError(529, MultiMap.caseInsensitiveMultiMap(),
                Buffer.buffer("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
        assertThat(overloaded.kind()).isEqualTo(FailureKind.SERVER_ERROR);
        assertThat(overloaded.upstreamType()).isEqualTo("overloaded_error");
    }
}
