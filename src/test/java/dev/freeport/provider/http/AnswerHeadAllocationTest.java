package dev.freeport.provider.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The raw client's answer decoding alone (the pipeline {@link RawPool} builds: {@link RawPool#answerDecoder()} and
 * the decompressor), in bytes allocated per answer on one thread: an answer's head as the benchmark's upstream
 * writes it, and as OpenAI's API writes one (eighteen headers), each fed as one pooled direct read.
 */
class AnswerHeadAllocationTest {
    private static final String BODY = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"m\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},"
            + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}";
    static final String BENCH_HEAD = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: "
            + BODY.length() + "\r\n\r\n";
    static final String OPENAI_HEAD = "HTTP/1.1 200 OK\r\n"
            + "Date: Sat, 05 Dec 2026 19:14:07 GMT\r\n"
            + "Content-Type: application/json\r\n"
            + "Content-Length: " + BODY.length() + "\r\n"
            + "Connection: keep-alive\r\n"
            + "access-control-expose-headers: X-Request-ID\r\n"
            + "openai-organization: user-abc123\r\n"
            + "openai-processing-ms: 412\r\n"
            + "openai-version: 2020-10-01\r\n"
            + "x-ratelimit-limit-requests: 10000\r\n"
            + "x-ratelimit-limit-tokens: 2000000\r\n"
            + "x-ratelimit-remaining-requests: 9999\r\n"
            + "x-ratelimit-remaining-tokens: 1999985\r\n"
            + "x-ratelimit-reset-requests: 6ms\r\n"
            + "x-ratelimit-reset-tokens: 0s\r\n"
            + "x-request-id: req_0123456789abcdef0123456789abcdef\r\n"
            + "strict-transport-security: max-age=31536000; includeSubDomains; preload\r\n"
            + "cf-cache-status: DYNAMIC\r\n"
            + "Server: cloudflare\r\n\r\n";

    /** Counts what reaches the call's reader and releases it, as {@link RawCall#read} does. */
    private static final class Sink extends ChannelInboundHandlerAdapter {
        int heads;
        int ends;
        long bodyBytes;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpResponse) {
                heads++;
            }
            if (msg instanceof HttpContent c) {
                bodyBytes += c.content().readableBytes();
            }
            if (msg instanceof LastHttpContent) {
                ends++;
            }
            ReferenceCountUtil.release(msg);
        }
    }

    static long perAnswer(String head, int n) {
        byte[] wire = (head + BODY).getBytes(StandardCharsets.US_ASCII);
        Sink sink = new Sink();
        EmbeddedChannel channel = new EmbeddedChannel(RawPool.answerDecoder(), new HttpContentDecompressor(0), sink);
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long least = Long.MAX_VALUE;
        for (int round = 0; round < 4; round++) { // the first round warms up; the least of the other three
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < n; i++) {
                ByteBuf read = PooledByteBufAllocator.DEFAULT.directBuffer(wire.length);
                read.writeBytes(wire);
                channel.pipeline().fireChannelRead(read);
            }
            long per = (threads.getCurrentThreadAllocatedBytes() - before) / n;
            if (round > 0) {
                least = Math.min(least, per);
            }
        }
        channel.finishAndReleaseAll();
        assertThat(sink.heads).isEqualTo(4 * n);
        assertThat(sink.ends).isEqualTo(4 * n);
        assertThat(sink.bodyBytes).isEqualTo(4L * n * BODY.length());
        System.out.printf("answer decode (%d header bytes): %d B per answer%n", head.length(), least);
        return least;
    }

    /**
     * Measured in surefire: 1,257 B per answer with Netty's header map, 840 B with {@link AnswerHeaders} (a JVM without
     * {@code Unsafe} for Netty: 1,400 and 1,056 B, the header lines read through NIO views).
     * Run alone (three JVMs): 1,055 B with Netty's decoder, 783 B with {@link AnswerHeadDecoder}'s shared status-line
     * words and names.
     */
    @Test
    void theBenchmarksAnswerHeadIsDecodedWithoutAMapEntryPerHeader() {
        assertThat(perAnswer(BENCH_HEAD, 200_000)).isLessThan(1_150);
    }

    /**
     * Measured in surefire: 3,942 B per answer with Netty's header map, 3,296 B with {@link AnswerHeaders}; what is
     * left is the decoder's own String and AsciiString per header (a head parser of the client's own would save
     * them). Run alone (three JVMs): 3,320 B with Netty's decoder, 3,207 B (once 1,991 B) with
     * {@link AnswerHeadDecoder}'s shared names: the values' Strings remain.
     */
    @Test
    void anOpenAiAnswerHeadIsDecodedWithoutAMapEntryPerHeader() {
        assertThat(perAnswer(OPENAI_HEAD, 200_000)).isLessThan(3_700);
    }
}
