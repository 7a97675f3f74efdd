package dev.freeport.server;

import dev.freeport.testing.RawHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Connections that send nothing, send slowly or stop mid-body are closed in seconds; the connection cap holds. */
class EdgeConnectionsTest {
    private static final String SANDBOX = """
            providers:
              sandbox:
                type: sandbox
                models:
                  instant: { ttft: 1ms, tokens_per_second: 0 }
                  slow: { ttft: 100ms, tokens_per_second: 20, max_output_tokens: 60 }
            models:
              - name: sim
                targets: [ { provider: sandbox, model: instant } ]
              - name: slow
                targets: [ { provider: sandbox, model: slow } ]
            """;
    private static final String FAST_TIMEOUTS = "head_timeout: 1s, body_timeout: 1s, idle_timeout: 1s";
    private final List<Socket> sockets = new ArrayList<>();
    private TestGateway gw;

    @AfterEach
    void stop() throws Exception {
        for (Socket s : sockets) {
            s.close();
        }
        if (gw != null) {
            gw.close();
        }
    }

    private Socket connect() throws Exception {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), gw.gateway().port());
        s.setSoTimeout(8_000);
        sockets.add(s);
        return s;
    }

    private static void send(Socket s, String raw) throws Exception {
        s.getOutputStream().write(raw.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
    }

    /** Reads one response of known length (or until close) from a kept-alive connection. */
    private static String readResponse(Socket s) throws Exception {
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return head.toString();
            }
            head.append((char) b);
        }
        String lower = head.toString().toLowerCase();
        int at = lower.indexOf("content-length: ");
        int length = Integer.parseInt(lower.substring(at + 16, lower.indexOf("\r\n", at)).trim());
        return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static long closedAfterMillis(Socket s) throws Exception {
        long start = System.nanoTime();
        RawHttp.Response r = RawHttp.readAll(s);
        assertThat(r.closed()).as("closed by the gateway, got %s: %s", r.error(), r.text()).isTrue();
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAfterTheHeadTimeout() throws Exception {
        gw = TestGateway.fromYaml(FAST_TIMEOUTS, SANDBOX, vx -> List.of());
        Socket s = connect();

        RawHttp.Response r = RawHttp.readAll(s);

        assertThat(r.closed()).as("closed, got %s", r.error()).isTrue();
        assertThat(r.raw()).isEmpty();
    }

    @Test
    void aHeadThatStopsHalfwayGets408AndIsClosed() throws Exception {
        gw = TestGateway.fromYaml(FAST_TIMEOUTS, SANDBOX, vx -> List.of());
        Socket s = connect();
        send(s, "GET /health HTTP/1.1\r\nHost: a\r\nX-Slow: ");

        RawHttp.Response r = RawHttp.readAll(s);

        assertThat(r.status()).as(r.text()).isEqualTo(408);
        assertThat(r.body()).contains("server.head_timeout");
        assertThat(r.closed()).isTrue();
    }

    @Test
    void aBodyThatStallsGets408InTheCallersFormatAndIsClosed() throws Exception {
        gw = TestGateway.fromYaml(FAST_TIMEOUTS, SANDBOX, vx -> List.of());
        Socket s = connect();
        send(s, "POST /v1/messages HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nanthropic-version: "
                + "2023-06-01\r\nContent-Length: 100\r\n\r\n{\"model\":");

        RawHttp.Response r = RawHttp.readAll(s);

        assertThat(r.status()).as(r.text()).isEqualTo(408);
        assertThat(TestGateway.json(r.body()).path("type").asText()).isEqualTo("error"); // Anthropic's shape
        assertThat(r.body()).contains("server.body_timeout");
        assertThat(r.closed()).isTrue();
    }

    @Test
    void aKeptAliveConnectionServesRequestAfterRequest() throws Exception {
        gw = TestGateway.fromYaml(SANDBOX, vx -> List.of());
        Socket s = connect();
        String chat = "{\"model\":\"sim\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

        for (int i = 0; i < 3; i++) {
            send(s, "GET /health HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(readResponse(s)).startsWith("HTTP/1.1 200").doesNotContainIgnoringCase("connection: close");
            send(s, "GET /v1/models HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(readResponse(s)).startsWith("HTTP/1.1 200").contains("sim");
            send(s, "POST /v1/chat/completions HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + chat.length() + "\r\n\r\n" + chat);
            assertThat(readResponse(s)).startsWith("HTTP/1.1 200").contains("chat.completion");
        }
    }

    @Test
    void aKeptAliveConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        gw = TestGateway.fromYaml(FAST_TIMEOUTS, SANDBOX, vx -> List.of());
        Socket s = connect();
        send(s, "GET /health HTTP/1.1\r\nHost: a\r\n\r\n");
        assertThat(readResponse(s)).startsWith("HTTP/1.1 200");

        assertThat(closedAfterMillis(s)).isBetween(500L, 5_000L);
    }

    @Test
    void aStreamLongerThanEveryTimeoutIsNotCut() throws Exception {
        gw = TestGateway.fromYaml(FAST_TIMEOUTS, SANDBOX, vx -> List.of());
        long start = System.nanoTime();

        var r = gw.post("/v1/chat/completions", "{\"model\":\"slow\",\"stream\":true,\"max_tokens\":60,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"tell me a long story\"}]}");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("[DONE]").doesNotContain("\"error\"");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the stream outlasted the 1s timeouts")
                .isGreaterThan(Duration.ofMillis(2_000));
    }

    @Test
    void aConnectionOverTheCapGets503AndIsClosed() throws Exception {
        gw = TestGateway.fromYaml("max_connections: 2", SANDBOX, vx -> List.of());
        Socket first = connect();
        connect();
        Thread.sleep(200); // both accepted

        Socket third = connect();
        send(third, "GET /health HTTP/1.1\r\nHost: a\r\n\r\n");
        RawHttp.Response refused = RawHttp.readAll(third);

        assertThat(refused.status()).as(refused.text()).isEqualTo(503);
        assertThat(refused.body()).contains("too_many_connections", "server.max_connections");
        assertThat(refused.head().toLowerCase()).contains("retry-after: 1", "connection: close");
        assertThat(refused.closed()).isTrue();

        first.close();
        Thread.sleep(200);
        Socket fourth = connect();
        send(fourth, "GET /health HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
        assertThat(RawHttp.readAll(fourth).status()).isEqualTo(200);
    }
}
