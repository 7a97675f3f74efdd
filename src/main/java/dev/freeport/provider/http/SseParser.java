package dev.freeport.provider.http;

import io.vertx.core.buffer.Buffer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Incremental server-sent-events parser (WHATWG rules: lines end in \n, \r\n or \r; blank line dispatches;
 * "data:" lines join with \n; lines starting with ':' are comments; one leading space after ':' is dropped).
 * Feed it buffers as they arrive; events may span buffers.
 */
public final class SseParser implements FrameParser {
    private final Consumer<SseEvent> sink;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private StringBuilder data;
    private String event;
    private boolean lastWasCr;

    public SseParser(Consumer<SseEvent> sink) {
        this.sink = sink;
    }

    @Override
    public void feed(Buffer buffer) {
        byte[] bytes = buffer.getBytes();
        feed(bytes, 0, bytes.length);
    }

    public void feed(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                if (lastWasCr) {
                    lastWasCr = false;
                    continue;
                }
                endLine();
            } else if (b == '\r') {
                lastWasCr = true;
                endLine();
                continue;
            } else {
                line.write(b);
            }
            lastWasCr = false;
        }
    }

    /** The input ended: dispatch a final event that lacked its blank line. */
    @Override
    public void finish() {
        if (line.size() > 0) {
            endLine();
        }
        dispatch();
    }

    private void endLine() {
        if (line.size() == 0) {
            dispatch();
            return;
        }
        String s = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (s.charAt(0) == ':') {
            return;
        }
        int colon = s.indexOf(':');
        String field = colon < 0 ? s : s.substring(0, colon);
        String value = colon < 0 ? "" : s.substring(colon + 1);
        if (!value.isEmpty() && value.charAt(0) == ' ') {
            value = value.substring(1);
        }
        switch (field) {
            case "data" -> {
                if (data == null) {
                    data = new StringBuilder(value);
                } else {
                    data.append('\n').append(value);
                }
            }
            case "event" -> event = value;
            default -> {
                // id, retry and unknown fields are not needed
            }
        }
    }

    private void dispatch() {
        if (data != null) {
            sink.accept(new SseEvent(event, data.toString()));
        }
        data = null;
        event = null;
    }
}
