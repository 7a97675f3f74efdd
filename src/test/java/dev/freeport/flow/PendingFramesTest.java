package dev.freeport.flow;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A read's frames gathered into one pooled direct buffer, sized once from the writer's hint and handed over as it is
 * (the socket writes it without a heap array first).
 */
class PendingFramesTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(ByteBuf b) {
        try {
            return b.toString(StandardCharsets.US_ASCII);
        } finally {
            b.release();
        }
    }

    @Test
    void framesWrittenInPiecesAfterAHintFillOneBufferOfThatSize() {
        PendingFrames p = new PendingFrames();
        byte[] read = ascii("xxdata: {\"a\":1}\n\ndata: {\"b\":2}\n\n");
        p.expect(read.length - 2);
        p.append(read, 2, 18);
        p.append(read, 18, read.length);
        ByteBuf out = p.take();
        assertThat(out.capacity()).isEqualTo(read.length - 2);
        assertThat(text(out)).isEqualTo("data: {\"a\":1}\n\ndata: {\"b\":2}\n\n");
        assertThat(p.isEmpty()).isTrue();
        assertThat(p.take()).isNull();
    }

    @Test
    void wholeFramesAndPiecesKeepTheirOrderPastAnyHint() {
        PendingFrames p = new PendingFrames();
        p.expect(3);
        p.append(ascii("abc"));
        p.accept(Buffer.buffer("def".repeat(200)));
        p.append(ascii("ghi"), 1, 3);
        assertThat(text(p.take())).isEqualTo("abc" + "def".repeat(200) + "hi");
        assertThat(p.take()).isNull();
    }

    @Test
    void theFramesGoToTheSocketInPooledDirectMemoryNotAHeapArray() {
        byte[] frame = ascii("data: " + "x".repeat(5_000) + "\n\n");
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int i = 0; i < 20_000; i++) {
            sink += gather(frame);
        }
        int n = 2_000;
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < n; i++) {
            sink += gather(frame);
        }
        long perRead = (threads.getCurrentThreadAllocatedBytes() - before) / n;
        System.out.printf("frames gathered: %d heap bytes allocated per read of %d bytes (%d)%n", perRead,
                frame.length, sink);
        // a heap array of the frames' size (before) cost 5,000+ bytes per read
        assertThat(perRead).isLessThan(500);
    }

    private static int gather(byte[] frame) {
        PendingFrames p = new PendingFrames();
        p.expect(frame.length);
        p.append(frame);
        ByteBuf out = p.take();
        assertThat(out.isDirect()).isTrue();
        int n = out.readableBytes();
        out.release();
        return n;
    }

    /** Runs {@code task} on an event loop of a fresh Vert.x, where the pieces are staged in the loop's array. */
    private static <T> T onLoop(java.util.function.Supplier<T> task) throws Exception {
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
        try {
            java.util.concurrent.CompletableFuture<T> result = new java.util.concurrent.CompletableFuture<>();
            vertx.runOnContext(v -> {
                try {
                    result.complete(task.get());
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            });
            return result.get(30, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void onAnEventLoopTwoStreamsAppendingInTurnEachGetTheirOwnFramesInOrder() throws Exception {
        String[] out = onLoop(() -> {
            PendingFrames a = new PendingFrames();
            PendingFrames b = new PendingFrames();
            a.expect(16);
            a.append(ascii("data: "));
            a.append(ascii("a1"));
            b.append(ascii("data: "));
            a.append(ascii("\n\n"));
            b.append(ascii("b1\n\n"));
            a.accept(Buffer.buffer("data: a2\n\n"));
            b.append(ascii("data: " + "b".repeat(5_000) + "\n\n"));
            a.append(ascii("data: a3\n\n"));
            String first = text(a.take());
            boolean emptied = a.isEmpty() && a.take() == null;
            return new String[] {first, text(b.take()), String.valueOf(emptied)};
        });
        assertThat(out[0]).isEqualTo("data: a1\n\ndata: a2\n\ndata: a3\n\n");
        assertThat(out[1]).isEqualTo("data: b1\n\ndata: " + "b".repeat(5_000) + "\n\n");
        assertThat(out[2]).isEqualTo("true");
    }

    @Test
    void onAnEventLoopClearedFramesLeaveNothingStagedForTheNextStream() throws Exception {
        String out = onLoop(() -> {
            PendingFrames a = new PendingFrames();
            a.append(ascii("data: dropped\n\n"));
            a.clear();
            PendingFrames b = new PendingFrames();
            b.append(ascii("data: kept\n\n"));
            return text(b.take()) + "|" + a.isEmpty();
        });
        assertThat(out).isEqualTo("data: kept\n\n|true");
    }

    @Test
    void onAnEventLoopAChunkWrittenInFivePiecesCostsNoHeapBytes() throws Exception {
        long perRead = onLoop(() -> {
            var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
            byte[] chunk = ascii("{\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"delta\":{\"content\":\"lorem\"}}]}");
            long sink = 0;
            for (int i = 0; i < 20_000; i++) {
                sink += pieces(chunk);
            }
            int n = 20_000;
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < n; i++) {
                sink += pieces(chunk);
            }
            System.out.printf("a read of 24 chunks in five pieces each, on a loop: %d heap bytes (%d)%n",
                    (threads.getCurrentThreadAllocatedBytes() - before) / n, sink % 7);
            return (threads.getCurrentThreadAllocatedBytes() - before) / n;
        });
        assertThat(perRead).isLessThan(500);
    }

    private static final byte[] DATA = ascii("data: ");
    private static final byte[] END = ascii("\n\n");

    /** A read of 24 renamed chunks as ChunkFrame writes them: data, up to the model, the name, the rest, the end. */
    private static int pieces(byte[] chunk) {
        PendingFrames p = new PendingFrames();
        p.expect(24 * (chunk.length + 8));
        for (int c = 0; c < 24; c++) {
            p.append(DATA);
            p.append(chunk, 0, 20);
            p.append(chunk, 21, 22);
            p.append(chunk, 23, chunk.length);
            p.append(END);
        }
        ByteBuf out = p.take();
        int n = out.readableBytes();
        out.release();
        return n;
    }
}
