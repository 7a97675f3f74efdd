package dev.freeport.flow;

import dev.freeport.api.ChatRequest;
import dev.freeport.dialect.openai.ChatDecoder;
import dev.freeport.front.StreamWriter;
import dev.freeport.front.openai.OpenAiFront;
import dev.freeport.provider.StreamItem;
import dev.freeport.provider.http.SseParser;
import dev.freeport.provider.http.StreamDecoder;
import dev.freeport.provider.openai.OpenAiCodec;
import dev.freeport.provider.openai.Wire;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import io.vertx.core.buffer.Buffer;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * The stream path's own work on the benchmark's stream (bench/lib.sh's upstream: 20 words, usage, [DONE]; the alias
 * renamed), timed in this thread's CPU time, which other processes do not inflate: the upstream's read parsed,
 * decoded, scanned, tallied and written to the caller's frames as the relay does. A tool, not a test:
 * {@code java -cp target/test-classes:target/classes:$(cat target/bench.cp) dev.freeport.flow.StreamPathCpu}.
 */
public final class StreamPathCpu {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private StreamPathCpu() {
    }

    /** The benchmark upstream's answer to the benchmark's streamed request, as its bytes. */
    static byte[] benchStream() throws Exception {
        try (FakeUpstream up = FakeUpstream.start()) {
            up.setDefault(Reply.ok("lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor "
                    + "incididunt ut labore et dolore magna lorem ipsum").usage(Reply.DEFAULT_INPUT_TOKENS, 20));
            String body = "{\"model\":\"bench-upstream\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":64}";
            HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + up.port() + "/v1/chat/completions"))
                    .header("content-type", "application/json").header("authorization", "Bearer x")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
            return r.body();
        }
    }

    static final ChatRequest REQUEST = ChatDecoder.decodeChat(Buffer.buffer(("{\"model\":\"bench\",\"stream\":true,"
            + "\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
            .getBytes(StandardCharsets.UTF_8)));

    /** One stream relayed into the caller's frames; the bytes written. */
    static int relay(OpenAiCodec codec, byte[] read) {
        return relay(codec, REQUEST, "bench-upstream", read);
    }

    /**
     * One upstream read of {@code request}'s stream parsed, decoded, scanned, tallied and written to the caller's
     * frames as the relay does (one reused chunk object per stream, as {@code HttpChunkStream} asks); the bytes
     * written.
     */
    static int relay(OpenAiCodec codec, ChatRequest request, String upstreamModel, byte[] read) {
        StreamDecoder decoder = codec.streamDecoder(request, upstreamModel).reusingChunks();
        StreamWriter writer = OpenAiFront.INSTANCE.streamWriter(request);
        StreamTally tally = new StreamTally();
        PendingFrames pending = new PendingFrames();
        dev.freeport.front.Frames frames = CLOCK_PER_PIECE ? clockPerPiece(pending) : pending;
        SseParser parser = SseParser.reusing(e -> decoder.onEvent(e, item -> {
            if (item instanceof StreamItem.Chunk c) {
                tally.observe(c);
                writer.chunk(c, frames);
            }
        }));
        parser.feed(read, 0, read.length);
        parser.finish();
        writer.end(frames);
        io.netty.buffer.ByteBuf out = pending.take();
        int n = out.readableBytes();
        out.release();
        return n;
    }

    /** {@code -Dstreampath.clockPerPiece=true}: the frames written as the relay wrote them before the fifth pass, with
     * the clock read at every piece (for the pings' idle time), to weigh what that cost. */
    private static final boolean CLOCK_PER_PIECE = Boolean.getBoolean("streampath.clockPerPiece");
    static long lastWrite;

    private static dev.freeport.front.Frames clockPerPiece(PendingFrames pending) {
        return new dev.freeport.front.Frames() {
            @Override
            public void accept(Buffer frame) {
                lastWrite = System.nanoTime();
                pending.accept(frame);
            }

            @Override
            public void append(byte[] bytes, int from, int to) {
                lastWrite = System.nanoTime();
                pending.append(bytes, from, to);
            }

            @Override
            public void expect(int bytes) {
                pending.expect(bytes);
            }
        };
    }

    /** The SSE parse alone (step 1), with the decode and the chunk scan (step 2). */
    static int parse(OpenAiCodec codec, byte[] read, boolean decode) {
        StreamDecoder decoder = codec.streamDecoder(REQUEST, "bench-upstream");
        int[] n = {0};
        SseParser parser = SseParser.reusing(decode ? e -> decoder.onEvent(e, item -> n[0]++) : e -> n[0]++);
        parser.feed(read, 0, read.length);
        parser.finish();
        return n[0];
    }

    /** {@code -Dstreampath.obfuscation=true}: each chunk of the bench stream with a random {@code obfuscation} member
     * at its end, as OpenAI's own streams have (so chunks differ around their text every time). */
    private static final boolean OBFUSCATION = Boolean.getBoolean("streampath.obfuscation");

    private static byte[] obfuscated(byte[] read) {
        java.util.Random random = new java.util.Random(7);
        StringBuilder out = new StringBuilder();
        for (String line : new String(read, StandardCharsets.UTF_8).split("\n", -1)) {
            if (line.startsWith("data: {") && line.endsWith("}")) {
                String noise = Long.toString(random.nextLong() & Long.MAX_VALUE, 36).substring(0, 1 + random.nextInt(8));
                line = line.substring(0, line.length() - 1) + ",\"obfuscation\":\"" + noise + "\"}";
            }
            out.append(line).append('\n');
        }
        out.setLength(out.length() - 1);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static void main(String[] args) throws Exception {
        byte[] read = OBFUSCATION ? obfuscated(benchStream()) : benchStream();
        OpenAiCodec codec = new OpenAiCodec(Wire.settings("openai", "sk-test"));
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        if (args.length > 1) {
            boolean decode = args[1].equals("decode");
            long sink = 0;
            for (int i = 0; i < n; i++) {
                sink += parse(codec, read, decode);
            }
            long t = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                sink += parse(codec, read, decode);
            }
            System.out.printf("%s: %.0f ns CPU per stream (%d)%n", args[1], (double) (THREADS.getCurrentThreadCpuTime() - t) / n, sink % 7);
            return;
        }
        System.out.println("off an event loop: " + measure(codec, read, n));
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
        try {
            java.util.concurrent.CompletableFuture<String> onLoop = new java.util.concurrent.CompletableFuture<>();
            vertx.runOnContext(v -> onLoop.complete(measure(codec, read, n)));
            System.out.println("on an event loop: " + onLoop.get());
        } finally {
            vertx.close();
        }
    }

    /** The relay's CPU (best of five rounds of {@code n} after as many of warm-up) and bytes, in this thread. */
    private static String measure(OpenAiCodec codec, byte[] read, int n) {
        long sink = 0;
        for (int i = 0; i < n; i++) {
            sink += relay(codec, read);
        }
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long t = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                sink += relay(codec, read);
            }
            best = Math.min(best, (double) (THREADS.getCurrentThreadCpuTime() - t) / n);
        }
        long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < n; i++) {
            sink += relay(codec, read);
        }
        long bytes = (THREADS.getCurrentThreadAllocatedBytes() - before) / n;
        return String.format("stream path (%d bytes read, %d written): %.0f ns CPU, %d bytes allocated per stream (%d)",
                read.length, relay(codec, read), best, bytes, sink % 7);
    }
}
