package dev.freeport.provider.openai;

import dev.freeport.provider.FailureKind;
import dev.freeport.provider.UpstreamFailure;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class OpenAiErrorMappingTest {

    private static final String KEY = "sk-fp-test-7hG2kL9mN4pQ8rS1tV6wX3yZ";
    private static final Instant NOW = Instant.parse("2025-06-26T12:00:00Z");

    private static OpenAiCodec codec(String preset) {
        return new OpenAiCodec(Wire.settings(preset, KEY), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static UpstreamFailure map(int status, String file) {
        return map("openai", status, MultiMap.caseInsensitiveMultiMap(), Wire.buffer(file));
    }

    private static UpstreamFailure map(String preset, int status, MultiMap headers, Buffer body) {
        return codec(preset).mapError(status, headers, body);
    }

    @Test
    void badRequestIsClientErrorWithUpstreamTypeAndCode() {
        UpstreamFailure f = map(400, "error-400.json");
        assertThat(f.kind()).isEqualTo(FailureKind.CLIENT_ERROR);
        assertThat(f.status()).isEqualTo(400);
        assertThat(f.message()).isEqualTo("openai: Invalid type for 'messages[1].content': expected one of a "
                + "string or array of objects, but got an integer instead.");
        assertThat(f.upstreamType()).isEqualTo("invalid_request_error");
        assertThat(f.upstreamCode()).isEqualTo("invalid_type");
    }

    @Test
    void unauthorizedIsClientError() {
        UpstreamFailure f = map(401, "error-401.json");
        assertThat(f.kind()).isEqualTo(FailureKind.CLIENT_ERROR);
        assertThat(f.upstreamCode()).isEqualTo("invalid_api_key");
        assertThat(f.message()).startsWith("openai: Incorrect API key provided: sk-proj-****");
    }

    @Test
    void echoedKeyIsStripped() {
        UpstreamFailure f = map(401, "error-401-key-echo.json");
        assertThat(f.message()).doesNotContain(KEY).doesNotContain("7hG2kL9mN4")
                .contains("Authentication failed for key [redacted]");
    }

    @Test
    void keyLikeSecretsOfOtherKeysAreStrippedToo() {
        Buffer body = Buffer.buffer(
                "{\"error\":\"bad header Authorization: Bearer abcdefghijklmnopqrstuvwxyz012345\"}");
        UpstreamFailure f = map("openai", 401, MultiMap.caseInsensitiveMultiMap(), body);
        assertThat(f.message()).doesNotContain("abcdefghijklmnop").contains("Bearer [redacted]");
    }

    @Test
    void notFoundKeepsModelNotFoundCode() {
        UpstreamFailure f = map(404, "error-404.json");
        assertThat(f.kind()).isEqualTo(FailureKind.CLIENT_ERROR);
        assertThat(f.upstreamCode()).isEqualTo("model_not_found");
    }

    @Test
    void tooManyRequestsIsRateLimitedWithRetryAfterSeconds() {
        MultiMap h = MultiMap.caseInsensitiveMultiMap().add("Retry-After", "20");
        UpstreamFailure f = map("openai", 429, h, Wire.buffer("error-429.json"));
        assertThat(f.kind()).isEqualTo(FailureKind.RATE_LIMITED);
        assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(20));
        assertThat(f.upstreamCode()).isEqualTo("rate_limit_exceeded");
    }

    @Test
    void retryAfterMsWinsOverRetryAfter() {
        MultiMap h = MultiMap.caseInsensitiveMultiMap().add("retry-after", "1").add("retry-after-ms", "120");
        assertThat(map("openai", 429, h, Wire.buffer("error-429.json")).retryAfter())
                .isEqualTo(Duration.ofMillis(120));
    }

    @Test
    void retryAfterAsHttpDate() {
        MultiMap h = MultiMap.caseInsensitiveMultiMap().add("Retry-After", "Thu, 26 Jun 2025 12:00:45 GMT");
        assertThat(map("openai", 503, h, Buffer.buffer()).retryAfter()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void garbageRetryAfterIsIgnored() {
        MultiMap h = MultiMap.caseInsensitiveMultiMap().add("Retry-After", "soon");
        assertThat(map("openai", 429, h, Buffer.buffer()).retryAfter()).isNull();
    }

    @Test
    void serverErrorIsRetryable() {
        UpstreamFailure f = map(500, "error-500.json");
        assertThat(f.kind()).isEqualTo(FailureKind.SERVER_ERROR);
        assertThat(f.kind().retryable()).isTrue();
        assertThat(f.upstreamType()).isEqualTo("server_error");
    }

    @Test
    void htmlServiceUnavailableBecomesShortText() {
        UpstreamFailure f = map(503, "error-503.html");
        assertThat(f.kind()).isEqualTo(FailureKind.SERVER_ERROR);
        assertThat(f.message()).isEqualTo("openai: 503 Service Temporarily Unavailable 503 Service Temporarily "
                + "Unavailable nginx");
    }

    @Test
    void overloaded529IsServerError() {
        UpstreamFailure f = map(529, "error-529.json");
        assertThat(f.kind()).isEqualTo(FailureKind.SERVER_ERROR);
        assertThat(f.message()).isEqualTo("openai: Overloaded");
        assertThat(f.upstreamType()).isEqualTo("overloaded_error");
    }

    @Test
    void plainTextBodyIsTheMessage() {
        UpstreamFailure f = map(502, "error-plain.txt");
        assertThat(f.kind()).isEqualTo(FailureKind.SERVER_ERROR);
        assertThat(f.message()).isEqualTo("openai: upstream connect error or disconnect/reset before headers. "
                + "reset reason: connection termination");
    }

    @Test
    void emptyBodySaysTheStatus() {
        assertThat(map("openai", 502, MultiMap.caseInsensitiveMultiMap(), Buffer.buffer()).message())
                .isEqualTo("openai: HTTP 502 with an empty body");
    }

    @Test
    void requestTimeoutIsTimeout() {
        assertThat(map("openai", 408, MultiMap.caseInsensitiveMultiMap(), Buffer.buffer()).kind())
                .isEqualTo(FailureKind.TIMEOUT);
    }

    @Test
    void mistralObjectMessageIsRendered() {
        UpstreamFailure f = map("mistral", 422, MultiMap.caseInsensitiveMultiMap(), Wire.buffer("mistral-422.json"));
        assertThat(f.kind()).isEqualTo(FailureKind.CLIENT_ERROR);
        assertThat(f.message()).startsWith("mistral: {\"detail\":[").contains("Extra inputs are not permitted");
        assertThat(f.upstreamType()).isEqualTo("invalid_request_error");
    }

    @Test
    void vllmErrorObjectIsRead() {
        UpstreamFailure f = map("vllm", 400, MultiMap.caseInsensitiveMultiMap(), Wire.buffer("vllm-400.json"));
        assertThat(f.message()).startsWith("vllm: This model's maximum context length is 32768 tokens.");
        assertThat(f.upstreamType()).isEqualTo("BadRequestError");
        assertThat(f.upstreamCode()).isEqualTo("400");
    }

    @Test
    void fastApiDetailIsRead() {
        assertThat(map("sglang", 404, MultiMap.caseInsensitiveMultiMap(), Wire.buffer("fastapi-detail.json"))
                .message()).isEqualTo("sglang: Not Found");
    }

    @Test
    void stringErrorIsRead() {
        assertThat(map("ollama", 404, MultiMap.caseInsensitiveMultiMap(), Wire.buffer("error-string.json"))
                .message()).isEqualTo("ollama: model \"llama3.3:70b\" not found, try pulling it first");
    }

    @Test
    void paymentRequiredIsClientError() {
        UpstreamFailure f = map("deepseek", 402, MultiMap.caseInsensitiveMultiMap(), Wire.buffer("deepseek-402.json"));
        assertThat(f.kind()).isEqualTo(FailureKind.CLIENT_ERROR);
        assertThat(f.message()).isEqualTo("deepseek: Insufficient Balance");
    }

    @Test
    void longMessagesAreTrimmed() {
        String body = "{\"error\":{\"message\":\"" + "too long ".repeat(200) + "\"}}";
        String m = map("openai", 400, MultiMap.caseInsensitiveMultiMap(), Buffer.buffer(body)).message();
        assertThat(m).hasSize(500).endsWith("...");
    }
}
