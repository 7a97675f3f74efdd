package dev.freeport.provider.http;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The byte-level SSE parser against the WHATWG line rules, fed in every possible split. */
class SseParserTest {
    private static final String STREAM = ": comment\r\n"
            + "event: ping\r\n"
            + "data: first\n"
            + "\n"
            + "data:second\r"
            + "data:  two lines ü\r"
            + "\r"
            + "id: 7\n"
            + "data\n"
            + "\n"
            + "data: {\"a\":1}\r\n\r\n"
            + "data: unterminated";

    private static final List<SseEvent> EXPECTED = List.of(
            new SseEvent("ping", "first"),
            new SseEvent(null, "second\n two lines ü"),
            new SseEvent(null, ""),
            new SseEvent(null, "{\"a\":1}"),
            new SseEvent(null, "unterminated"));

    private static List<SseEvent> parse(byte[] bytes, int... cuts) {
        List<SseEvent> out = new ArrayList<>();
        SseParser p = new SseParser(out::add);
        int from = 0;
        for (int cut : cuts) {
            p.feed(bytes, from, cut);
            from = cut;
        }
        p.feed(bytes, from, bytes.length);
        p.finish();
        return out;
    }

    @Test
    void readsEventsDataLinesCommentsAndEveryLineEnding() {
        assertThat(parse(STREAM.getBytes(StandardCharsets.UTF_8))).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void givesTheSameEventsWhereverTheInputIsCut() {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        for (int a = 0; a <= bytes.length; a++) {
            assertThat(parse(bytes, a)).as("cut at %d", a).containsExactlyElementsOf(EXPECTED);
        }
    }

    @Test
    void givesTheSameEventsFedOneByteAtATime() {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        int[] cuts = new int[bytes.length - 1];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = i + 1;
        }
        assertThat(parse(bytes, cuts)).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void readsAVertxBufferSliceInPlace() {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        io.vertx.core.buffer.Buffer whole = io.vertx.core.buffer.Buffer.buffer("xx").appendBytes(bytes)
                .appendString("yy");
        List<SseEvent> out = new ArrayList<>();
        SseParser p = new SseParser(out::add);
        p.feed(whole.slice(2, 2 + bytes.length)); // an offset into a larger array
        p.finish();
        assertThat(out).isEqualTo(EXPECTED);
    }

    @Test
    void feedingAnUpstreamReadDoesNotCopyIt() {
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            events.append("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                    + "\"delta\":{\"content\":\"word").append(i).append("\"},\"finish_reason\":null}]}\n\n");
        }
        io.vertx.core.buffer.Buffer read = io.vertx.core.buffer.Buffer.buffer(events.toString());
        long[] dataBytes = new long[1];
        long perRead = allocatedPerFeed(new SseParser(e -> dataBytes[0] += e.bytes().length), read);
        long eventsOwn = 20 * (24 + 32) + read.length(); // each event's data array (~the read's bytes) and record
        // a copy of the whole read (read.length() more) per feed was the old cost
        assertThat(perRead).as("bytes allocated per read of %d bytes", read.length())
                .isLessThan(eventsOwn + read.length() / 2);
    }

    /**
     * A stream's reads are lent for the call (the raw client's pooled read buffers): each cut of the stream is fed from
     * one pooled buffer that is overwritten before the next feed, and the events still come out whole, those whose
     * data span reads included.
     */
    @Test
    void aReusingParserGivesTheSameEventsWhenEachReadIsOverwrittenAfterItsFeed() {
        byte[] all = STREAM.getBytes(StandardCharsets.UTF_8);
        io.netty.buffer.ByteBuf pooled = io.netty.buffer.PooledByteBufAllocator.DEFAULT.heapBuffer(all.length);
        try {
            for (int cut = 1; cut < all.length; cut++) {
                List<SseEvent> out = new ArrayList<>();
                SseParser p = SseParser.reusing(e -> out.add(new SseEvent(e.event(), e.data())));
                for (int from = 0; from < all.length; from += cut) {
                    int n = Math.min(cut, all.length - from);
                    pooled.clear().writeBytes(all, from, n);
                    p.feed(io.vertx.core.internal.buffer.BufferInternal.buffer(pooled));
                    pooled.clear().writeZero(pooled.capacity()); // the pool hands the memory out again
                }
                p.finish();
                assertThat(out).as("cut every %d bytes", cut).isEqualTo(EXPECTED);
            }
        } finally {
            pooled.release();
        }
    }

    /** A stream's read of 20 events, lent as pooled memory, is parsed without an array of its own. */
    @Test
    void aReusingParserFedALentReadAllocatesNoCopyOfIt() {
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            events.append("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                    + "\"delta\":{\"content\":\"word").append(i).append("\"},\"finish_reason\":null}]}\n\n");
        }
        byte[] bytes = events.toString().getBytes(StandardCharsets.UTF_8);
        io.netty.buffer.ByteBuf pooled = io.netty.buffer.PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length);
        pooled.writeBytes(bytes);
        io.vertx.core.buffer.Buffer read = io.vertx.core.internal.buffer.BufferInternal.buffer(pooled);
        long[] dataBytes = new long[1];
        try {
            long perRead = allocatedPerFeed(SseParser.reusing(e -> dataBytes[0] += e.length()), read);
            // a copy of the read (2,670 bytes and its header) per feed was the cost before the loop's scratch array;
            // what is left is the NIO view Netty makes to copy out of direct memory without Unsafe (~100 bytes)
            assertThat(perRead).as("bytes allocated per read of %d bytes", bytes.length).isLessThan(bytes.length / 8);
            assertThat(dataBytes[0]).isPositive();
        } finally {
            pooled.release();
        }
    }

    /** The bytes the calling thread allocates per feed of {@code read}, once the JIT settled (20,000 feeds before). */
    private static long allocatedPerFeed(SseParser p, io.vertx.core.buffer.Buffer read) {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 20_000; i++) {
            p.feed(read);
        }
        int n = 5_000;
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < n; i++) {
            p.feed(read);
        }
        return (threads.getCurrentThreadAllocatedBytes() - before) / n;
    }

    @Test
    void anEventWithinOneReadIsASliceOfTheReadNotACopy() {
        byte[] read = "data: {\"a\":1}\n\ndata: {\"b\":2}\n\n".getBytes(StandardCharsets.UTF_8);
        List<SseEvent> out = new ArrayList<>();
        SseParser p = new SseParser(out::add);
        p.feed(read, 0, read.length);
        assertThat(out).hasSize(2);
        assertThat(out.get(1).array()).isSameAs(read);
        assertThat(new String(read, out.get(1).offset(), out.get(1).length(), StandardCharsets.UTF_8))
                .isEqualTo("{\"b\":2}");
    }

    @Test
    void anEventThatSpansReadsOrHasSeveralLinesIsACopyOfItsOwn() {
        byte[] read = "data: {\"a\":\ndata: 1}\n\ndata: {\"b\"".getBytes(StandardCharsets.UTF_8);
        List<SseEvent> out = new ArrayList<>();
        SseParser p = new SseParser(out::add);
        p.feed(read, 0, read.length);
        byte[] rest = ":2}\n\n".getBytes(StandardCharsets.UTF_8);
        p.feed(rest, 0, rest.length);
        assertThat(out).containsExactly(new SseEvent(null, "{\"a\":\n1}"), new SseEvent(null, "{\"b\":2}"));
        assertThat(out).allSatisfy(e -> assertThat(e.array()).isNotSameAs(read).isNotSameAs(rest));
    }

    @Test
    void aReusingParserHandsOverOneEventObjectAndMakesNoObjectPerEvent() {
        byte[] read = "data: {\"a\":1}\n\ndata: {\"b\":2}\n\n".repeat(10).getBytes(StandardCharsets.UTF_8);
        List<String> seen = new ArrayList<>();
        java.util.Set<SseEvent> objects = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        SseParser once = SseParser.reusing(e -> {
            seen.add(e.data());
            objects.add(e);
        });
        once.feed(read, 0, read.length);
        assertThat(seen).hasSize(20).startsWith("{\"a\":1}", "{\"b\":2}");
        assertThat(objects).hasSize(1);

        long[] lengths = {0};
        SseParser p = SseParser.reusing(e -> lengths[0] += e.length());
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 20_000; i++) {
            p.feed(read, 0, read.length);
        }
        int n = 2_000;
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < n; i++) {
            p.feed(read, 0, read.length);
        }
        long perRead = (threads.getCurrentThreadAllocatedBytes() - before) / n;
        System.out.printf("reusing parser: %d bytes allocated per read of 20 events (%d)%n", perRead, lengths[0]);
        // an event object per event (before) cost 20 x 32 bytes
        assertThat(perRead).isLessThan(64);
    }
}
