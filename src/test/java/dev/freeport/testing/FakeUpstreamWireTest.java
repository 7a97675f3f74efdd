package dev.freeport.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Wire details an SDK would not show: exact event order, null usage markers, error shapes, recording. */
class FakeUpstreamWireTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static FakeUpstream up;
    private static HttpClient http;

    @BeforeAll
    static void startServer() {
        up = FakeUpstream.start();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stopServer() {
        http.close();
        up.close();
    }

    @BeforeEach
    void reset() {
        up.clear();
        up.setDefault(Reply.ok("Hello from the fake upstream."));
    }

    private static HttpResponse<String> post(FakeUpstream server, String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("content-type", "application/json").header("x-test", "yes")
                .POST(HttpRequest.BodyPublishers.ofString(json)).timeout(Duration.ofSeconds(10)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static List<JsonNode> dataJson(String sse) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : sse.split("\n")) {
            if (line.startsWith("data: ") && !line.equals("data: [DONE]")) {
                out.add(JSON.readTree(line.substring(6)));
            }
        }
        return out;
    }

    @Test
    void recordsMethodPathHeadersAndParsedBody() throws Exception {
        post(up, "/v1/chat/completions", "{\"model\":\"gpt-x\",\"stream\":false,\"messages\":[]}");

        RecordedRequest recorded = up.awaitRequests(1, Duration.ofSeconds(5)).getFirst();
        assertThat(recorded.method()).isEqualTo("POST");
        assertThat(recorded.path()).isEqualTo("/v1/chat/completions");
        assertThat(recorded.header("X-Test")).isEqualTo("yes");
        assertThat(recorded.model()).isEqualTo("gpt-x");
        assertThat(recorded.stream()).isFalse();
        assertThat(recorded.body().path("messages").isArray()).isTrue();
        assertThat(recorded.receivedAt()).isNotNull();
    }

    @Test
    void queuedRepliesAreServedInOrderThenTheDefault() throws Exception {
        up.setDefault(Reply.ok("default text"));
        up.enqueue(Reply.ok("first"), Reply.ok("second"));
        String body = "{\"model\":\"m\",\"messages\":[]}";

        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            texts.add(JSON.readTree(post(up, "/v1/chat/completions", body).body())
                    .at("/choices/0/message/content").asText());
        }

        assertThat(texts).containsExactly("first", "second", "default text");
        assertThat(up.pendingReplies()).isZero();
    }

    @Test
    void includeUsageMarksOtherChunksWithNullUsageAndEndsWithEmptyChoices() throws Exception {
        String body = "{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"messages\":[]}";

        HttpResponse<String> response = post(up, "/v1/chat/completions", body);

        List<JsonNode> chunks = dataJson(response.body());
        JsonNode last = chunks.getLast();
        assertThat(last.path("choices").isArray() && last.path("choices").isEmpty()).isTrue();
        assertThat(last.at("/usage/total_tokens").asInt()).isPositive();
        assertThat(chunks.subList(0, chunks.size() - 1))
                .allSatisfy(c -> assertThat(c.has("usage") && c.get("usage").isNull()).isTrue());
        assertThat(response.body()).endsWith("data: [DONE]\n\n");
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("text/event-stream"));
    }

    @Test
    void noUsageOmitsUsageEvenWhenTheClientAsksForIt() throws Exception {
        up.enqueue(Reply.ok("x y").noUsage(), Reply.ok("x y").noUsage());
        String stream = "{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"messages\":[]}";

        List<JsonNode> chunks = dataJson(post(up, "/v1/chat/completions", stream).body());
        JsonNode plain = JSON.readTree(post(up, "/v1/chat/completions", "{\"model\":\"m\",\"messages\":[]}").body());

        assertThat(chunks).allSatisfy(c -> assertThat(c.path("usage").isNull() || c.path("usage").isMissingNode())
                .isTrue());
        assertThat(chunks).allSatisfy(c -> assertThat(c.path("choices").isEmpty()).isFalse());
        assertThat(plain.has("usage")).isFalse();
    }

    @Test
    void anthropicStreamFollowsTheDocumentedEventSequence() throws Exception {
        up.enqueue(Reply.ok("a b"));

        String sse = post(up, "/v1/messages", "{\"model\":\"claude-x\",\"stream\":true,\"max_tokens\":10}").body();

        List<String> events = Arrays.stream(sse.split("\n")).filter(l -> l.startsWith("event: "))
                .map(l -> l.substring(7)).toList();
        assertThat(events).containsExactly("message_start", "content_block_start", "ping", "content_block_delta",
                "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        List<JsonNode> data = dataJson(sse);
        assertThat(data.getFirst().at("/message/model").asText()).isEqualTo("claude-x");
        assertThat(data.getFirst().at("/message/usage/input_tokens").asInt()).isEqualTo(Reply.DEFAULT_INPUT_TOKENS);
        assertThat(data.get(6).at("/usage/output_tokens").asInt()).isEqualTo(2);
        assertThat(data.get(6).at("/delta/stop_reason").asText()).isEqualTo("end_turn");
    }

    @Test
    void errorStatusesUseEachProvidersErrorShape() throws Exception {
        up.enqueue(Reply.status(500), Reply.status(503));

        HttpResponse<String> openAi = post(up, "/v1/chat/completions", "{\"model\":\"m\"}");
        HttpResponse<String> anthropic = post(up, "/v1/messages", "{\"model\":\"m\"}");

        assertThat(openAi.statusCode()).isEqualTo(500);
        JsonNode o = JSON.readTree(openAi.body());
        assertThat(o.at("/error/type").asText()).isEqualTo("server_error");
        assertThat(o.at("/error/message").asText()).isNotBlank();
        assertThat(o.path("error").has("param")).isTrue();
        assertThat(anthropic.statusCode()).isEqualTo(503);
        JsonNode a = JSON.readTree(anthropic.body());
        assertThat(a.path("type").asText()).isEqualTo("error");
        assertThat(a.at("/error/type").asText()).isEqualTo("overloaded_error");
        assertThat(a.path("request_id").asText()).isEqualTo(anthropic.headers().firstValue("request-id").orElseThrow());
    }

    @Test
    void customErrorBodyIsSentVerbatim() throws Exception {
        up.enqueue(Reply.status(400).body("{\"error\":{\"message\":\"custom\"}}"));

        HttpResponse<String> response = post(up, "/v1/chat/completions", "{}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"error\":{\"message\":\"custom\"}}");
    }

    @Test
    void unknownPathIs404InOpenAiShapeAndKeepsTheQueue() throws Exception {
        up.enqueue(Reply.ok("kept"));

        HttpResponse<String> response = post(up, "/v1/nothing-here", "{}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).at("/error/message").asText()).contains("/v1/nothing-here");
        assertThat(up.pendingReplies()).isEqualTo(1);
    }

    @Test
    void base64EmbeddingsDecodeToTheFloatVector() throws Exception {
        String floats = "{\"model\":\"e\",\"input\":[\"x\",\"y\"],\"dimensions\":8}";
        String base64 = "{\"model\":\"e\",\"input\":[\"x\",\"y\"],\"dimensions\":8,\"encoding_format\":\"base64\"}";

        JsonNode f = JSON.readTree(post(up, "/v1/embeddings", floats).body());
        JsonNode b = JSON.readTree(post(up, "/v1/embeddings", base64).body());

        assertThat(f.path("data")).hasSize(2);
        assertThat(f.at("/data/1/index").asInt()).isEqualTo(1);
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(b.at("/data/1/embedding").asText()))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 8; i++) {
            assertThat(bytes.getFloat()).isEqualTo(f.at("/data/1/embedding/" + i).floatValue());
        }
        assertThat(f.at("/data/0/embedding")).isNotEqualTo(f.at("/data/1/embedding"));
    }

    @Test
    void defaultAnswersEchoEachModelAcrossEventLoops() throws Exception {
        FakeUpstream multi = FakeUpstream.start(FakeUpstream.Options.defaults().withInstances(2)
                .withRecordRequests(false));
        try {
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String body = "{\"model\":\"model-" + (i % 2) + "\",\"stream\":" + (i % 4 < 2) + "}";
                calls.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return post(multi, "/v1/chat/completions", body);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            for (int i = 0; i < calls.size(); i++) {
                HttpResponse<String> r = calls.get(i).join();
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).contains("\"model\":\"model-" + (i % 2) + "\"");
                assertThat(r.body()).contains(i % 4 < 2 ? "data: [DONE]" : "\"object\":\"chat.completion\"");
            }
            assertThat(multi.requests()).isEmpty();
        } finally {
            multi.close();
        }
    }

    @Test
    void benchModeStreamsTheConfiguredNumberOfWordChunks() throws Exception {
        FakeUpstream bench = FakeUpstream.startBench(new String[]{"--words", "7", "--instances", "1"});
        try {
            String sse = post(bench, "/v1/chat/completions", "{\"model\":\"b\",\"stream\":true}").body();

            long deltas = dataJson(sse).stream().filter(c -> c.at("/choices/0/delta").has("content")
                    && !c.at("/choices/0/delta").has("role")).count();
            assertThat(deltas).isEqualTo(7);
        } finally {
            bench.close();
        }
    }

    @Test
    void benchArgsRejectAnUnknownOption() {
        assertThatThrownBy(() -> BenchArgs.parse(new String[]{"--bogus", "1"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--bogus");
    }
}
