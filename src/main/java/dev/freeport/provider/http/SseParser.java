package dev.freeport.provider.http;

import dev.freeport.json.WordScan;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Incremental server-sent-events parser (WHATWG rules: lines end in \n, \r\n or \r; blank line dispatches;
 * "data:" lines join with \n; lines starting with ':' are comments; one leading space after ':' is dropped).
 * Feed it buffers as they arrive; events may span buffers. Works on bytes: an event's data reach the decoder as
 * the bytes that arrived, without a round trip through text (streams are relayed byte for byte where they can be).
 *
 * <p>A {@link #reusing} parser (a stream's) reads each buffer fed as lent for the call only (an upstream read in the
 * connection's pooled memory: {@link UpstreamCall.Answer#handler}): it copies the buffer into its event loop's
 * scratch array, which no other stream uses meanwhile, and an event with one data line that did not span reads is a
 * slice of that array, valid during the sink's call; data still waiting for their blank line when the buffer ends
 * are copied out. A stream's reads cost no array of their own. A parser that hands out new events (ones a sink may
 * keep) reads a heap buffer of its own (one Vert.x's client handed out) in place, its events slices of it, and
 * copies pooled memory into an array of its own first; {@link #feed(byte[], int, int)} reads the caller's array in
 * place (it must not change afterwards).
 */
public final class SseParser implements FrameParser {
    private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT = "event".getBytes(StandardCharsets.US_ASCII);

    private final Consumer<SseEvent> sink;
    /** the event handed to the sink again and again, or null for a new event each time */
    private final SseEvent reused;
    /** the current line so far, when it spans buffers (made when one first does) */
    private byte[] line;
    private int lineLength;
    /** the data so far: {@code data[dataStart, dataStart + dataLength)}, a slice of a read or a copy of our own */
    private byte[] data;
    private int dataStart;
    private int dataLength = -1;
    /** whether {@link #data} is our own copy (several lines joined, or a line that spanned reads) */
    private boolean dataOwned;
    private String event;
    private boolean lastWasCr;

    /** A parser that hands {@code sink} a new event each time (one it may keep). */
    public SseParser(Consumer<SseEvent> sink) {
        this(sink, false);
    }

    private SseParser(Consumer<SseEvent> sink, boolean reuse) {
        this.sink = sink;
        this.reused = reuse ? new SseEvent(null, NO_DATA) : null;
    }

    /**
     * A parser that hands {@code sink} one event object again and again, valid during the call only: a stream's
     * decoder reads each event then and there, and a streamed answer does not cost an object per event.
     */
    public static SseParser reusing(Consumer<SseEvent> sink) {
        return new SseParser(sink, true);
    }

    private static final byte[] NO_DATA = new byte[0];

    @Override
    public void feed(Buffer buffer) {
        if (reused == null) { // the events may be kept: a heap buffer of its own is read in place, else copied
            io.netty.buffer.ByteBuf bytes = Lent.bytesOf(buffer);
            if (bytes.hasArray() && !Lent.pooled(buffer)) {
                int from = bytes.arrayOffset() + bytes.readerIndex();
                feed(bytes.array(), from, from + bytes.readableBytes());
            } else {
                byte[] copy = buffer.getBytes();
                feed(copy, 0, copy.length);
            }
            return;
        }
        int n = buffer.length();
        Scratch s = SCRATCH.get();
        if (s.busy || n > Scratch.MAX) { // fed again from within a sink on this loop (another stream), or huge
            byte[] bytes = buffer.getBytes();
            feed(bytes, 0, bytes.length);
            return;
        }
        if (n > s.array.length) {
            s.array = new byte[Math.min(Scratch.MAX, Math.max(n, s.array.length * 2))];
        }
        byte[] bytes = s.array;
        buffer.getBytes(0, n, bytes, 0);
        s.busy = true;
        try {
            feed(bytes, 0, n);
        } finally {
            s.busy = false;
            keepPendingData(bytes);
        }
    }

    /** Data that wait for their blank line past the read they are a slice of: copied out before it is reused. */
    private void keepPendingData(byte[] read) {
        if (dataLength >= 0 && !dataOwned && data == read) {
            data = Arrays.copyOfRange(data, dataStart, dataStart + dataLength);
            dataStart = 0;
            dataOwned = true;
        }
    }

    /** Each event loop's array a stream's read is copied into while it is parsed; {@link #busy} while it is. */
    private static final class Scratch {
        static final int MAX = 1 << 20;
        byte[] array = new byte[16 * 1024];
        boolean busy;
    }

    private static final io.netty.util.concurrent.FastThreadLocal<Scratch> SCRATCH =
            new io.netty.util.concurrent.FastThreadLocal<>() {
                @Override
                protected Scratch initialValue() {
                    return new Scratch();
                }
            };

    public void feed(byte[] bytes, int from, int to) {
        int i = from;
        if (lastWasCr && i < to && bytes[i] == '\n') {
            i++;
        }
        lastWasCr = false;
        int start = i;
        while ((i = WordScan.lineEnd(bytes, i, to)) < to) { // eight bytes at a time to the next line end
            byte b = bytes[i];
            endLine(bytes, start, i);
            if (b == '\r') {
                if (i + 1 < to) {
                    if (bytes[i + 1] == '\n') {
                        i++;
                    }
                } else {
                    lastWasCr = true;
                }
            }
            start = ++i;
        }
        if (start < to) {
            append(bytes, start, to);
        }
    }

    /** The input ended: dispatch a final event that lacked its blank line. */
    @Override
    public void finish() {
        if (lineLength > 0) {
            endLine(line, 0, 0);
        }
        dispatch();
    }

    private void append(byte[] bytes, int from, int to) {
        int n = to - from;
        if (line == null) {
            line = new byte[Math.max(256, n)];
        } else if (lineLength + n > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + n));
        }
        System.arraycopy(bytes, from, line, lineLength, n);
        lineLength += n;
    }

    /** A line ended: {@code bytes[from, to)} completes what {@link #line} holds so far. */
    private void endLine(byte[] bytes, int from, int to) {
        byte[] b = bytes;
        int start = from;
        int end = to;
        if (lineLength > 0) {
            if (bytes != line) {
                append(bytes, from, to);
            }
            b = line;
            start = 0;
            end = lineLength;
            lineLength = 0;
        }
        if (end == start) {
            dispatch();
            return;
        }
        if (b[start] == ':') {
            return;
        }
        int colon = start;
        while (colon < end && b[colon] != ':') {
            colon++;
        }
        int value = colon < end ? colon + 1 : end;
        if (value < end && b[value] == ' ') {
            value++;
        }
        if (is(b, start, colon, DATA)) {
            appendData(b, value, end);
        } else if (is(b, start, colon, EVENT)) {
            event = new String(b, value, end - value, StandardCharsets.UTF_8);
        }
        // id, retry and unknown fields are not needed
    }

    private void appendData(byte[] b, int from, int to) {
        int n = to - from;
        if (dataLength < 0) {
            if (b == line) {
                data = Arrays.copyOfRange(b, from, to); // the line buffer is reused for the next line
                dataOwned = true;
                dataStart = 0;
            } else {
                data = b; // a slice of the read
                dataOwned = false;
                dataStart = from;
            }
            dataLength = n;
            return;
        }
        int need = dataLength + 1 + n;
        if (!dataOwned) {
            data = Arrays.copyOfRange(data, dataStart, dataStart + Math.max(need, dataLength * 2));
            dataStart = 0;
            dataOwned = true;
        } else if (need > data.length) {
            data = Arrays.copyOf(data, Math.max(need, data.length * 2));
        }
        data[dataLength] = '\n';
        System.arraycopy(b, from, data, dataLength + 1, n);
        dataLength = need;
    }

    private static boolean is(byte[] b, int from, int to, byte[] name) {
        return to - from == name.length && Arrays.equals(b, from, to, name, 0, name.length);
    }

    private void dispatch() {
        if (dataLength >= 0) {
            sink.accept(reused != null ? reused.reset(event, data, dataStart, dataLength)
                    : new SseEvent(event, data, dataStart, dataLength));
        }
        data = null;
        dataLength = -1;
        event = null;
    }
}
