package dev.freeport.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpResponseEncoder;
import io.vertx.core.http.impl.headers.HeadersMultiMap;
import io.vertx.core.net.impl.ConnectionBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The edge's response encoder: a whole answer with a small body goes out as one buffer, byte for byte what Vert.x's
 * encoder writes in two; an answer to HEAD has no body; and the event loop makes fewer objects per answer.
 */
class EdgeEncoderTest {
    private static final byte[] BODY = ("{\"choices\":[{\"message\":{\"content\":\"" + "word ".repeat(90) + "\"}}]}")
            .getBytes(StandardCharsets.US_ASCII);

    private static Vertx vertx;
    /** a server whose connections have the edge's encoder, and one with Vert.x's own */
    private static int edgePort;
    private static int plainPort;
    private static volatile long loopThread;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        edgePort = listen(true);
        plainPort = listen(false);
    }

    private static int listen(boolean edgeEncoder) throws Exception {
        Buffer body = Buffer.buffer(BODY);
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(req -> {
                    loopThread = Thread.currentThread().threadId();
                    req.response().putHeader("content-type", "application/json")
                            .putHeader("x-freeport-request-id", "req_19aee1c2d3f4a1b2c3d4e5f6")
                            .putHeader("x-freeport-provider", "fast").putHeader("x-freeport-model", "bench-upstream");
                    req.response().end(body);
                });
        if (edgeEncoder) {
            server.connectionHandler(c -> ((ConnectionBase) c).channel().pipeline()
                    .replace("httpEncoder", "httpEncoder", new EdgeEncoder()));
        }
        return server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A 200 with a gateway's headers and the 500-byte body, as Vert.x hands it to its encoder. */
    private static DefaultFullHttpResponse answer() {
        HeadersMultiMap headers = HeadersMultiMap.httpHeaders();
        headers.add("content-type", "application/json").add("content-length", Integer.toString(BODY.length))
                .add("x-freeport-request-id", "req_19aee1c2d3f4a1b2c3d4e5f6").add("x-freeport-provider", "fast")
                .add("x-freeport-model", "bench-upstream").add("x-freeport-attempts", "1")
                .add("x-freeport-cost-usd", "0.000012").add("x-ratelimit-limit-requests", "100000000")
                .add("x-ratelimit-remaining-requests", "99999999").add("x-ratelimit-limit-tokens", "100000000000")
                .add("x-ratelimit-remaining-tokens", "99999999936");
        return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(BODY),
                headers, HeadersMultiMap.httpHeaders());
    }

    /** What an encoder writes for the answer, one array per buffer written. */
    private static java.util.List<byte[]> written(io.netty.channel.ChannelHandler encoder) {
        return written(encoder, answer());
    }

    private static java.util.List<byte[]> written(io.netty.channel.ChannelHandler encoder, Object answer) {
        EmbeddedChannel ch = new EmbeddedChannel(encoder);
        ch.writeOutbound(answer);
        java.util.List<byte[]> out = new java.util.ArrayList<>();
        for (Object o; (o = ch.readOutbound()) != null; ) {
            ByteBuf b = (ByteBuf) o;
            byte[] bytes = new byte[b.readableBytes()];
            b.readBytes(bytes);
            b.release();
            out.add(bytes);
        }
        ch.finishAndReleaseAll();
        return out;
    }

    private static byte[] joined(java.util.List<byte[]> buffers) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        buffers.forEach(all::writeBytes);
        return all.toByteArray();
    }

    @Test
    void aWholeAnswerWithASmallBodyIsOneBufferWithVertxsBytes() {
        java.util.List<byte[]> vertxOwn = written(new VertxHttpResponseEncoder());
        java.util.List<byte[]> edge = written(new EdgeEncoder());
        assertThat(EdgeEncoder.AVAILABLE).isTrue();
        assertThat(vertxOwn).as("Vert.x's encoder: head and body apart").hasSize(2);
        assertThat(edge).as("the edge's encoder: one buffer").hasSize(1);
        assertThat(new String(edge.get(0), StandardCharsets.US_ASCII))
                .isEqualTo(new String(joined(vertxOwn), StandardCharsets.US_ASCII));
    }

    @Test
    void aHeadLargerThanTheEncodersArrayAndCharactersBeyondAsciiAreWrittenAsVertxWritesThem() {
        java.util.function.Supplier<DefaultFullHttpResponse> big = () -> {
            HeadersMultiMap headers = HeadersMultiMap.httpHeaders();
            for (int i = 0; i < 60; i++) { // some 2,400 bytes of lines: more than the array holds
                headers.add((CharSequence) ("x-line-" + i), io.netty.util.AsciiString.of("value-" + "v".repeat(i)));
            }
            headers.add("x-long", "l".repeat(HeadBytes.SCRATCH + 100)) // one line longer than the array
                    .add("x-latin", "caf\u00e9").add("x-wide", "5 \u20ac").add("content-length", "2");
            return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.wrappedBuffer(new byte[]{'{', '}'}), headers, HeadersMultiMap.httpHeaders());
        };
        byte[] vertxOwn = joined(written(new VertxHttpResponseEncoder(), big.get()));
        byte[] edge = joined(written(new EdgeEncoder(), big.get()));
        assertThat(edge.length).isGreaterThan(2 * HeadBytes.SCRATCH);
        assertThat(new String(edge, StandardCharsets.ISO_8859_1))
                .contains("x-latin: caf\u00e9\r\n", "x-wide: 5 ?\r\n")
                .isEqualTo(new String(vertxOwn, StandardCharsets.ISO_8859_1));
    }

    @Test
    void aWholeAnswersBufferIsAllocatedOnceAtItsSize() {
        java.util.List<Integer> asked = new java.util.ArrayList<>();
        io.netty.buffer.ByteBufAllocator counting = new io.netty.buffer.AbstractByteBufAllocator(true) {
            @Override
            protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
                asked.add(initialCapacity);
                return Unpooled.buffer(initialCapacity, maxCapacity);
            }

            @Override
            protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
                asked.add(initialCapacity);
                return Unpooled.directBuffer(initialCapacity, maxCapacity);
            }

            @Override
            public boolean isDirectBufferPooled() {
                return false;
            }
        };
        EmbeddedChannel ch = new EmbeddedChannel(new EdgeEncoder());
        ch.config().setAllocator(counting);
        for (int i = 0; i < 3; i++) { // the first head sizes the next ones
            asked.clear();
            ch.writeOutbound(answer());
            ByteBuf out = ch.readOutbound();
            assertThat(out.capacity()).as("answer %d: the buffer did not grow", i).isEqualTo(asked.get(0));
            assertThat(out.readableBytes()).isGreaterThan(BODY.length);
            out.release();
            assertThat(asked).as("answer %d: one buffer", i).hasSize(1);
        }
        ch.finishAndReleaseAll();
    }

    @Test
    void aStreamsChunkIsOneBufferWithVertxsBytes() {
        java.util.List<java.util.List<byte[]>> vertxOwn = chunks(new VertxHttpResponseEncoder());
        java.util.List<java.util.List<byte[]>> edge = chunks(new EdgeEncoder());
        assertThat(vertxOwn.get(1)).as("Vert.x's encoder: size line, bytes, CRLF").hasSize(3);
        for (int i = 0; i < edge.size(); i++) {
            assertThat(edge.get(i)).as("write %d", i).hasSize(1);
            assertThat(new String(edge.get(i).get(0), StandardCharsets.US_ASCII))
                    .isEqualTo(new String(joined(vertxOwn.get(i)), StandardCharsets.US_ASCII));
        }
    }

    /** A chunked answer's writes (the head, two events, the end), and what each one became. */
    private static java.util.List<java.util.List<byte[]>> chunks(io.netty.channel.ChannelHandler encoder) {
        EmbeddedChannel ch = new EmbeddedChannel(encoder);
        HeadersMultiMap headers = HeadersMultiMap.httpHeaders();
        headers.add("content-type", "text/event-stream").add("transfer-encoding", "chunked");
        byte[] event = ("data: {\"choices\":[{\"delta\":{\"content\":\"word \"}}]}\n\n")
                .getBytes(StandardCharsets.US_ASCII);
        java.util.List<java.util.List<byte[]>> out = new java.util.ArrayList<>();
        for (Object msg : new Object[]{new io.netty.handler.codec.http.DefaultHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.OK, headers), new io.netty.handler.codec.http.DefaultHttpContent(
                Unpooled.wrappedBuffer(event)), new io.netty.handler.codec.http.DefaultHttpContent(
                Unpooled.wrappedBuffer(event)), new io.netty.handler.codec.http.DefaultLastHttpContent(
                Unpooled.wrappedBuffer("data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII)))}) {
            ch.writeOutbound(msg);
            java.util.List<byte[]> written = new java.util.ArrayList<>();
            for (Object o; (o = ch.readOutbound()) != null; ) {
                ByteBuf b = (ByteBuf) o;
                byte[] bytes = new byte[b.readableBytes()];
                b.readBytes(bytes);
                b.release();
                written.add(bytes);
            }
            out.add(written);
        }
        ch.finishAndReleaseAll();
        return out;
    }

    @Test
    void anAnswerToHeadIsItsHeadAloneAsVertxWritesIt() throws Exception {
        String edge = headThenGet(edgePort);
        assertThat(edge).isEqualTo(headThenGet(plainPort));
        String get = edge.substring(edge.indexOf("\r\n\r\n") + 4);
        assertThat(get).startsWith("HTTP/1.1 200 OK\r\n").endsWith(new String(BODY, StandardCharsets.US_ASCII));
    }

    /** What a HEAD then a GET on one connection read: the GET's answer shows where the HEAD's ended. */
    private static String headThenGet(int port) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write("HEAD /x HTTP/1.1\r\nHost: a\r\n\r\nGET /x HTTP/1.1\r\nHost: a\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            String text = "";
            while (!text.endsWith("}}]}")) {
                int r = s.getInputStream().read(buf);
                if (r < 0) {
                    break;
                }
                got.write(buf, 0, r);
                text = got.toString(StandardCharsets.US_ASCII);
            }
            return text;
        }
    }

    @Test
    void anAnswerOnTheEventLoopMakesFewerObjectsThanWithVertxsEncoder() throws Exception {
        try (Socket edge = new Socket("127.0.0.1", edgePort); Socket plain = new Socket("127.0.0.1", plainPort)) {
            int n = 20_000;
            perRequest(edge, n); // warm up
            perRequest(plain, n);
            long withEdge = perRequest(edge, n);
            long withVertx = perRequest(plain, n);
            // the PromiseCombiner, two channel promises and the body's direct copy: 48 B here (1,600 against 1,648),
            // 170 B on the edge probe alone (EdgePathCost, separate JVMs); nothing with Vert.x's encoder on both
            assertThat(withVertx - withEdge).as("event-loop bytes per answer: edge's encoder %d B, Vert.x's %d B",
                    withEdge, withVertx).isGreaterThanOrEqualTo(24);
        }
    }

    private static long perRequest(Socket s, int n) throws Exception {
        s.setTcpNoDelay(true);
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        exchange(s, 1);
        long before = mx.getThreadAllocatedBytes(loopThread);
        exchange(s, n);
        return (mx.getThreadAllocatedBytes(loopThread) - before) / n;
    }

    private static final byte[] GET = "GET /x HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private static void exchange(Socket s, int n) throws Exception {
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        int answer = -1;
        byte[] buf = new byte[8192];
        for (int i = 0; i < n; i++) {
            out.write(GET);
            int have = 0;
            while (answer < 0 || have < answer) {
                int r = in.read(buf, have, buf.length - have);
                if (r < 0) {
                    throw new java.io.EOFException();
                }
                have += r;
                if (answer < 0) {
                    String text = new String(buf, 0, have, StandardCharsets.US_ASCII);
                    int end = text.indexOf("\r\n\r\n");
                    answer = end < 0 ? -1 : end + 4 + BODY.length;
                }
            }
        }
    }
}
