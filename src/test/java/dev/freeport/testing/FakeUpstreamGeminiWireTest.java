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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The fake upstream's Gemini wire: generateContent, streamGenerateContent?alt=sse, functionCall ids, errors. */
class FakeUpstreamGeminiWireTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BODY = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}";
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
        up.setGeminiCallIds(false);
        up.setDefault(Reply.ok("Hello from the fake upstream."));
    }

    private static HttpResponse<String> post(String pathAndQuery) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(up.geminiBaseUrl() + pathAndQuery))
                .header("content-type", "application/json").header("x-goog-api-key", "AIza-test")
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).timeout(Duration.ofSeconds(10)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static List<JsonNode> events(String sse) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : sse.split("\r\n")) {
            if (line.startsWith("data: ")) {
                out.add(JSON.readTree(line.substring(6)));
            }
        }
        return out;
    }

    @Test
    void generateContentAnswersWithACandidateUsageAndTheModelFromThePath() throws Exception {
        up.enqueue(Reply.ok("Bonjour tout le monde").usage(11, 4));

        HttpResponse<String> r = post("/models/gemini-2.5-flash:generateContent");

        JsonNode root = JSON.readTree(r.body());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(root.at("/candidates/0/content/parts/0/text").asText()).isEqualTo("Bonjour tout le monde");
        assertThat(root.at("/candidates/0/content/role").asText()).isEqualTo("model");
        assertThat(root.at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
        assertThat(root.at("/usageMetadata/promptTokenCount").asInt()).isEqualTo(11);
        assertThat(root.at("/usageMetadata/candidatesTokenCount").asInt()).isEqualTo(4);
        assertThat(root.path("modelVersion").asText()).isEqualTo("gemini-2.5-flash");
        assertThat(up.requests().getFirst().header("x-goog-api-key")).isEqualTo("AIza-test");
    }

    @Test
    void streamSendsOneEventPerWordAndFinishesWithUsageAndNoDone() throws Exception {
        up.enqueue(Reply.ok("one two three").usage(5, 3));

        HttpResponse<String> r = post("/models/gemini-2.5-pro:streamGenerateContent?alt=sse");

        List<JsonNode> events = events(r.body());
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        assertThat(events).hasSize(4);
        assertThat(events.subList(0, 3)).extracting(e -> e.at("/candidates/0/content/parts/0/text").asText())
                .containsExactly("one", " two", " three");
        assertThat(events.subList(0, 3)).allSatisfy(e -> assertThat(e.at("/candidates/0/finishReason").isMissingNode()).isTrue());
        assertThat(events.getLast().at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
        assertThat(events.getLast().at("/usageMetadata/candidatesTokenCount").asInt()).isEqualTo(3);
        assertThat(r.body()).doesNotContain("[DONE]");
    }

    @Test
    void functionCallsCarryNoIdByDefault() throws Exception {
        up.enqueue(Reply.toolCalls(ToolCall.of("get_weather", "{\"city\":\"Paris\"}")));

        JsonNode root = JSON.readTree(post("/models/gemini-2.5-flash:generateContent").body());

        JsonNode fc = root.at("/candidates/0/content/parts/0/functionCall");
        assertThat(fc.path("name").asText()).isEqualTo("get_weather");
        assertThat(fc.at("/args/city").asText()).isEqualTo("Paris");
        assertThat(fc.has("id")).isFalse();
    }

    @Test
    void functionCallsCarryIdsWhenAsked() throws Exception {
        up.setGeminiCallIds(true);
        up.enqueue(Reply.toolCalls(new ToolCall("fc-1", "a", "{}"), ToolCall.of("b", "{\"x\":1}")));

        List<JsonNode> events = events(post("/models/g:streamGenerateContent?alt=sse").body());

        assertThat(events.get(0).at("/candidates/0/content/parts/0/functionCall/id").asText()).isEqualTo("fc-1");
        assertThat(events.get(1).at("/candidates/0/content/parts/0/functionCall/id").asText()).startsWith("fc_fake");
    }

    @Test
    void errorStatusUsesGoogleRpcShapeWithRetryInfo() throws Exception {
        up.enqueue(Reply.status(429).retryAfter(12));

        HttpResponse<String> r = post("/models/g:generateContent");

        JsonNode err = JSON.readTree(r.body()).path("error");
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(err.path("code").asInt()).isEqualTo(429);
        assertThat(err.path("status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(err.at("/details/0/retryDelay").asText()).isEqualTo("12s");
        assertThat(r.headers().firstValue("retry-after")).hasValue("12");
    }

    @Test
    void inBandErrorInAStreamIsAnErrorEvent() throws Exception {
        up.enqueue(Reply.inBandError(2));

        List<JsonNode> events = events(post("/models/g:streamGenerateContent?alt=sse").body());

        assertThat(events).hasSize(3);
        assertThat(events.getLast().at("/error/status").asText()).isEqualTo("UNAVAILABLE");
    }

    @Test
    void openAiPathsKeepTheirFormat() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(up.baseUrl() + "/chat/completions"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"messages\":[]}")).build();

        JsonNode root = JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());

        assertThat(root.path("object").asText()).isEqualTo("chat.completion");
    }
}
