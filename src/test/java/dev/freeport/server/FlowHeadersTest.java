package dev.freeport.server;

import dev.freeport.testing.RawHttp;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import io.vertx.core.MultiMap;
import io.vertx.core.http.impl.VertxHttpResponseEncoder;
import io.vertx.core.http.impl.headers.HeadersMultiMap;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The flow's headers of an answer kept as an {@link AnswerHead} and written by the edge's encoder: the head's bytes
 * are those Vert.x wrote with the same headers in its map; they go into their own answer's head only; the map
 * behaves as Vert.x's; the connection's one map serves answer after answer.
 */
class FlowHeadersTest {
    private static final byte[] BODY = "{\"ok\":true}".getBytes(StandardCharsets.US_ASCII);

    /** the gateway's headers of a JSON answer, as the flow adds them (constants, Strings, a count's digits) */
    private static void gatewayHeaders(MultiMap h) {
        h.add(AsciiString.of("x-freeport-request-id"), "req_19aee1c2d3f4a1b2c3d4e5f6")
                .add(AsciiString.of("x-freeport-provider"), "fast")
                .add(AsciiString.of("x-freeport-model"), "bench-upstream")
                .add(AsciiString.of("x-freeport-attempts"), AsciiString.of("1"))
                .add(AsciiString.of("x-freeport-cost-usd"), "0.000012")
                .set(AsciiString.of("x-ratelimit-remaining-requests"), new StringBuilder("99999999"))
                .add(AsciiString.of("content-type"), AsciiString.of("application/json"));
    }

    private static DefaultFullHttpResponse answer(HeadersMultiMap headers) {
        headers.set("content-length", Integer.toString(BODY.length)); // what Vert.x adds as it ends the answer
        return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(BODY), headers, HeadersMultiMap.httpHeaders());
    }

    private static String written(ChannelHandler encoder, Object... messages) {
        EmbeddedChannel ch = new EmbeddedChannel(encoder);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Object m : messages) {
            ch.writeOutbound(m);
            for (ByteBuf b = ch.readOutbound(); b != null; b = ch.readOutbound()) {
                byte[] bytes = new byte[b.readableBytes()];
                b.readBytes(bytes);
                b.release();
                all.writeBytes(bytes);
            }
        }
        ch.finishAndReleaseAll();
        return all.toString(StandardCharsets.ISO_8859_1);
    }

    private static EdgeConnection edgeConnection() {
        EdgeConnection conn = new EdgeConnection(null, null, false, 0);
        conn.writesHeads = true;
        return conn;
    }

    @Test
    void anAnswersHeadIsByteForByteWhatVertxWroteWithTheSameHeadersInItsMap() {
        HeadersMultiMap inVertx = HeadersMultiMap.httpHeaders();
        gatewayHeaders(inVertx);
        String vertxOwn = written(new VertxHttpResponseEncoder(), answer(inVertx));

        EdgeConnection conn = edgeConnection();
        AnswerHead flow = conn.freeHead();
        gatewayHeaders(flow);
        HeadersMultiMap own = HeadersMultiMap.httpHeaders();
        assertThat(conn.holdHead(flow, own)).isTrue();
        String edge = written(new EdgeEncoder(conn), answer(own));

        assertThat(edge).contains("x-freeport-request-id: req_19aee1c2d3f4a1b2c3d4e5f6\r\n").isEqualTo(vertxOwn);
    }

    @Test
    void theFlowsHeadersGoIntoTheHeadOfTheirOwnAnswerOnly() {
        EdgeConnection conn = edgeConnection();
        AnswerHead flow = conn.freeHead();
        gatewayHeaders(flow);
        HeadersMultiMap own = HeadersMultiMap.httpHeaders();
        conn.holdHead(flow, own);

        String bytes = written(new EdgeEncoder(conn), answer(HeadersMultiMap.httpHeaders()), answer(own));

        String[] answers = bytes.split("(?=HTTP/1.1 200 OK)");
        assertThat(answers).hasSize(2);
        assertThat(answers[0]).doesNotContain("x-freeport");
        assertThat(answers[1]).containsOnlyOnce("x-freeport-provider: fast\r\n");
    }

    @Test
    void aConnectionKeepsOneAnswersHeadersAtATime() {
        EdgeConnection conn = edgeConnection();
        AnswerHead first = conn.freeHead();
        first.add("x-a", "1");
        AnswerHead second = conn.freeHead();
        second.add("x-b", "2");
        assertThat(conn.holdHead(first, HeadersMultiMap.httpHeaders())).isTrue();
        assertThat(conn.holdHead(second, HeadersMultiMap.httpHeaders()))
                .as("the caller copies these into the answer's own map").isFalse();
    }

    @Test
    void aValueWithALineBreakIsRefusedAsVertxRefusesIt() {
        AnswerHead h = new AnswerHead();
        assertThatThrownBy(() -> h.add("x-freeport-alias", "coder\r\nset-cookie: a=b"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HeadersMultiMap.httpHeaders().add("x-freeport-alias", "coder\r\nset-cookie: a=b"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(h.isEmpty()).isTrue();
    }

    @Test
    void setAndRemoveIgnoreTheNamesCaseAndKeepTheOrderVertxsMapKeeps() {
        AnswerHead ours = new AnswerHead();
        HeadersMultiMap vertx = HeadersMultiMap.httpHeaders();
        for (MultiMap m : List.<MultiMap>of(ours, vertx)) {
            m.add("X-One", "1").add("x-two", "2").add("x-one", "1b").add("x-three", "3")
                    .set("X-ONE", "one").remove("X-Three").add("x-four", "4");
        }
        assertThat(ours.entries()).containsExactlyElementsOf(vertx.entries());
        assertThat(ours.getAll("x-ONE")).containsExactly("one");
        assertThat(ours.size()).isEqualTo(vertx.size());
    }

    @Test
    void eachAnswerOnAKeepAliveConnectionCarriesItsOwnGatewayHeadersOnce() throws Exception {
        String sandbox = """
                providers:
                  sandbox:
                    type: sandbox
                    models:
                      quick: { ttft: 0ms, tokens_per_second: 100000, max_output_tokens: 5 }
                models:
                  - name: quick
                    targets: [ { provider: sandbox, model: quick } ]
                """;
        String chat = "{\"model\":\"quick\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        String request = "POST /v1/chat/completions HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + chat.length() + "\r\n";
        try (TestGateway gw = TestGateway.fromYaml(sandbox, vx -> List.of());
             Socket s = new Socket(InetAddress.getLoopbackAddress(), gw.gateway().port())) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write((request + "\r\n" + chat + request + "Connection: close\r\n\r\n" + chat)
                    .getBytes(StandardCharsets.US_ASCII));

            String text = RawHttp.readAll(s).text();

            assertThat(text.split("HTTP/1.1 200 OK", -1)).hasSize(3);
            Matcher ids = Pattern.compile("\r\nx-freeport-request-id: (\\S+)\r\n").matcher(text);
            assertThat(ids.find()).isTrue();
            String first = ids.group(1);
            assertThat(ids.find()).isTrue();
            assertThat(ids.group(1)).isNotEqualTo(first);
            assertThat(ids.find()).as("one id per answer").isFalse();
            assertThat(Pattern.compile("\r\ncontent-type: application/json\r\n").matcher(text).results().count())
                    .isEqualTo(2);
        }
    }
}
