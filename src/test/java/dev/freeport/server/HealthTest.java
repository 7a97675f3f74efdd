package dev.freeport.server;

import dev.freeport.testing.RawHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Liveness and readiness, under Freeport's names and LiteLLM's, and readiness during a shutdown. */
class HealthTest {
    private static final String SANDBOX = """
            providers:
              sandbox:
                type: sandbox
                models:
                  slow: { ttft: 10ms, tokens_per_second: 20, max_output_tokens: 30 }
            models:
              - name: slow
                targets: [ { provider: sandbox, model: slow } ]
            """;
    private TestGateway gw;

    @AfterEach
    void stop() {
        if (gw != null) {
            gw.close();
        }
    }

    @Test
    void litellmsLivelinessAndReadinessPathsAnswerLikeHealthAndReady() {
        gw = TestGateway.fromYaml(SANDBOX, vx -> List.of());

        var live = gw.get("/health/liveliness");
        var ready = gw.get("/health/readiness");

        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.body()).isEqualTo(gw.get("/health").body());
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo(gw.get("/ready").body()).contains("ready");
    }

    @Test
    void aShutdownAfterTheGatewayClosedFindsNothingToDrainAndDoesNotThrow() {
        gw = TestGateway.fromYaml(SANDBOX, vx -> List.of());
        gw.gateway().close();

        Gateway.Stopped stopped = gw.gateway().shutdown(Duration.ofSeconds(1));

        assertThat(stopped.inFlight()).isZero();
        assertThat(stopped.cancelled()).isZero();
    }

    @Test
    void readinessTurns503DrainingAsSoonAsAShutdownStarts() throws Exception {
        gw = TestGateway.fromYaml(SANDBOX, vx -> List.of());
        String chat = "{\"model\":\"slow\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), gw.gateway().port())) {
            s.setSoTimeout(20_000);
            // a stream (about 1.5 s) and, pipelined behind it on the same connection, a readiness probe
            s.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: a\r\nContent-Type: "
                    + "application/json\r\nContent-Length: " + chat.length() + "\r\n\r\n" + chat
                    + "GET /health/readiness HTTP/1.1\r\nHost: a\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            Thread.sleep(300);
            CompletableFuture<Gateway.Stopped> stopping = CompletableFuture.supplyAsync(
                    () -> gw.gateway().shutdown(Duration.ofSeconds(10)));

            RawHttp.Response r = RawHttp.readAll(s);

            assertThat(r.text()).contains("[DONE]");
            String probe = r.text().substring(r.text().indexOf("[DONE]"));
            assertThat(probe).contains("HTTP/1.1 503", "{\"status\":\"draining\"}");
            assertThat(stopping.get().inFlight()).isEqualTo(1);
            assertThat(stopping.get().cancelled()).isZero();
        }
    }
}
