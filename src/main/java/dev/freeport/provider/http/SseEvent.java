package dev.freeport.provider.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One server-sent event: {@code event} is null when the event had no "event:" line; its data lines joined by \n,
 * kept as the bytes that arrived ({@link #bytes}) and decoded to text only when asked ({@link #data}).
 */
public final class SseEvent {
    private final String event;
    private final byte[] bytes;
    private String text;

    /** An event whose data are {@code bytes} (UTF-8), owned by the event from here on. */
    public SseEvent(String event, byte[] bytes) {
        this.event = event;
        this.bytes = bytes;
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
            text = new String(bytes, StandardCharsets.UTF_8);
        }
        return text;
    }

    /** The data's bytes, as they arrived (do not modify). */
    public byte[] bytes() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SseEvent e && java.util.Objects.equals(event, e.event) && Arrays.equals(bytes, e.bytes);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(event, Arrays.hashCode(bytes));
    }

    @Override
    public String toString() {
        return "SseEvent[event=" + event + ", data=" + data() + "]";
    }
}
