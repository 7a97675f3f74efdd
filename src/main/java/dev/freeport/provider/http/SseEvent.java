package dev.freeport.provider.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One server-sent event: {@code event} is null when the event had no "event:" line; its data lines joined by \n,
 * kept as the bytes that arrived — often a slice of the upstream's read ({@link #array}, {@link #offset},
 * {@link #length}), copied out only when someone asks for {@link #bytes} — and decoded to text only when asked
 * ({@link #data}). A stream's parser hands its decoder one event object again and again ({@link SseParser#reusing}): it
 * and its {@link #array} are valid during the call only (the array is the parser's scratch, reused for the next read).
 */
public final class SseEvent {
    private String event;
    private byte[] bytes;
    private int offset;
    private int length;
    private String text;
    /** the data are a slice of memory lent for the sink's call ({@link #reset}): {@link #bytes} always copies */
    private boolean lent;

    /** An event whose data are {@code bytes} (UTF-8), owned by the event from here on. */
    public SseEvent(String event, byte[] bytes) {
        this(event, bytes, 0, bytes.length);
    }

    /** An event whose data are {@code bytes[offset, offset + length)} (UTF-8), which must not change afterwards. */
    public SseEvent(String event, byte[] bytes, int offset, int length) {
        this.event = event;
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
    }

    /** This event made the next one (a parser that reuses its event: see {@link SseParser#reusing}). */
    SseEvent reset(String event, byte[] bytes, int offset, int length) {
        this.event = event;
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
        this.text = null;
        this.lent = true;
        return this;
    }

    public SseEvent(String event, String data) {
        this(event, data.getBytes(StandardCharsets.UTF_8));
        this.text = data;
    }

    public String event() {
        return event;
    }

    /** The data as text. */
    public String data() {
        if (text == null) {
            text = new String(bytes, offset, length, StandardCharsets.UTF_8);
        }
        return text;
    }

    /** The data's bytes, as they arrived, in an array of their own (do not modify). */
    public byte[] bytes() {
        if (lent || offset != 0 || length != bytes.length) {
            bytes = Arrays.copyOfRange(bytes, offset, offset + length);
            offset = 0;
            lent = false;
        }
        return bytes;
    }

    /** The array that holds the data (from {@link #offset}, {@link #length} bytes; do not modify). */
    public byte[] array() {
        return bytes;
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SseEvent e && java.util.Objects.equals(event, e.event)
                && Arrays.equals(bytes, offset, offset + length, e.bytes, e.offset, e.offset + e.length);
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = offset; i < offset + length; i++) {
            h = 31 * h + bytes[i];
        }
        return java.util.Objects.hash(event, h);
    }

    @Override
    public String toString() {
        return "SseEvent[event=" + event + ", data=" + data() + "]";
    }
}
