package dev.freeport.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every scripted fault, observed on a bare socket exactly as a client would see it. */
class FakeUpstreamFaultsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHAT = "/v1/chat/completions";
    private static final String STREAM = "{\"model\":\"m1\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String PLAIN = "{\"model\":\"m1\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final Duration READ = Duration.ofSeconds(5);
    private static FakeUpstream up;

    @BeforeAll
    static void startServer() {
        up = FakeUpstream.start();
    }

    @AfterAll
    static void stopServer() {
        up.close();
    }

    @BeforeEach
    void reset() {
        up.clear();
        up.setChunkDelay(Duration.ZERO);
    }

    private static List<String> dataLines(String body) {
        return Arrays.stream(body.split("\n")).filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
    }

    private static long contentDeltas(String body) {
        return dataLines(body).stream().filter(l -> l.contains("\"delta\":{\"content\":\"")).count();
    }

    @Test
    void resetBeforeHeadResetsTheConnectionWithoutAByte() throws Exception {
        up.enqueue(Reply.resetBeforeHead());

        RawHttp.Response response = RawHttp.post(up.port(), CHAT, PLAIN, READ);

        assertThat(response.raw()).isEmpty();
        assertThat(response.reset()).as("connection reset, got %s", response.error()).isTrue();
    }

    @Test
    void resetAfterChunksSendsExactlyThoseChunksThenResets() throws Exception {
        up.enqueue(Reply.resetAfterChunks(3));

        RawHttp.Response response = RawHttp.post(up.port(), CHAT, STREAM, READ);

        assertThat(response.status()).isEqualTo(200);
        assertThat(contentDeltas(response.body())).isEqualTo(3);
        assertThat(response.text()).doesNotContain("[DONE]");
        assertThat(response.reset()).as("connection reset, got %s", response.error()).isTrue();
    }

    @Test
    void hangNeverAnswersAndCountsTheClientLeavingAsCancelled() throws Exception {
        up.enqueue(Reply.hang());

        RawHttp.Response response = RawHttp.post(up.port(), CHAT, PLAIN, Duration.ofMillis(300));

        assertThat(response.raw()).isEmpty();
        assertThat(response.timedOut()).isTrue();
        assertThat(up.awaitCancelledRequests(1, READ)).isEqualTo(1);
    }

    @Test
    void closingTheServerFreesAHungRequest() throws Exception {
        FakeUpstream own = FakeUpstream.start();
        own.enqueue(Reply.hang());
        try (Socket socket = RawHttp.open(own.port(), CHAT, PLAIN, Duration.ofSeconds(30))) {
            CompletableFuture<RawHttp.Response> read = CompletableFuture.supplyAsync(() -> {
                try {
                    return RawHttp.readAll(socket);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            own.awaitRequests(1, READ);
            assertThat(read).isNotDone();

            own.close();

            RawHttp.Response response = read.get(5, TimeUnit.SECONDS);
            assertThat(response.timedOut()).isFalse();
            assertThat(own.cancelledRequests()).isZero();
        }
    }

    @Test
    void stallAfterChunksGoesSilentWithTheConnectionOpen() throws Exception {
        up.enqueue(Reply.stallAfterChunks(2));

        RawHttp.Response response = RawHttp.post(up.port(), CHAT, STREAM, Duration.ofMillis(400));

        assertThat(contentDeltas(response.body())).isEqualTo(2);
        assertThat(response.text()).doesNotContain("[DONE]");
        assertThat(response.timedOut()).isTrue();
    }

    @Test
    void malformedJsonNonStreamIsA200WhoseBodyDoesNotParse() throws Exception {
        up.enqueue(Reply.malformedJson());

        RawHttp.Response response = RawHttp.post(up.port(), CHAT, PLAIN, READ);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.head().toLowerCase()).contains("content-type: application/json");
        assertThatThrownBy(() -> JSON.readTree(response.body())).isInstanceOf(Exception.class);
    }

    @Test
    void malformedJsonStreamSendsABrokenDataLineAndNoDone() throws Exception {
        up.enqueue(Reply.malformedJson());

        RawHttp.Response response = RawHttp.post(up.port(), CHAT, STREAM, READ);

        List<String> data = dataLines(response.body());
        assertThat(response.error()).isNull();
        assertThat(data).isNotEmpty().doesNotContain("[DONE]");
        assertThatThrownBy(() -> JSON.readTree(data.getLast())).isInstanceOf(Exception.class);
    }

    @Test
    void openAiInBandErrorFollowsTheChunksAndReplacesDone() throws Exception {
        up.enqueue(Reply.inBandError(2));

        RawHttp.Response response = RawHttp.post(up.port(), CHAT, STREAM, READ);

        List<String> data = dataLines(response.body());
        assertThat(contentDeltas(response.body())).isEqualTo(2);
        JsonNode error = JSON.readTree(data.getLast());
        assertThat(error.path("error").path("type").asText()).isEqualTo("server_error");
        assertThat(error.path("error").has("message")).isTrue();
        assertThat(data).doesNotContain("[DONE]");
        assertThat(response.error()).isNull();
    }

    @Test
    void anthropicInBandErrorIsAnErrorEvent() throws Exception {
        up.enqueue(Reply.inBandError(1));

        RawHttp.Response response = RawHttp.post(up.port(), "/v1/messages", STREAM, READ);

        String body = response.body();
        assertThat(body).startsWith("event: message_start\n");
        assertThat(body.split("event: content_block_delta\n", -1)).hasSize(2);
        String last = body.substring(body.lastIndexOf("event: "));
        assertThat(last).startsWith("event: error\ndata: ");
        JsonNode error = JSON.readTree(last.substring(last.indexOf("data: ") + 6).trim());
        assertThat(error.path("type").asText()).isEqualTo("error");
        assertThat(error.path("error").path("type").asText()).isEqualTo("overloaded_error");
        assertThat(body).doesNotContain("message_stop");
    }

    @Test
    void delayWaitsBeforeAnswering() throws Exception {
        up.enqueue(Reply.ok("late").delay(Duration.ofMillis(300)));

        long start = System.nanoTime();
        RawHttp.Response response = RawHttp.post(up.port(), CHAT, PLAIN, READ);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(JSON.readTree(response.body()).at("/choices/0/message/content").asText()).isEqualTo("late");
    }

    @Test
    void chunkDelayPacesTheStreamFrames() throws Exception {
        up.setChunkDelay(Duration.ofMillis(40));
        up.enqueue(Reply.ok("a b c d e"));

        long start = System.nanoTime();
        RawHttp.Response response = RawHttp.post(up.port(), CHAT, STREAM, READ);

        // role chunk, 5 content chunks, finish chunk, [DONE]: 7 pauses
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(280));
        assertThat(contentDeltas(response.body())).isEqualTo(5);
        assertThat(dataLines(response.body()).getLast()).isEqualTo("[DONE]");
    }
}
