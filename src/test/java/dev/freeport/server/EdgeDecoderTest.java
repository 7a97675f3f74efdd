package dev.freeport.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpServerOptions;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The edge's request decoder on its own (an embedded channel, no server): what it costs per request head and how it
 * counts Host headers from the head's bytes. {@link HttpFramingTest} has the same rules end to end.
 */
class EdgeDecoderTest {
    private static final String BODY = "{\"model\":\"bench\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final byte[] REQUEST = ("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:4090\r\n"
            + "Content-Type: application/json\r\nAuthorization: Bearer fp-0123456789abcdef\r\nContent-Length: "
            + BODY.length() + "\r\n\r\n" + BODY).getBytes(StandardCharsets.US_ASCII);

    private static EmbeddedChannel channel() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.pipeline().addLast(new EdgeDecoder(new HttpServerOptions(), new EdgeConnection(null, ch, false,
                System.nanoTime())));
        return ch;
    }

    /** The requests decoded from {@code parts} sent one after the other; null for a head the decoder refused. */
    private static List<String> decode(String... parts) {
        EmbeddedChannel ch = channel();
        for (String p : parts) {
            ch.writeInbound(Unpooled.copiedBuffer(p, StandardCharsets.US_ASCII));
        }
        List<String> heads = new ArrayList<>();
        for (Object o; (o = ch.readInbound()) != null; ) {
            if (o instanceof HttpRequest r) {
                heads.add(r.decoderResult().isSuccess() ? r.uri() : "refused: " + r.decoderResult().cause().getMessage());
            }
            ReferenceCountUtil.release(o);
        }
        ch.finishAndReleaseAll();
        return heads;
    }

    @Test
    void aRequestHeadIsCheckedWithoutAListOfItsHostValues() {
        EmbeddedChannel ch = channel();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().threadId();
        int n = 100_000;
        ByteBuf request = Unpooled.wrappedBuffer(REQUEST);
        for (int i = 0; i < n; i++) { // warm up
            oneRequest(ch, request);
        }
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < n; i++) {
            oneRequest(ch, request);
        }
        long perRequest = (threads.getThreadAllocatedBytes(id) - before) / n;

        // Netty's and Vert.x's own objects for the head and the body (the request, its headers, values, the content):
        // 1,232 B with a LinkedList of the Host values and a new name per header, 1,096 B without the list, 1,059 B
        // with the connection's names kept (this head has one name Vert.x does not keep: Authorization), measured
        // alone; 1,099 B in the whole suite's JVM (other tests' use of Netty changes what the JIT removes); 920 B
        // alone with the body's trailers as Vert.x's headers (no 16-slot table per request); 840 B alone with the
        // connection's request targets kept (no String per request for /v1/chat/completions)
        assertThat(perRequest).as("bytes allocated per request decoded").isLessThanOrEqualTo(1_000);
    }

    @Test
    void aBodysLastContentHasVertxHeadersForItsTrailersAndNoTableUntilOneArrives() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.wrappedBuffer(REQUEST));
        List<Object> decoded = new ArrayList<>();
        for (Object o; (o = ch.readInbound()) != null; ) {
            decoded.add(o);
        }
        Object last = decoded.get(decoded.size() - 1);
        assertThat(last).isInstanceOf(io.netty.handler.codec.http.LastHttpContent.class);
        // Netty's default is a DefaultHttpHeaders with a 16-slot table, made per request though the server reads no
        // trailers (168 B per request, measured with aRequestHeadIsCheckedWithoutAListOfItsHostValues' loop)
        assertThat(((io.netty.handler.codec.http.LastHttpContent) last).trailingHeaders())
                .isInstanceOf(io.vertx.core.http.impl.headers.HeadersMultiMap.class)
                .isEmpty();
        decoded.forEach(ReferenceCountUtil::release);
        ch.finishAndReleaseAll();
    }

    private static void oneRequest(EmbeddedChannel ch, ByteBuf request) {
        ch.writeInbound(request.retainedDuplicate());
        for (Object o; (o = ch.readInbound()) != null; ) {
            ReferenceCountUtil.release(o);
        }
    }

    @Test
    void aConnectionsHeaderNamesAreMadeOnceAndKeptAsSent() {
        EmbeddedChannel ch = channel();
        String head = "GET /a HTTP/1.1\r\nHost: a\r\nX-Stainless-Lang: python\r\nx-stainless-lang: py\r\n\r\n";
        List<List<CharSequence>> names = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ch.writeInbound(Unpooled.copiedBuffer(head, StandardCharsets.US_ASCII));
            for (Object o; (o = ch.readInbound()) != null; ) {
                if (o instanceof HttpRequest r) {
                    List<CharSequence> n = new ArrayList<>();
                    r.headers().iteratorCharSequence().forEachRemaining(e -> n.add(e.getKey()));
                    names.add(n);
                }
                ReferenceCountUtil.release(o);
            }
        }
        ch.finishAndReleaseAll();

        assertThat(names.get(0)).map(CharSequence::toString).containsExactly("Host", "X-Stainless-Lang",
                "x-stainless-lang");
        for (int i = 0; i < 3; i++) {
            assertThat(names.get(1).get(i)).as("the second request's name %s", i).isSameAs(names.get(0).get(i));
        }
    }

    @Test
    void aConnectionsRepeatedRequestTargetIsMadeOnceAndEveryTargetReadsAsSent() {
        EmbeddedChannel ch = channel();
        List<String> sent = List.of("/v1/chat/completions", "/v1/models", "/v1/chat/completions", "/a?x=%C3%A9",
                "/b", "/c", "/d", "/v1/chat/completions", "/v1/models?q=1", "/v1/models");
        List<String> targets = new ArrayList<>();
        for (String target : sent) {
            ch.writeInbound(Unpooled.copiedBuffer("GET " + target + " HTTP/1.1\r\nHost: a\r\n\r\n",
                    StandardCharsets.US_ASCII));
            for (Object o; (o = ch.readInbound()) != null; ) {
                if (o instanceof HttpRequest r) {
                    targets.add(r.uri());
                }
                ReferenceCountUtil.release(o);
            }
        }
        ch.finishAndReleaseAll();

        assertThat(targets).isEqualTo(sent);
        assertThat(targets.get(2)).as("sent again at once").isSameAs(targets.get(0));
        assertThat(targets.get(7)).as("five other targets later: made again").isNotSameAs(targets.get(0));
        assertThat(targets.get(9)).isNotSameAs(targets.get(1));
        String longTarget = "/" + "p".repeat(EdgeDecoder.TARGET_MAX);
        EmbeddedChannel other = channel();
        List<String> longOnes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            other.writeInbound(Unpooled.copiedBuffer("GET " + longTarget + " HTTP/1.1\r\nHost: a\r\n\r\n",
                    StandardCharsets.US_ASCII));
            for (Object o; (o = other.readInbound()) != null; ) {
                if (o instanceof HttpRequest r) {
                    longOnes.add(r.uri());
                }
                ReferenceCountUtil.release(o);
            }
        }
        other.finishAndReleaseAll();
        assertThat(longOnes).containsExactly(longTarget, longTarget);
        assertThat(longOnes.get(1)).as("a long target is not kept").isNotSameAs(longOnes.get(0));
    }

    @Test
    void aHostHeaderArrivingByteByByteIsCountedOnce() {
        String head = "GET /health HTTP/1.1\r\nHost: a\r\n\r\n";

        assertThat(decode(head.split(""))).containsExactly("/health");
    }

    @Test
    void twoHostHeadersArrivingByteByByteAreRefused() {
        String head = "GET /health HTTP/1.1\r\nhost: a\r\nHOST: b\r\n\r\n";

        assertThat(decode(head.split(""))).singleElement().asString().startsWith("refused: ")
                .contains("exactly one Host header; this one has 2");
    }

    @Test
    void aHeaderWhoseNameStartsWithHostIsNotAHost() {
        assertThat(decode("GET /health HTTP/1.1\r\nHostname: x\r\nHost: a\r\nX-Host: y\r\n\r\n"))
                .containsExactly("/health");
        assertThat(decode("GET /health HTTP/1.1\r\nHostname: x\r\n\r\n")).singleElement().asString()
                .contains("this one has 0");
    }

    @Test
    void eachOfTwoPipelinedRequestsHasItsOwnCount() {
        assertThat(decode("GET /a HTTP/1.1\r\nHost: a\r\n\r\nGET /b HTTP/1.1\r\nHost: b\r\n\r\n"))
                .containsExactly("/a", "/b");
    }
}
