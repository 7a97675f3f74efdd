package dev.freeport.server;

import dev.freeport.testing.RawHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests whose framing is ambiguous or malformed (RFC 9112 sections 3.2, 5.2, 6.1, 7.1) get a 400 and the
 * connection closes, so nothing after them on the connection (a smuggled request) is ever processed. Sent on raw
 * sockets: an HTTP client would refuse to send them.
 */
class HttpFramingTest {
    private static final Duration READ = Duration.ofSeconds(5);
    private static final String CHAT = "{\"model\":\"sim\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static TestGateway gw;

    @BeforeAll
    static void start() {
        gw = TestGateway.fromYaml("""
                providers:
                  sandbox:
                    type: sandbox
                    models:
                      instant: { ttft: 1ms, tokens_per_second: 0 }
                models:
                  - name: sim
                    targets: [ { provider: sandbox, model: instant } ]
                """, vx -> List.of());
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    private static RawHttp.Response send(String raw) throws Exception {
        return RawHttp.exchange(gw.gateway().port(), raw, READ);
    }

    /** A complete, valid chat request: what a smuggler hides in the body of the first one. */
    private static String smuggled() {
        return "POST /v1/chat/completions HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: "
                + CHAT.length() + "\r\n\r\n" + CHAT;
    }

    private static void assertRejected(RawHttp.Response r, String reason) {
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.body()).contains(reason);
        assertThat(r.statusLines()).as("only one answer on the connection: " + r.text()).isEqualTo(1);
        assertThat(r.closed()).as("the connection closes after the 400 (%s)", r.error()).isTrue();
    }

    @Test
    void contentLengthWithTransferEncodingIsRejectedAndTheSmuggledRequestNeverRuns() throws Exception {
        String body = "0\r\n\r\n" + smuggled();
        int before = gw.events().size();
        RawHttp.Response r = send("POST /v1/chat/completions HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\nTransfer-Encoding: chunked\r\n\r\n" + body);

        assertRejected(r, "Content-Length and Transfer-Encoding");
        Thread.sleep(300); // a smuggled request would be answered by now (the sandbox model answers in 1 ms)
        assertThat(gw.events()).as("no request was processed").hasSize(before);
    }

    @Test
    void transferEncodingThatIsNotChunkedIsRejected() throws Exception {
        RawHttp.Response r = send("POST /v1/chat/completions HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: xchunked\r\nContent-Length: " + CHAT.length() + "\r\n\r\n" + CHAT);

        assertRejected(r, "Transfer-Encoding");
    }

    @Test
    void chunkedThatIsNotTheFinalCodingIsRejected() throws Exception {
        RawHttp.Response r = send("POST /v1/chat/completions HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked, identity\r\n\r\n" + Integer.toHexString(CHAT.length()) + "\r\n" + CHAT
                + "\r\n0\r\n\r\n");

        assertRejected(r, "Transfer-Encoding");
    }

    @Test
    void obsFoldedHeaderIsRejected() throws Exception {
        RawHttp.Response r = send("POST /v1/chat/completions HTTP/1.1\r\nHost: a\r\nX-Note: one\r\n  two\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + CHAT.length() + "\r\n\r\n" + CHAT);

        assertRejected(r, "folded");
    }

    @Test
    void requestWithoutHostIsRejected() throws Exception {
        RawHttp.Response r = send("GET /health HTTP/1.1\r\n\r\n");

        assertRejected(r, "Host");
    }

    @Test
    void requestWithTwoHostHeadersIsRejected() throws Exception {
        RawHttp.Response r = send("GET /health HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n");

        assertRejected(r, "Host");
    }

    @Test
    void http10WithoutHostIsServed() throws Exception {
        RawHttp.Response r = send("GET /health HTTP/1.0\r\n\r\n");

        assertThat(r.text()).startsWith("HTTP/1.0 200");
    }

    @Test
    void badChunkSizeGetsA400AndTheConnectionCloses() throws Exception {
        RawHttp.Response r = send("POST /v1/chat/completions HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\nzz\r\n" + CHAT + "\r\n0\r\n\r\n");

        assertRejected(r, "chunk");
    }

    @Test
    void aWellFramedChunkedRequestIsServed() throws Exception {
        RawHttp.Response r = send("POST /v1/chat/completions HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
                + "Connection: close\r\nTransfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(CHAT.length())
                + "\r\n" + CHAT + "\r\n0\r\n\r\n");

        assertThat(r.status()).as(r.text()).isEqualTo(200);
    }
}
