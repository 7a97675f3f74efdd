package dev.freeport.provider.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The raw client's answer decoder hands over what Netty's own decoder (same limits, same header maps) hands over
 * for the same wire bytes, fed whole and a byte at a time: the status, version, headers in order, body pieces,
 * trailers and decoder failures.
 */
class AnswerHeadDecoderTest {
    private static final String JSON = "{\"id\":\"chatcmpl-1\",\"model\":\"m\"}";

    /** What a decoder made of {@code wire}, as text: one line per message. */
    private static List<String> decoded(HttpResponseDecoder decoder, String wire, boolean byteAtATime) {
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        byte[] bytes = wire.getBytes(StandardCharsets.ISO_8859_1);
        if (byteAtATime) {
            for (byte b : bytes) {
                ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
            }
        } else {
            ch.writeInbound(Unpooled.wrappedBuffer(bytes));
        }
        ch.finish();
        List<String> out = new ArrayList<>();
        Object msg;
        while ((msg = ch.readInbound()) != null) {
            out.add(describe((HttpObject) msg));
            ReferenceCountUtil.release(msg);
        }
        return out;
    }

    private static String describe(HttpObject msg) {
        StringBuilder s = new StringBuilder(msg.getClass().getSimpleName()).append(' ')
                .append(msg.decoderResult());
        if (msg instanceof HttpResponse r) {
            s.append(' ').append(r.protocolVersion()).append(' ').append(r.status().code()).append(' ')
                    .append(r.status().reasonPhrase());
        }
        if (msg instanceof HttpMessage m) {
            for (Map.Entry<String, String> h : m.headers()) {
                s.append(" [").append(h.getKey()).append(": ").append(h.getValue()).append(']');
            }
        }
        if (msg instanceof HttpContent c) {
            ByteBuf b = c.content();
            s.append(" body=").append(b.toString(StandardCharsets.ISO_8859_1));
        }
        if (msg instanceof LastHttpContent last) {
            for (Map.Entry<String, String> h : last.trailingHeaders()) {
                s.append(" {").append(h.getKey()).append(": ").append(h.getValue()).append('}');
            }
        }
        return s.toString();
    }

    private static void sameAsNettys(String wire) {
        for (boolean byteAtATime : new boolean[] {false, true}) {
            List<String> netty = decoded(new HttpResponseDecoder(RawPool.answerConfig()), wire, byteAtATime);
            List<String> ours = decoded(new AnswerHeadDecoder(RawPool.answerConfig()), wire, byteAtATime);
            assertThat(ours).isEqualTo(netty).isNotEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 31\r\n\r\n" + JSON,
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 31\r\ndate: Sat, 05 Dec 2026 22:00:00 GMT"
            + "\r\nserver: uvicorn\r\nx-request-id: abc\r\nopenai-processing-ms: 12\r\n\r\n" + JSON,
        "HTTP/1.1 200 OK\r\nCONTENT-TYPE: application/json\r\nContent-length: 31\r\nX-Custom: 1\r\n\r\n" + JSON,
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n"
            + "server-timing: 1\r\n\r\n",
        "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
        "HTTP/1.1 204 No Content\r\nDate: x\r\n\r\n",
        "HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n",
        "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 3\r\nx-ratelimit-remaining-requests: 0\r\n"
            + "Content-Length: 2\r\n\r\n{}",
        "HTTP/1.1 200 Fine\r\nContent-Length: 2\r\n\r\nok",
        "HTTP/1.1 200\r\nContent-Length: 2\r\n\r\nok",
        "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok",
        "HTTP/1.0 200 OK\r\n\r\nuntil the close",
        "HTTP/1.1 200 OK\r\nVia: a\r\nvia: b\r\nSet-Cookie: a=1\r\nset-cookie: b=2\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nX-Folded: a\r\n  continued\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 999 Odd\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 2x0 OK\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 099 OK\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 20 OK\r\nContent-Length: 0\r\n\r\n",
        "HTTX/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent Type: x\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Type : x\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nx-bad: a\u0001b\r\nContent-Length: 0\r\n\r\n",
        "garbage\r\n\r\n"})
    void decodesTheWireAsNettysDecoderDoes(String wire) {
        sameAsNettys(wire);
    }

    @Test
    void anOversizedHeadFailsAsNettysDoes() {
        sameAsNettys("HTTP/1.1 200 OK\r\nX-Big: " + "a".repeat(70 * 1024) + "\r\nContent-Length: 0\r\n\r\n");
    }

    @Test
    void anOversizedStatusLineFailsAsNettysDoes() {
        sameAsNettys("HTTP/1.1 200 " + "O".repeat(17 * 1024) + "\r\nContent-Length: 0\r\n\r\n");
    }

    @Test
    void keepAliveAnswersOnOneChannelDecodeAlike() {
        String one = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 31\r\n\r\n" + JSON;
        sameAsNettys(one + one + "HTTP/1.1 500 Internal Server Error\r\nConnection: close\r\nContent-Length: 2\r\n\r\n"
                + "no");
    }

    /** The usual words and names are shared constants: nothing made per answer for them. */
    @Test
    void theUsualStatusLineAndNamesAreSharedConstants() {
        String wire = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nContent-Length: 31\r\n\r\n" + JSON;
        HttpResponse first = (HttpResponse) decodedMessages(wire).getFirst();
        HttpResponse second = (HttpResponse) decodedMessages(wire).getFirst();
        assertThat(first.status()).isSameAs(io.netty.handler.codec.http.HttpResponseStatus.OK);
        List<CharSequence> a = names(first);
        List<CharSequence> b = names(second);
        assertThat(a).hasSize(2);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i)).isSameAs(b.get(i));
        }
    }

    private static List<CharSequence> names(HttpResponse r) {
        List<CharSequence> out = new ArrayList<>();
        r.headers().iteratorCharSequence().forEachRemaining(e -> out.add(e.getKey()));
        return out;
    }

    private static List<Object> decodedMessages(String wire) {
        EmbeddedChannel ch = new EmbeddedChannel(new AnswerHeadDecoder(RawPool.answerConfig()));
        ch.writeInbound(Unpooled.wrappedBuffer(wire.getBytes(StandardCharsets.ISO_8859_1)));
        ch.finish();
        List<Object> out = new ArrayList<>();
        Object msg;
        while ((msg = ch.readInbound()) != null) {
            out.add(msg);
        }
        out.forEach(ReferenceCountUtil::release);
        return out;
    }
}
