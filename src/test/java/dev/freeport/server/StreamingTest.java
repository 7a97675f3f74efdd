package dev.freeport.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static dev.freeport.server.TestGateway.json;
import static dev.freeport.server.TestGateway.sseData;
import static org.assertj.core.api.Assertions.assertThat;

/** Streams: relay, usage chunk handling, breaks after the first byte, disconnects. */
class StreamingTest {
    private static final String STREAM = """
            {"model":"smart","stream":true,"messages":[{"role":"user","content":"hello"}]}""";
    private static final String STREAM_WITH_USAGE = """
            {"model":"smart","stream":true,"stream_options":{"include_usage":true},
             "messages":[{"role":"user","content":"hello"}]}""";
    private FakeUpstream primary;
    private FakeUpstream backup;
    private TestGateway gw;

    @BeforeEach
    void start() {
        primary = FakeUpstream.start();
        backup = FakeUpstream.start();
        primary.setDefault(Reply.ok("one two three four five"));
        backup.setDefault(Reply.ok("backup answer"));
        gw = TestGateway.builder().openai("primary", primary.baseUrl()).openai("backup", backup.baseUrl())
                .alias("smart", "primary/model-a", "backup/model-b").start();
    }

    @AfterEach
    void stop() {
        gw.close();
        primary.close();
        backup.close();
    }

    private static String text(List<String> data) {
        StringBuilder sb = new StringBuilder();
        for (String d : data) {
            if (!d.equals("[DONE]")) {
                sb.append(json(d).path("choices").path(0).path("delta").path("content").asText(""));
            }
        }
        return sb.toString();
    }

    @Test
    void relaysTheStreamAndEndsWithDone() {
        HttpResponse<String> r = gw.post("/v1/chat/completions", STREAM);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        assertThat(r.headers().firstValue("x-freeport-provider")).hasValue("primary");
        List<String> data = sseData(r.body());
        assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
        assertThat(text(data)).isEqualTo("one two three four five");
    }

    @Test
    void asksTheUpstreamForUsageButStripsItWhenTheCallerDidNot() {
        List<String> data = sseData(gw.post("/v1/chat/completions", STREAM).body());
        assertThat(primary.requests().get(0).body().path("stream_options").path("include_usage").asBoolean())
                .isTrue();
        assertThat(data).noneMatch(d -> d.contains("\"usage\""));
        UsageEvent e = gw.onlyEvent();
        assertThat(e.outputTokens()).isPositive();
        assertThat(e.estimated()).isFalse();
    }

    @Test
    void keepsTheUsageChunkWhenTheCallerAskedForIt() {
        List<String> data = sseData(gw.post("/v1/chat/completions", STREAM_WITH_USAGE).body());
        JsonNode usageChunk = json(data.get(data.size() - 2));
        assertThat(usageChunk.path("choices").isEmpty()).isTrue();
        assertThat(usageChunk.path("usage").path("completion_tokens").asInt()).isPositive();
        UsageEvent e = gw.onlyEvent();
        assertThat(e.inputTokens()).isEqualTo(usageChunk.path("usage").path("prompt_tokens").asLong());
        assertThat(e.outputTokens()).isEqualTo(usageChunk.path("usage").path("completion_tokens").asLong());
    }

    @Test
    void fallsBackOnlyBeforeFirstByte() {
        primary.enqueue(Reply.ok("one two three four five").resetAfterChunks(2));
        HttpResponse<String> r = gw.post("/v1/chat/completions", STREAM);
        List<String> data = sseData(r.body());
        assertThat(data).doesNotContain("[DONE]");
        JsonNode last = json(data.get(data.size() - 1));
        assertThat(last.path("error").path("code").asText()).isEqualTo("stream_interrupted");
        assertThat(backup.requests()).isEmpty();
        UsageEvent e = gw.onlyEvent();
        assertThat(e.status()).isEqualTo(UsageEvent.Status.CUT);
        assertThat(e.outputTokens()).isPositive();
        assertThat(e.estimated()).isTrue();
    }

    @Test
    void fallsBackWhenTheStreamFailsBeforeItsFirstChunk() {
        primary.enqueue(Reply.status(502));
        List<String> data = sseData(gw.post("/v1/chat/completions", STREAM).body());
        assertThat(text(data)).isEqualTo("backup answer");
        assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
    }

    @Test
    void anInBandErrorReachesTheCallerAsAnErrorEvent() {
        primary.enqueue(Reply.ok("one two three four five").inBandError(2));
        List<String> data = sseData(gw.post("/v1/chat/completions", STREAM).body());
        assertThat(data).doesNotContain("[DONE]");
        assertThat(json(data.get(data.size() - 1)).has("error")).isTrue();
        assertThat(gw.onlyEvent().status()).isEqualTo(UsageEvent.Status.CUT);
    }

    @Test
    void anIdleUpstreamIsCutAfterTheIdleTimeout() {
        primary.enqueue(Reply.ok("one two three four five").stallAfterChunks(2));
        long start = System.nanoTime();
        List<String> data = sseData(gw.post("/v1/chat/completions", STREAM).body());
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(700);
        assertThat(json(data.get(data.size() - 1)).path("error").path("message").asText()).contains("no data for");
        assertThat(gw.onlyEvent().status()).isEqualTo(UsageEvent.Status.CUT);
    }

    @Test
    void countsTokensAndMarksThemEstimatedWhenTheUpstreamReportsNone() {
        primary.enqueue(Reply.ok("one two three four five").noUsage());
        gw.post("/v1/chat/completions", STREAM);
        UsageEvent e = gw.onlyEvent();
        assertThat(e.estimated()).isTrue();
        assertThat(e.inputTokens()).isPositive();
        assertThat(e.outputTokens()).isBetween(4L, 8L);
    }

    @Test
    void aCallerThatDisconnectsCancelsTheUpstreamRequest() throws Exception {
        primary.enqueue(Reply.ok("a b c d e f g h i j k l m n o p").chunkDelay(Duration.ofMillis(200)));
        String body = STREAM;
        try (Socket s = new Socket("127.0.0.1", gw.gateway().port())) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            int n = in.read(buf);
            assertThat(new String(buf, 0, n, StandardCharsets.UTF_8)).startsWith("HTTP/1.1 200");
        }
        UsageEvent e = gw.onlyEvent();
        assertThat(e.status()).isEqualTo(UsageEvent.Status.CANCELLED);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (primary.cancelledRequests() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(primary.cancelledRequests()).isEqualTo(1);
    }
}
