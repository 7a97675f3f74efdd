package dev.freeport.dialect.anthropic;

import dev.freeport.provider.StreamItem;
import dev.freeport.provider.http.SseEvent;
import dev.freeport.provider.http.StreamDecoder;
import io.vertx.core.buffer.Buffer;

import java.util.function.Consumer;

/**
 * For an Anthropic caller on an Anthropic upstream: every event goes out as it came ({@link StreamItem.Native}),
 * then through the translating decoder, whose chunks feed usage accounting and whose terminal item ends the
 * stream. Events after the end are dropped like the inner decoder drops them.
 */
public final class NativeStreamDecoder implements StreamDecoder {
    private final AnthropicStreamDecoder inner;
    private boolean ended;

    public NativeStreamDecoder(AnthropicStreamDecoder inner) {
        this.inner = inner;
    }

    @Override
    public void onEvent(SseEvent event, Consumer<StreamItem> out) {
        if (ended) {
            return;
        }
        if (!"error".equals(event.event())) {
            // an upstream error event is re-rendered by the front with the gateway's message; others pass as sent
            StringBuilder frame = new StringBuilder(event.data().length() + 32);
            if (event.event() != null) {
                frame.append("event: ").append(event.event()).append('\n');
            }
            for (String line : event.data().split("\n", -1)) {
                frame.append("data: ").append(line).append('\n');
            }
            out.accept(new StreamItem.Native(Buffer.buffer(frame.append('\n').toString())));
        }
        inner.onEvent(event, item -> {
            if (item instanceof StreamItem.End || item instanceof StreamItem.Failed) {
                ended = true;
            }
            out.accept(item);
        });
    }

    @Override
    public void onClose(Consumer<StreamItem> out) {
        inner.onClose(out);
    }
}
