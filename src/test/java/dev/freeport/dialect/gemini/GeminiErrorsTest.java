package dev.freeport.dialect.gemini;

import dev.freeport.provider.FailureKind;
import dev.freeport.provider.UpstreamFailure;
import dev.freeport.provider.gemini.Wire;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class GeminiErrorsTest {

    private static UpstreamFailure map(int status, String file, MultiMap headers) {
        return Wire.codec().mapError(status, headers, Buffer.buffer(Wire.text("error/" + file + ".json")));
    }

    private static UpstreamFailure map(int status, String file) {
        return map(status, file, MultiMap.caseInsensitiveMultiMap());
    }

    @Test
    void resourceExhaustedIsRateLimitedWithRetryInfoDelay() {
        UpstreamFailure f = map(429, "rate_limit");
        assertThat(f.kind()).isEqualTo(FailureKind.RATE_LIMITED);
        assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(12));
        assertThat(f.upstreamType()).isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(f.message()).isEqualTo("gemini: You exceeded your current quota, please check your plan and billing details.");
    }

    @Test
    void retryAfterHeaderIsUsedWithoutRetryInfo() {
        UpstreamFailure f = map(429, "unavailable", MultiMap.caseInsensitiveMultiMap().add("retry-after", "7"));
        assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void unavailableIsServerError() {
        UpstreamFailure f = map(503, "unavailable");
        assertThat(f.kind()).isEqualTo(FailureKind.SERVER_ERROR);
        assertThat(f.status()).isEqualTo(503);
        assertThat(f.retryAfter()).isNull();
    }

    @Test
    void invalidArgumentIsClientErrorWithCollapsedMessage() {
        UpstreamFailure f = map(400, "invalid_argument");
        assertThat(f.kind()).isEqualTo(FailureKind.CLIENT_ERROR);
        assertThat(f.message()).isEqualTo("gemini: * GenerateContentRequest.contents: contents is not specified");
    }

    @Test
    void permissionDeniedKeepsStatusAndNeverShowsTheKey() {
        UpstreamFailure f = map(403, "permission_denied");
        assertThat(f.kind()).isEqualTo(FailureKind.CLIENT_ERROR);
        assertThat(f.status()).isEqualTo(403);
        assertThat(f.message()).doesNotContain(Wire.KEY).contains("[redacted]");
    }

    @Test
    void invalidKeyIsClientError() {
        UpstreamFailure f = map(400, "api_key_invalid");
        assertThat(f.kind()).isEqualTo(FailureKind.CLIENT_ERROR);
        assertThat(f.message()).isEqualTo("gemini: API key not valid. Please pass a valid API key.");
    }

    @Test
    void nonJsonBodyFallsBackToStatus() {
        UpstreamFailure f = Wire.codec().mapError(502, MultiMap.caseInsensitiveMultiMap(), Buffer.buffer(""));
        assertThat(f.kind()).isEqualTo(FailureKind.SERVER_ERROR);
        assertThat(f.message()).isEqualTo("gemini: HTTP 502 with an empty body");
    }

    @Test
    void readsFractionalProtobufDurations() {
        assertThat(GeminiErrors.delay("0.5s")).isEqualTo(Duration.ofMillis(500));
        assertThat(GeminiErrors.delay("soon")).isNull();
    }
}
