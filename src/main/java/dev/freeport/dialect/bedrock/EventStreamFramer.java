package dev.freeport.dialect.bedrock;

import dev.freeport.provider.http.FrameParser;
import dev.freeport.provider.http.SseEvent;
import io.vertx.core.buffer.Buffer;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;
import software.amazon.awssdk.eventstream.MessageDecoder;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;

/**
 * AWS's binary event stream ({@code application/vnd.amazon.eventstream}) → events for a decoder. Each message is
 * a prelude (total length, headers length, prelude CRC32), headers, a payload and a message CRC32; the AWS SDK's
 * {@link MessageDecoder} reassembles messages across buffers and checks both checksums. A message becomes an
 * {@link SseEvent} whose name is its {@code :event-type} ("contentBlockDelta", ...), {@code exception:} + its
 * {@code :exception-type} ("exception:throttlingException"), or {@code error:} + its {@code :error-code}; the data
 * is the JSON payload (or the error message). A checksum failure or an impossible length throws
 * {@link FrameParser.MalformedFrameException}.
 */
public final class EventStreamFramer implements FrameParser {
    public static final String EXCEPTION = "exception:";
    public static final String ERROR = "error:";

    private final Consumer<SseEvent> sink;
    private final MessageDecoder decoder;
    private boolean broken;

    public EventStreamFramer(Consumer<SseEvent> sink) {
        this.sink = sink;
        this.decoder = new MessageDecoder(this::message);
    }

    @Override
    public void feed(Buffer buffer) {
        if (broken) {
            return;
        }
        try {
            decoder.feed(buffer.getBytes());
        } catch (RuntimeException e) {
            broken = true;
            throw new MalformedFrameException("unreadable event-stream frame (" + reason(e) + ")");
        }
    }

    @Override
    public void finish() {
        // a partial message at the end is dropped; the decoder then reports the stream as cut
    }

    private void message(Message m) {
        Map<String, HeaderValue> h = m.getHeaders();
        String type = header(h, ":message-type");
        String payload = new String(m.getPayload(), StandardCharsets.UTF_8);
        if ("exception".equals(type)) {
            sink.accept(new SseEvent(EXCEPTION + header(h, ":exception-type"), payload));
        } else if ("error".equals(type)) {
            String message = header(h, ":error-message");
            sink.accept(new SseEvent(ERROR + header(h, ":error-code"), message != null ? message : payload));
        } else {
            sink.accept(new SseEvent(header(h, ":event-type"), payload));
        }
    }

    private static String header(Map<String, HeaderValue> headers, String name) {
        HeaderValue v = headers.get(name);
        try {
            return v == null ? null : v.getString();
        } catch (RuntimeException notAString) {
            return null;
        }
    }

    private static String reason(RuntimeException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.length() > 120 ? m.substring(0, 120) : m;
    }
}
