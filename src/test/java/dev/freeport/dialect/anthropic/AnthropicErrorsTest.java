package dev.freeport.dialect.anthropic;

import dev.freeport.provider.FailureKind;
import dev.freeport.provider.UpstreamFailure;
import dev.freeport.provider.anthropic.Wire;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class AnthropicErrorsTest {

    private static UpstreamFailure map(int status, String file, MultiMap headers) {
        return Wire.codec().mapError(status, headers, Buffer.buffer(Wire.text("error/" + file)));
    }

    @Test
    void mapsRateLimitWithRetryAfterSeconds() {
        UpstreamFailure f = map(429, "rate_limit.json", MultiMap.caseInsensitiveMultiMap().add("Retry-After", "17"));
        assertThat(f.kind()).isEqualTo(FailureKind.RATE_LIMITED);
        assertThat(f.status()).isEqualTo(429);
        assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(17));
        assertThat(f.upstreamType()).isEqualTo("rate_limit_error");
        assertThat(f.message()).startsWith("anthropic: Number of request tokens");
    }

    @Test
    void readsRetryAfterAsHttpDate() {
        UpstreamFailure f = map(429, "rate_limit.json", MultiMap.caseInsensitiveMultiMap()
                .add("retry-after", "Thu, 09 Oct 2025 08:54:20 GMT")); // Wire.CLOCK is 08:53:20
        assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void mapsOverloaded529ToServerError() {
        UpstreamFailure f = map(529, "overloaded.json", MultiMap.caseInsensitiveMultiMap());
        assertThat(f.kind()).isEqualTo(FailureKind.SERVER_ERROR);
        assertThat(f.message()).isEqualTo("anthropic: Overloaded");
        assertThat(f.upstreamType()).isEqualTo("overloaded_error");
    }

    @Test
    void mapsOther4xxToClientErrorKeepingUpstreamType() {
        UpstreamFailure f = map(400, "invalid_request.json", MultiMap.caseInsensitiveMultiMap());
        assertThat(f.kind()).isEqualTo(FailureKind.CLIENT_ERROR);
        assertThat(f.status()).isEqualTo(400);
        assertThat(f.upstreamType()).isEqualTo("invalid_request_error");
        assertThat(f.retryAfter()).isNull();
    }

    @Test
    void neverEchoesTheApiKey() {
        UpstreamFailure f = map(401, "authentication.json", MultiMap.caseInsensitiveMultiMap());
        assertThat(f.kind()).isEqualTo(FailureKind.CLIENT_ERROR);
        assertThat(f.message()).doesNotContain(Wire.KEY).contains("invalid x-api-key");
    }

    @Test
    void mapsNonJson5xxByStatusAlone() {
        UpstreamFailure f = Wire.codec().mapError(502, MultiMap.caseInsensitiveMultiMap(),
                Buffer.buffer("<html><body>502 Bad Gateway</body></html>"));
        assertThat(f.kind()).isEqualTo(FailureKind.SERVER_ERROR);
        assertThat(f.message()).isEqualTo("anthropic: HTTP 502 from upstream");
    }
}
