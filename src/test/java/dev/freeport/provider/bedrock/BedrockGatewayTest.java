package dev.freeport.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeBedrock;
import dev.freeport.testing.RecordedRequest;
import dev.freeport.testing.Reply;
import dev.freeport.testing.ToolCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway against a fake Bedrock on real sockets that checks every request's SigV4 signature. */
class BedrockGatewayTest {
    static final String KEY_ID = "AKIAFAKEFAKEFAKE0001";
    static final String SECRET = "fakeSecretKey/0123456789abcdefghijklmnopqrst";
    static final String MODEL = "eu.anthropic.claude-sonnet-4-5-20250929-v1:0";
    static final String ASK = "{\"model\":\"claude\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";

    FakeBedrock bedrock;
    TestGateway gw;
    Path credentials;

    @BeforeEach
    void start() throws IOException {
        credentials = Files.createTempFile("aws-credentials", "");
        Files.writeString(credentials, "[team]\naws_access_key_id = " + KEY_ID + "\naws_secret_access_key = " + SECRET
                + "\naws_session_token = FakeSessionToken123\n");
        bedrock = FakeBedrock.start(AwsSessionCredentials.create(KEY_ID, SECRET, "FakeSessionToken123"),
                "eu-central-1");
    }

    @AfterEach
    void stop() throws IOException {
        if (gw != null) {
            gw.close();
        }
        bedrock.close();
        Files.deleteIfExists(credentials);
    }

    TestGateway gateway(String extra) {
        return TestGateway.fromYaml("providers:\n  aws:\n    type: bedrock\n    region: eu-central-1\n"
                + "    base_url: " + bedrock.baseUrl() + "\n    credentials_file: " + credentials + "\n"
                + "    profile: team\n" + extra
                + "models:\n  - name: claude\n    targets: [ { provider: aws, model: \"" + MODEL + "\" } ]\n",
                v -> List.of());
    }

    @Test
    void aSignedConverseCallAnswersTheOpenAiCaller() {
        gw = gateway("");
        bedrock.enqueue(Reply.ok("Hello from Frankfurt").usage(12, 3));
        HttpResponse<String> r = gw.post("/v1/chat/completions", ASK);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = TestGateway.json(r.body());
        assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("Hello from Frankfurt");
        assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(12);
        assertThat(bedrock.rejected()).isZero();
        RecordedRequest seen = bedrock.requests().getFirst();
        assertThat(seen.path()).isEqualTo("/model/eu.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse");
        assertThat(seen.header("authorization")).contains("/eu-central-1/bedrock/aws4_request");
        assertThat(seen.header("x-amz-security-token")).isEqualTo("FakeSessionToken123");
        assertThat(seen.body().at("/messages/0/content/0/text").asText()).isEqualTo("hello");
    }

    @Test
    void aWrongSecretIsRefusedByTheFakeAndReportedAsTheProvidersAuthenticationFailure() throws IOException {
        Files.writeString(credentials, "[team]\naws_access_key_id = " + KEY_ID
                + "\naws_secret_access_key = notTheSecret\naws_session_token = FakeSessionToken123\n");
        gw = gateway("");
        HttpResponse<String> r = gw.post("/v1/chat/completions", ASK);
        assertThat(r.statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(bedrock.rejected()).isPositive();
        assertThat(r.body()).contains("InvalidSignatureException").doesNotContain("notTheSecret");
    }

    @Test
    void aStreamIsDecodedFromTheBinaryEventStreamWithItsUsage() {
        gw = gateway("");
        bedrock.enqueue(Reply.ok("one two three").usage(7, 3));
        HttpResponse<String> r = gw.post("/v1/chat/completions", ASK.replace("}]}",
                "}],\"stream\":true,\"stream_options\":{\"include_usage\":true}}"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<String> data = TestGateway.sseData(r.body());
        StringBuilder text = new StringBuilder();
        JsonNode usage = null;
        for (String d : data) {
            if (d.equals("[DONE]")) {
                continue;
            }
            JsonNode chunk = TestGateway.json(d);
            text.append(chunk.at("/choices/0/delta/content").asText(""));
            if (chunk.hasNonNull("usage")) {
                usage = chunk.get("usage");
            }
        }
        assertThat(text.toString()).isEqualTo("one two three");
        assertThat(data.getLast()).isEqualTo("[DONE]");
        assertThat(usage).isNotNull();
        assertThat(usage.get("prompt_tokens").asInt()).isEqualTo(7);
        assertThat(bedrock.requests().getFirst().path()).endsWith("/converse-stream");
    }

    @Test
    void aModelNotReadyAnswerIsRetried() {
        gw = gateway("");
        bedrock.enqueue(FakeBedrock.error(429, "ModelNotReadyException"), Reply.ok("ready now"));
        HttpResponse<String> r = gw.post("/v1/chat/completions", ASK);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(bedrock.requests()).hasSize(2);
    }

    @Test
    void anAnthropicCallerGetsBedrocksToolCallAsToolUse() {
        gw = gateway("");
        bedrock.enqueue(Reply.toolCalls(new ToolCall("tooluse_1", "weather", "{\"city\":\"Berlin\"}")));
        HttpResponse<String> r = gw.post("/v1/messages", """
                {"model":"claude","max_tokens":100,"messages":[{"role":"user","content":"weather?"}],
                 "tools":[{"name":"weather","input_schema":{"type":"object"}}]}""", "anthropic-version", "2023-06-01");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = TestGateway.json(r.body());
        assertThat(body.get("stop_reason").asText()).isEqualTo("tool_use");
        JsonNode use = body.at("/content/0");
        assertThat(use.get("type").asText()).isEqualTo("tool_use");
        assertThat(use.get("id").asText()).isEqualTo("tooluse_1");
        assertThat(use.at("/input/city").asText()).isEqualTo("Berlin");
        assertThat(bedrock.requests().getFirst().body().at("/toolConfig/tools/0/toolSpec/name").asText())
                .isEqualTo("weather");
    }

    @Test
    void aFrameWithABadChecksumMidStreamEndsTheStreamWithAnError() {
        gw = gateway("");
        bedrock.enqueue(Reply.malformedJson());
        HttpResponse<String> r = gw.post("/v1/chat/completions", ASK.replace("}]}", "}],\"stream\":true}"));
        // messageStart arrived (the stream is committed), then a frame whose checksum fails
        assertThat(r.body()).contains("event-stream frame").doesNotContain("[DONE]");
        UsageEvent e = gw.awaitEvents(1).getFirst();
        assertThat(e.status().name()).isNotEqualTo("OK");
    }
}
