package dev.freeport.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.impl.headers.HeadersMultiMap;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * The edge's response encoder alone, on one thread: a gateway's JSON answer (its thirteen headers as the flow sets
 * them: names prepared, the request id, model and cost as Strings, Vert.x's content length) with a 560-byte heap body,
 * encoded again and again in an {@link EmbeddedChannel} with Netty's pooled allocator; CPU time and allocated bytes
 * per answer from the thread's {@code ThreadMXBean}.
 * {@code java -cp ... dev.freeport.server.EdgeEncoderCost [answers per round, 200000] [rounds, 5]}
 */
public final class EdgeEncoderCost {
    private EdgeEncoderCost() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        EmbeddedChannel ch = new EmbeddedChannel(new EdgeEncoder());
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sink = 0;
        sink += run(ch, n); // warm-up
        for (int r = 0; r < rounds; r++) {
            long cpu = mx.getCurrentThreadCpuTime();
            long mem = mx.getCurrentThreadAllocatedBytes();
            sink += run(ch, n);
            System.out.printf("round %d: %.3f µs CPU/answer, %d B/answer%n", r,
                    (mx.getCurrentThreadCpuTime() - cpu) / 1e3 / n, (mx.getCurrentThreadAllocatedBytes() - mem) / n);
        }
        System.out.println("bytes written " + sink);
        ch.finishAndReleaseAll();
    }

    /** Bytes written for {@code n} answers. */
    static long run(EmbeddedChannel ch, int n) {
        long bytes = 0;
        for (int i = 0; i < n; i++) {
            ch.writeOutbound(answer());
            for (Object o; (o = ch.readOutbound()) != null; ) {
                ByteBuf b = (ByteBuf) o;
                bytes += b.readableBytes();
                b.release();
            }
        }
        return bytes;
    }

    static final byte[] BODY = EdgePathCost.ANSWER;
    private static final ByteBuf BODY_BUF = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(BODY));
    private static final CharSequence[] NAMES = {
            HttpHeaders.createOptimized("x-freeport-request-id"), HttpHeaders.createOptimized("x-freeport-provider"),
            HttpHeaders.createOptimized("x-freeport-model"), HttpHeaders.createOptimized("x-freeport-attempts"),
            HttpHeaders.createOptimized("x-freeport-cost-usd"), HttpHeaders.createOptimized("x-ratelimit-limit-requests"),
            HttpHeaders.createOptimized("x-ratelimit-remaining-requests"),
            HttpHeaders.createOptimized("x-ratelimit-reset-requests"),
            HttpHeaders.createOptimized("x-ratelimit-limit-tokens"),
            HttpHeaders.createOptimized("x-ratelimit-remaining-tokens"),
            HttpHeaders.createOptimized("x-ratelimit-reset-tokens")};
    private static final CharSequence ONE = HttpHeaders.createOptimized("1");
    private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
    private static final String LENGTH = Integer.toString(BODY.length);

    /** The answer as Vert.x hands it to the encoder (a full response over its headers map). */
    static DefaultFullHttpResponse answer() {
        HeadersMultiMap h = HeadersMultiMap.httpHeaders();
        h.add(NAMES[0], "req_19aee1c2d3f4a1b2c3d4e5f6").add(NAMES[1], "fast").add(NAMES[2], "bench-upstream")
                .add(NAMES[3], ONE).add(NAMES[4], "0.000012").add(NAMES[5], "100000000").add(NAMES[6], "99999999")
                .add(NAMES[7], "1m0s").add(NAMES[8], "100000000000").add(NAMES[9], "99999999936").add(NAMES[10], "1m0s")
                .add(HttpHeaders.CONTENT_TYPE, JSON).add(HttpHeaders.CONTENT_LENGTH, LENGTH);
        return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, BODY_BUF.duplicate(), h,
                HeadersMultiMap.httpHeaders());
    }

    static {
        if (!new String(BODY, StandardCharsets.US_ASCII).startsWith("{")) {
            throw new IllegalStateException();
        }
    }
}
