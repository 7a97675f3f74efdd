package dev.freeport.dialect.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.UpstreamFailure;
import dev.freeport.provider.bedrock.Wire;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BedrockErrorsTest {

    private static UpstreamFailure map(String name) {
        JsonNode e = Wire.json("error/" + name + ".json");
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        e.get("headers").properties().forEach(h -> headers.set(h.getKey(), h.getValue().asText()));
        return Wire.codec().mapError(e.get("status").asInt(), headers, Buffer.buffer(e.get("body").toString()));
    }

    @Test
    void throttlingIsARateLimitNamedInTheMessage() {
        UpstreamFailure f = map("throttling");
        assertThat(f.kind()).isEqualTo(FailureKind.RATE_LIMITED);
        assertThat(f.upstreamType()).isEqualTo("ThrottlingException");
        assertThat(f.message()).isEqualTo("aws: ThrottlingException: Too many requests, please wait before trying again.");
    }

    @Test
    void aModelThatIsNotReadyIsRetriedLikeARateLimit() {
        assertThat(map("model_not_ready").kind()).isEqualTo(FailureKind.RATE_LIMITED);
    }

    @Test
    void aValidationErrorIsTheCallersWithBedrocksText() {
        UpstreamFailure f = map("validation");
        assertThat(f.kind()).isEqualTo(FailureKind.CLIENT_ERROR);
        assertThat(f.status()).isEqualTo(400);
        assertThat(f.message()).contains("tool result blocks");
    }

    @Test
    void theTypeInTheBodyIsReadWhenTheHeaderIsMissing() {
        UpstreamFailure f = map("model_timeout");
        assertThat(f.kind()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(f.upstreamType()).isEqualTo("ModelTimeoutException");
    }
}
