package dev.freeport.provider.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.vertx.core.http.impl.headers.HeadersAdaptor;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Answers as upstreams put them on the wire, decoded by the raw client's pipeline ({@link RawPool#answerDecoder()}
 * and the decompressor) into {@link AnswerHeaders}: what the client reads of them is what Netty's own map gave.
 */
class AnswerHeadersTest {
    /** The messages the pipeline hands to the call's reader for {@code wire}, fed in reads of {@code piece} bytes. */
    private static List<Object> decode(byte[] wire, int piece) {
        EmbeddedChannel channel = new EmbeddedChannel(RawPool.answerDecoder(), new HttpContentDecompressor(0));
        for (int at = 0; at < wire.length; at += piece) {
            channel.writeInbound(Unpooled.copiedBuffer(wire, at, Math.min(piece, wire.length - at)));
        }
        List<Object> out = new ArrayList<>();
        for (Object m; (m = channel.readInbound()) != null; ) {
            out.add(m);
        }
        channel.finishAndReleaseAll();
        return out;
    }

    private static List<Object> decode(String wire) {
        return decode(wire.getBytes(StandardCharsets.ISO_8859_1), Integer.MAX_VALUE);
    }

    private static String body(List<Object> messages) {
        StringBuilder b = new StringBuilder();
        for (Object m : messages) {
            if (m instanceof HttpContent c) {
                b.append(c.content().toString(StandardCharsets.UTF_8));
                c.release();
            }
        }
        return b.toString();
    }

    private static HttpResponse head(List<Object> messages) {
        return (HttpResponse) messages.stream().filter(m -> m instanceof HttpResponse).findFirst().orElseThrow();
    }

    @Test
    void headersAreFoundWhateverTheirCase() {
        List<Object> m = decode("HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\n"
                + "Retry-After: 7\r\nX-RateLimit-Remaining-Requests: 0\r\ncontent-length: 2\r\n\r\n{}");
        HttpResponse r = head(m);
        assertThat(r.status().code()).isEqualTo(429);
        assertThat(r.headers()).isInstanceOf(AnswerHeaders.class);
        assertThat(r.headers().get("retry-after")).isEqualTo("7");
        assertThat(r.headers().get(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo("2");
        assertThat(new HeadersAdaptor(r.headers()).get("x-ratelimit-remaining-requests")).isEqualTo("0");
        assertThat(r.headers().get("x-missing")).isNull();
        assertThat(body(m)).isEqualTo("{}");
    }

    @Test
    void aRepeatedHeaderKeepsEveryValueInOrder() {
        HttpResponse r = head(decode("HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nVary: x\r\nset-cookie: b=2\r\n"
                + "Content-Length: 0\r\n\r\n"));
        assertThat(r.headers().getAll("Set-Cookie")).containsExactly("a=1", "b=2");
        assertThat(new HeadersAdaptor(r.headers()).getAll("set-cookie")).containsExactly("a=1", "b=2");
        assertThat(r.headers().names()).containsExactly("Set-Cookie", "Vary", "set-cookie", "Content-Length");
    }

    @Test
    void aChunkedAnswerWithTrailersGivesItsWholeBody() {
        List<Object> m = decode(("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/event-stream\r\n"
                + "\r\n5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nX-Trailer: t\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1), 3);
        assertThat(body(m)).isEqualTo("hello, world");
        assertThat(m.get(m.size() - 1)).isInstanceOf(LastHttpContent.class);
        assertThat(((LastHttpContent) m.get(m.size() - 1)).trailingHeaders().get("x-trailer")).isEqualTo("t");
    }

    @Test
    void aGzipAnswerArrivesDecompressedWithoutItsEncodingHeaders() throws Exception {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
            gz.write("{\"ok\":true}".getBytes(StandardCharsets.UTF_8));
        }
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: " + zipped.size() + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        ByteBuf wire = Unpooled.buffer().writeBytes(head).writeBytes(zipped.toByteArray());
        List<Object> m = decode(io.netty.buffer.ByteBufUtil.getBytes(wire), 16);
        assertThat(body(m)).isEqualTo("{\"ok\":true}");
        assertThat(head(m).headers().get("content-encoding")).isNull();
        assertThat(head(m).headers().get("content-length")).isNull();
    }

    @Test
    void anInterimAnswerComesBeforeTheFinalOne() {
        List<Object> m = decode("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        List<Integer> codes = m.stream().filter(x -> x instanceof HttpResponse)
                .map(x -> ((HttpResponse) x).status().code()).toList();
        assertThat(codes).containsExactly(100, 200);
        assertThat(body(m)).isEqualTo("ok");
    }

    @Test
    void aFoldedHeaderIsOneValue() {
        HttpResponse r = head(decode("HTTP/1.1 200 OK\r\nX-Long: first\r\n  second\r\nContent-Length: 0\r\n\r\n"));
        assertThat(r.headers().get("x-long")).isEqualTo("first second");
    }

    @Test
    void twoDifferentContentLengthsAreAMalformedHead() {
        HttpResponse r = head(decode("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok"));
        assertThat(r.decoderResult().isFailure()).isTrue();
    }

    @Test
    void aHeaderNameOfNoTokenIsAMalformedHead() {
        HttpResponse r = head(decode("HTTP/1.1 200 OK\r\nX-Bad(Name): x\r\nContent-Length: 0\r\n\r\n"));
        assertThat(r.decoderResult().isFailure()).isTrue();
    }

    @Test
    void aHeaderValueWithAControlCharacterIsAMalformedHead() {
        HttpResponse r = head(decode("HTTP/1.1 200 OK\r\nX-Bad: a\u0001b\r\nContent-Length: 0\r\n\r\n"));
        assertThat(r.decoderResult().isFailure()).isTrue();
    }

    @Test
    void setAndRemoveChangeEveryValueOfAName() {
        AnswerHeaders h = new AnswerHeaders();
        h.add("A", "1").add("b", "2").add("a", "3");
        h.set("a", "4");
        assertThat(h.getAll("A")).containsExactly("4");
        assertThat(h.get("B")).isEqualTo("2");
        h.remove("B");
        assertThat(h.size()).isEqualTo(1);
        assertThat(h.getInt("a")).isEqualTo(4);
    }
}
