package dev.freeport.flow;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** A read's frames gathered into one array, sized once from the writer's hint and handed over without a copy. */
class PendingFramesTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void framesWrittenInPiecesAfterAHintFillOneArrayOfThatSize() {
        PendingFrames p = new PendingFrames();
        byte[] read = ascii("xxdata: {\"a\":1}\n\ndata: {\"b\":2}\n\n");
        p.expect(read.length - 2);
        p.append(read, 2, 18);
        p.append(read, 18, read.length);
        Buffer out = p.take();
        assertThat(out.toString()).isEqualTo("data: {\"a\":1}\n\ndata: {\"b\":2}\n\n");
        assertThat(((BufferInternal) out).getByteBuf().array().length).isEqualTo(read.length - 2);
        assertThat(p.isEmpty()).isTrue();
    }

    @Test
    void wholeFramesAndPiecesKeepTheirOrderPastAnyHint() {
        PendingFrames p = new PendingFrames();
        p.expect(3);
        p.append(ascii("abc"));
        p.accept(Buffer.buffer("def".repeat(200)));
        p.append(ascii("ghi"), 1, 3);
        assertThat(p.take().toString()).isEqualTo("abc" + "def".repeat(200) + "hi");
        assertThat(p.take().length()).isZero();
    }
}
