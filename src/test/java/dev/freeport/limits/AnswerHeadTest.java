package dev.freeport.limits;

import dev.freeport.caller.Limits;
import dev.freeport.config.AlertsConfig;
import dev.freeport.config.LimitsConfig;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An admitted answer's head as the caller's socket reads it, byte for byte: the gateway's headers, the rate-limit
 * headers and Vert.x's, their names, values and order (SDKs read them; the edge's cheaper header writing must not
 * change one byte). Only the request id differs from answer to answer.
 */
class AnswerHeadTest {
    private FakeUpstream up;
    private TestGateway gw;

    @AfterEach
    void close() throws Exception {
        gw.close();
        up.close();
    }

    @Test
    void anAdmittedAnswersHeadReadsAsBefore() throws Exception {
        up = FakeUpstream.start();
        up.setDefault(Reply.ok("hi").usage(10, 5));
        gw = LimitsHarness.gateway(up, LimitsConfig.EMBEDDED, AlertsConfig.NONE,
                new LimitsHarness.MutableClock(Instant.parse("2026-11-26T10:00:00Z")),
                Map.of(LimitsHarness.KEY, LimitsHarness.principal("k1", null, new Limits(600, 100_000L, null), null,
                        Limits.NONE, null)), new AtomicReference<>());
        String head = head(LimitsHarness.chat(false, 10));
        assertThat(head.replaceAll("req_[0-9a-f]+", "req_ID")).isEqualTo("""
                HTTP/1.1 200 OK\r
                x-freeport-request-id: req_ID\r
                x-freeport-provider: fake\r
                x-freeport-model: gpt-test\r
                x-freeport-attempts: 1\r
                x-ratelimit-limit-requests: 600\r
                x-ratelimit-remaining-requests: 599\r
                x-ratelimit-reset-requests: 1m0s\r
                x-ratelimit-limit-tokens: 100000\r
                x-ratelimit-remaining-tokens: 99969\r
                x-ratelimit-reset-tokens: 1m0s\r
                x-freeport-cost-usd: 0.005\r
                content-type: application/json\r
                content-length: 515\r
                \r
                """);
    }

    /** Sends one chat request on a socket and returns the answer's head, up to and with its empty line. */
    private String head(String body) throws Exception {
        URI base = URI.create(gw.base());
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            OutputStream out = s.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: " + base.getHost() + "\r\nContent-Type: "
                    + "application/json\r\nAuthorization: Bearer " + LimitsHarness.KEY + "\r\nContent-Length: "
                    + b.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(b);
            InputStream in = s.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int c = in.read();
                if (c < 0) {
                    break;
                }
                head.append((char) c);
            }
            return head.toString();
        }
    }
}
