package dev.freeport.guardrails.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.guardrails.Action;
import dev.freeport.guardrails.Allowlist;
import dev.freeport.guardrails.ChunkRestorer;
import dev.freeport.guardrails.Guarded;
import dev.freeport.guardrails.GuardrailPlan;
import dev.freeport.guardrails.ScanSettings;
import dev.freeport.guardrails.TextScanner;
import dev.freeport.guardrails.Vault;
import dev.freeport.guardrails.detect.Kind;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Guardrail throughput (run with bench/guardrails.sh from the repository root). Inputs are the repository's own
 * files, about 64 KB of each: prose (the Markdown docs), code (the Java sources) and JSON (the recorded wire
 * files), so the numbers reflect what agents paste into prompts. {@code scan}: all detectors over one text;
 * {@code applyAllKinds}: a chat body holding the three texts, every kind pseudonymised; {@code applyEmptyPlan}:
 * the request path when no policy applies.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m", "-XX:+UseSerialGC"})
public class GuardrailsBench {
    static final int SIZE = 64 * 1024;

    /** One text per input kind, and a scanner with every detector on. */
    @State(Scope.Benchmark)
    public static class Text {
        @Param({"prose", "code", "json"})
        public String input;
        String text;
        TextScanner scanner;

        @Setup
        public void setUp() {
            text = corpus(input);
            scanner = TextScanner.all();
        }
    }

    /** A chat body, a plan that pseudonymises every kind, and the empty plan. */
    @State(Scope.Benchmark)
    public static class Request {
        GuardrailPlan all;
        ObjectNode body;

        @Setup
        public void setUp() {
            Map<Kind, Action> actions = new EnumMap<>(Kind.class);
            for (Kind k : Kind.values()) {
                actions.put(k, Action.PSEUDONYMISE);
            }
            all = GuardrailPlan.of(actions, ScanSettings.DEFAULT, Allowlist.NONE);
            body = chatBody();
        }
    }

    /**
     * A streamed answer: 16 KiB of prose in 8-character content deltas (OpenAI chunks) with ten of the request's
     * pseudonyms in it, and the request's vault.
     */
    @State(Scope.Benchmark)
    public static class Answer {
        Vault vault;
        List<ObjectNode> chunks;

        @Setup
        public void setUp() {
            ObjectMapper json = new ObjectMapper();
            StringBuilder emails = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                emails.append("person").append(i).append("@acme-corp.io ");
            }
            ObjectNode body = json.createObjectNode().put("model", "m");
            body.putArray("messages").addObject().put("role", "user").put("content", emails.toString());
            vault = GuardrailPlan.of(Map.of(Kind.EMAIL, Action.PSEUDONYMISE), ScanSettings.DEFAULT, Allowlist.NONE)
                    .apply(body).vault();
            StringBuilder text = new StringBuilder(corpus("prose").substring(0, 16 * 1024));
            for (int i = 0; i < 10; i++) {
                text.insert(i * 1600, "<<EMAIL_" + (i + 1) + ">>");
            }
            chunks = new java.util.ArrayList<>();
            for (int i = 0; i < text.length(); i += 8) {
                ObjectNode c = json.createObjectNode().put("id", "c1").put("object", "chat.completion.chunk");
                ObjectNode choice = c.putArray("choices").addObject().put("index", 0);
                choice.putObject("delta").put("content", text.substring(i, Math.min(text.length(), i + 8)));
                if (i + 8 >= text.length()) {
                    choice.put("finish_reason", "stop");
                } else {
                    choice.putNull("finish_reason");
                }
                chunks.add(c);
            }
        }
    }

    /** Restoring a streamed 16 KiB answer chunk by chunk (placeholders split across chunks). */
    @Benchmark
    public int restoreStream(Answer a) {
        ChunkRestorer r = new ChunkRestorer(a.vault);
        int n = 0;
        for (ObjectNode c : a.chunks) {
            n += r.restore(c).size();
        }
        return n;
    }

    @Benchmark
    public List<?> scan(Text t) {
        return t.scanner.scan(t.text);
    }

    @Benchmark
    public Guarded applyAllKinds(Request r) {
        return r.all.apply(r.body);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public Guarded applyEmptyPlan(Request r) {
        return GuardrailPlan.EMPTY.apply(r.body);
    }

    /** A chat request with the three texts as a system prompt, a user message and a tool result. */
    static ObjectNode chatBody() {
        ObjectNode b = new ObjectMapper().createObjectNode().put("model", "smart");
        b.put("system", corpus("prose").substring(0, 16 * 1024));
        ArrayNode m = b.putArray("messages");
        m.addObject().put("role", "user").put("content", corpus("code").substring(0, 16 * 1024));
        m.addObject().put("role", "tool").put("tool_call_id", "c1").put("content", corpus("json").substring(0, 16 * 1024));
        return b;
    }

    /** About {@link #SIZE} characters of the repository's docs, Java sources or wire JSON. */
    static String corpus(String kind) {
        Path root = Path.of(System.getProperty("freeport.root", "."));
        List<Path> dirs = switch (kind) {
            case "prose" -> List.of(root, root.resolve("docs"));
            case "code" -> List.of(root.resolve("src/main/java"));
            default -> List.of(root.resolve("src/test/resources/wire"));
        };
        String ext = switch (kind) {
            case "prose" -> ".md";
            case "code" -> ".java";
            default -> ".json";
        };
        StringBuilder b = new StringBuilder(SIZE + 4096);
        for (Path dir : dirs) {
            // the root itself only for its own files (README, ARCHITECTURE...), not target/ or node_modules/
            try (Stream<Path> files = dir.equals(root) ? Files.list(dir) : Files.walk(dir)) {
                for (Path p : files.filter(f -> f.toString().endsWith(ext)).sorted().toList()) {
                    if (b.length() >= SIZE) {
                        break;
                    }
                    b.append(Files.readString(p, StandardCharsets.UTF_8)).append('\n');
                }
            } catch (IOException e) {
                throw new UncheckedIOException("run from the repository root (or set -Dfreeport.root)", e);
            }
        }
        if (b.length() < SIZE) {
            throw new IllegalStateException("not enough " + ext + " text under " + dirs);
        }
        return b.substring(0, SIZE);
    }
}
