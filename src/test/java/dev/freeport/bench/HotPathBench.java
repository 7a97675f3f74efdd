package dev.freeport.bench;

import dev.freeport.api.ChatRequest;
import dev.freeport.api.Usage;
import dev.freeport.config.LedgerConfig;
import dev.freeport.dialect.openai.ChatDecoder;
import dev.freeport.front.openai.OpenAiFront;
import dev.freeport.ledger.JournaledLedger;
import dev.freeport.ledger.RequestFacts;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.provider.http.SseParser;
import dev.freeport.provider.http.StreamDecoder;
import dev.freeport.provider.openai.OpenAiCodec;
import dev.freeport.provider.openai.Wire;
import io.vertx.core.buffer.Buffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hot pieces of one OpenAI-compatible request, one at a time (run with bench/hotpath.sh from the repository
 * root): the caller's body decoded ({@code decodeRequest}), the upstream body written ({@code encodeUpstream}),
 * the upstream's answer scanned for usage, finish reason and model without a tree ({@code scanAnswer}) and written
 * for the caller under its model name ({@code encodeAnswer}: scan included), a recorded
 * stream of 9 chunks plus usage parsed and decoded as the relay does ({@code relayStream}), and one ledger event
 * appended to the journal ({@code journalAppend}: the call on the request's thread; the database thread works
 * behind it). The gateway's end-to-end cost is bench/run.sh's; these say which piece moved.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED"})
public class HotPathBench {

    /** The same small chat request bench/chat.lua sends, and the recorded answers. */
    @State(Scope.Benchmark)
    public static class Wires {
        Buffer request;
        ChatRequest decoded;
        OpenAiCodec codec;
        Buffer answer;
        byte[] stream;

        @Setup
        public void setUp() {
            request = Buffer.buffer(("{\"model\":\"bench\",\"max_tokens\":64,\"stream\":false,\"messages\":["
                    + "{\"role\":\"system\",\"content\":\"You are terse.\"},"
                    + "{\"role\":\"user\",\"content\":\"Say hello in five words, please.\"}]}")
                    .getBytes(StandardCharsets.UTF_8));
            decoded = ChatDecoder.decodeChat(request);
            codec = new OpenAiCodec(Wire.settings("openai", "sk-bench"));
            answer = Wire.buffer("chat-text.json");
            stream = Wire.bytes("stream-usage.sse");
        }
    }

    /** A journaled ledger in a fresh directory. */
    @State(Scope.Benchmark)
    public static class Journal {
        Path dir;
        JournaledLedger ledger;
        final AtomicLong ids = new AtomicLong();
        final RequestFacts facts = new RequestFacts("openai", "search", "prod", "00a1b2c3d4e5f607",
                "1122334455667788", 120, null, 2, 64, "stop", false, null);

        @Setup(Level.Trial)
        public void open() throws IOException {
            dir = Files.createTempDirectory("hotpath-journal");
            ledger = JournaledLedger.open(new LedgerConfig(dir, 500, Duration.ofMillis(200)));
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            ledger.close();
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }

        UsageEvent next() {
            return UsageEvent.builder("req_" + ids.incrementAndGet(), Instant.now()).caller("key:bench")
                    .endpoint("chat").alias("bench").target("up", "gpt-4o-mini").attempts(1)
                    .outcome(UsageEvent.Status.OK, 200, null, null).stream(false)
                    .usage(new Usage(20, 12, 0, 0, 0, false)).costNanos(10_200).latency(3, null)
                    .facts(facts).keyId("k1").build();
        }
    }

    @Benchmark
    public Object decodeRequest(Wires w) {
        return ChatDecoder.decodeChat(w.request);
    }

    @Benchmark
    public Object encodeUpstream(Wires w) {
        return w.codec.encodeChat(w.decoded, "gpt-4o-mini", false);
    }

    @Benchmark
    public Object scanAnswer(Wires w) {
        return w.codec.decodeChat(w.decoded, "gpt-4o-mini", w.answer);
    }

    /** The scanned answer as the OpenAI front writes it: the caller's model name in place of the upstream's. */
    @Benchmark
    public Object encodeAnswer(Wires w) {
        return OpenAiFront.INSTANCE.encodeBytes(w.decoded,
                w.codec.decodeChat(w.decoded, "gpt-4o-mini", w.answer));
    }

    @Benchmark
    public int relayStream(Wires w) {
        StreamDecoder decoder = w.codec.streamDecoder(w.decoded, "gpt-4o-mini");
        int[] items = {0};
        SseParser parser = new SseParser(e -> decoder.onEvent(e, item -> items[0]++));
        parser.feed(w.stream, 0, w.stream.length);
        parser.finish();
        decoder.onClose(item -> items[0]++);
        return items[0];
    }

    @Benchmark
    public void journalAppend(Journal j) {
        j.ledger.record(j.next());
    }
}
