package dev.freeport.bench;

import dev.freeport.api.ChatRequest;
import dev.freeport.api.ChunkFacts;
import dev.freeport.dialect.openai.ChunkScan;
import dev.freeport.front.Frames;
import dev.freeport.front.StreamWriter;
import dev.freeport.front.anthropic.AnthropicFront;
import dev.freeport.provider.StreamItem;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Anthropic front's translation of an OpenAI stream, in this thread's CPU time and allocated bytes per chunk:
 * recorded OpenAI streams (src/test/resources/wire) through the front's real {@link StreamWriter}, each chunk either
 * as the decoder hands it out (bytes and their scanned facts: {@code bytes}) or read from its tree as before the byte
 * reader ({@code tree}: the writer's tree method, the chunk's tree parsed first). The two alternate round by round
 * (tree, bytes, tree, bytes...) and each row is the median of the rounds, so a busy machine shifts both alike. The
 * chunks are scanned once beforehand (the decoder's scan costs the same either way). Run with the test class path:
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) dev.freeport.bench.AnthropicStreamCost}.
 */
public final class AnthropicStreamCost {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final String[] STREAMS = {"openai/stream-usage.sse", "openai/deepseek-reasoner.sse",
        "openai/qwen-stream.sse", "openai/stream-parallel-tools.sse", "openai/kimi-stream.sse",
        "anthropic-front/stream/text_then_two_tools.openai.sse",
        "anthropic-front/stream/reasoning_then_text.openai.sse", "anthropic-front/stream/text_only.openai.sse"};
    private static final int ROUNDS = 11;

    /** One chunk's bytes and the facts its scan read. */
    private record Scanned(byte[] json, ChunkFacts facts) {
    }

    /** Where the frames go: one array reused from stream to stream, as the relay's pending bytes. */
    private static final class Sink implements Frames {
        byte[] bytes = new byte[1 << 16];
        int length;

        @Override
        public void accept(Buffer frame) {
            ensure(frame.length());
            frame.getBytes(0, frame.length(), bytes, length);
            length += frame.length();
        }

        @Override
        public void append(byte[] b, int from, int to) {
            ensure(to - from);
            System.arraycopy(b, from, bytes, length, to - from);
            length += to - from;
        }

        private void ensure(int n) {
            if (length + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
            }
        }
    }

    private AnthropicStreamCost() {
    }

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        List<List<Scanned>> streams = new ArrayList<>();
        int chunks = 0;
        for (String s : STREAMS) {
            List<Scanned> stream = scanned(s);
            streams.add(stream);
            chunks += stream.size();
        }
        ChatRequest request = AnthropicFront.INSTANCE.decode(Buffer.buffer(
                "{\"model\":\"smart\",\"max_tokens\":64,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        List<Scanned> text = scanned("openai/stream-usage.sse").subList(1, 4);
        Sink sink = new Sink();
        System.out.println("| piece (thread CPU, median of " + ROUNDS + " alternating rounds) | tree ns/chunk | bytes ns/chunk "
                + "| tree B/chunk | bytes B/chunk |");
        System.out.println("|---|---|---|---|---|");
        row(STREAMS.length + " recorded streams whole (" + chunks + " chunks, start and end included)", chunks, n,
                tree -> {
                    for (List<Scanned> stream : streams) {
                        run(request, stream, tree, sink);
                    }
                });
        // one stream per way that stays open (its message and text block started: every chunk only a delta),
        // begun anew every 1,000 loops so the text it keeps for counting stays small (its start: 1 in 3,000 chunks)
        List<Scanned> first = scanned("openai/stream-usage.sse").subList(0, 1);
        StreamWriter[] open = new StreamWriter[2];
        int[] loops = new int[2];
        row("a text delta in an open text block (stream-usage.sse's 3 text chunks, in a loop)", text.size(), n * 8,
                tree -> {
                    int way = tree ? 0 : 1;
                    if (loops[way]++ % 1000 == 0) {
                        open[way] = AnthropicFront.INSTANCE.streamWriter(request);
                        feed(open[way], first, tree, sink);
                    }
                    feed(open[way], text, tree, sink);
                });
    }

    private interface Op {
        void run(boolean tree);
    }

    private static void row(String name, int chunksPerOp, int n, Op op) {
        for (int i = 0; i < n; i++) { // warm-up, both ways
            op.run(true);
            op.run(false);
        }
        double[][] ns = new double[2][ROUNDS];
        double[][] bytes = new double[2][ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            for (int way = 0; way < 2; way++) {
                boolean tree = way == 0;
                long a = THREADS.getCurrentThreadAllocatedBytes();
                long t = THREADS.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) {
                    op.run(tree);
                }
                ns[way][r] = (double) (THREADS.getCurrentThreadCpuTime() - t) / n / chunksPerOp;
                bytes[way][r] = (double) (THREADS.getCurrentThreadAllocatedBytes() - a) / n / chunksPerOp;
            }
        }
        System.out.printf("| %s | %.0f | %.0f | %.0f | %.0f |%n", name, median(ns[0]), median(ns[1]),
                median(bytes[0]), median(bytes[1]));
    }

    private static void run(ChatRequest request, List<Scanned> stream, boolean tree, Sink sink) {
        StreamWriter w = AnthropicFront.INSTANCE.streamWriter(request);
        feed(w, stream, tree, sink);
        w.end(sink);
    }

    private static void feed(StreamWriter w, List<Scanned> stream, boolean tree, Sink sink) {
        sink.length = 0;
        for (Scanned s : stream) {
            StreamItem.Chunk c = StreamItem.Chunk.ofBytes(s.json(), s.facts());
            if (tree) {
                w.chunk(c.chunk(), sink);
            } else {
                w.chunk(c, sink);
            }
        }
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static List<Scanned> scanned(String file) throws IOException {
        byte[] all;
        try (InputStream in = AnthropicStreamCost.class.getResourceAsStream("/wire/" + file)) {
            all = in.readAllBytes();
        }
        List<Scanned> out = new ArrayList<>();
        for (String line : new String(all, StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("data: {")) {
                byte[] json = line.substring(6).getBytes(StandardCharsets.UTF_8);
                ChunkFacts facts = ChunkScan.scan(json);
                if (facts != ChunkScan.FALLBACK) {
                    out.add(new Scanned(json, facts));
                }
            }
        }
        return out;
    }
}
