package dev.freeport.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.api.ChatRequest;
import dev.freeport.api.ChatResult;
import dev.freeport.api.Timeouts;
import dev.freeport.config.ProviderConfig;
import dev.freeport.api.TreeDigest;
import dev.freeport.dialect.responses.ResponsesDecoder;
import dev.freeport.front.anthropic.AnthropicFront;
import dev.freeport.json.Json;
import dev.freeport.json.JsonChars;
import dev.freeport.ledger.Fingerprints;
import dev.freeport.provider.openai.OpenAiCodec;
import dev.freeport.provider.openai.OpenAiPresets;
import dev.freeport.tokens.TokenCounter;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a coding agent's request costs the gateway when its alias targets an OpenAI-compatible host, in this
 * thread's CPU time and allocated bytes: each recorded request (src/test/resources/wire/agents: Claude Code through
 * the Anthropic front, Codex through the Responses front) decoded by the real front and written by the real
 * {@link OpenAiCodec} (preset {@value #PRESET}) into the upstream's chat body bytes, as the flow does; the flow's own
 * reads of the translated tree (the admission's token bound, the ledger's fingerprint); and one recorded OpenAI
 * answer written back as an Anthropic message (the non-stream answer's way back).
 *
 * <p>The ledger's fingerprint is its one walk of the translated tree ({@link TreeDigest}, read when it records the
 * request). The traits' count of the tools' characters is timed both ways, alternating round by round
 * (their JSON written out and measured, or {@link JsonChars} on the tree), and the token bound's count of the tool
 * schemas' bytes. Every row is the median of {@value #ROUNDS} rounds after a warm-up; a round runs every request of
 * its agent {@code n} times. Thread CPU time is not inflated by other processes on the cores, but a busy machine
 * still shifts it (caches, frequency): compare rows of one run. Run from the project's root with the test class path
 * ({@code target/test-classes:target/classes:$(cat target/bench-test.cp)}, as bench/hotpath.sh makes it):
 * {@code java -cp ... dev.freeport.bench.AgentRequestCost [n]}, or {@code bench/hotpath.sh --cpu-only}.
 */
public final class AgentRequestCost {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final Path AGENTS = Path.of("src/test/resources/wire/agents");
    static final String PRESET = "vllm";
    private static final int ROUNDS = 11;
    private static Object sink;

    /** One recorded request: its body as the agent sent it (compact JSON) and its headers. */
    record Recorded(String name, Buffer body, Map<String, String> headers) {
    }

    /** One operation on one recorded request (the i-th of its agent's list). */
    interface Op {
        Object run(int i, Recorded r);
    }

    private AgentRequestCost() {
    }

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        OpenAiCodec codec = codec();
        List<Recorded> claude = recorded("claude-code");
        List<Recorded> codex = recorded("codex");
        List<ChatRequest> claudeDecoded = claude.stream().map(AgentRequestCost::anthropic).toList();
        List<ChatRequest> codexDecoded = codex.stream().map(AgentRequestCost::responses).toList();
        System.out.println("| piece (thread CPU, median of " + ROUNDS + " rounds) | requests | KB per request "
                + "| us per request | us per KB | KB allocated per request |");
        System.out.println("|---|---|---|---|---|---|");
        row("Claude Code: Anthropic front decode + OpenAI body", claude, n, (i, r) -> {
            ChatRequest c = anthropic(r);
            return codec.encodeChat(c, "up-model", c.stream()).body();
        });
        row("  of which the front's decode", claude, n, (i, r) -> anthropic(r));
        row("  of which the caller's tree (Json.parseObject)", claude, n, (i, r) -> Json.parseObject(r.body()));
        row("  of which the codec's body", claude, n,
                (i, r) -> codec.encodeChat(claudeDecoded.get(i), "up-model", true).body());
        row("  then the flow's token bound (TokenCounter.promptUpperBound)", claude, n,
                (i, r) -> TokenCounter.promptUpperBound(claudeDecoded.get(i)));
        row("  then the ledger's fingerprint (TreeDigest's one walk)", claude, n,
                (i, r) -> Fingerprints.of(claudeDecoded.get(i), "anthropic"));
        toolChars("  in the decode: the traits' tool characters", claude, n, claudeDecoded);
        row("Codex: Responses front decode + OpenAI body", codex, n, (i, r) -> {
            ChatRequest c = responses(r);
            return codec.encodeChat(c, "up-model", c.stream()).body();
        });
        row("  of which the front's decode", codex, n, (i, r) -> responses(r));
        row("  of which the caller's tree (Json.parseObject)", codex, n, (i, r) -> Json.parseObject(r.body()));
        row("  of which the codec's body", codex, n,
                (i, r) -> codec.encodeChat(codexDecoded.get(i), "up-model", true).body());
        row("  then the flow's token bound (TokenCounter.promptUpperBound)", codex, n,
                (i, r) -> TokenCounter.promptUpperBound(codexDecoded.get(i)));
        row("  then the ledger's fingerprint (TreeDigest's one walk)", codex, n,
                (i, r) -> Fingerprints.of(codexDecoded.get(i), "openai"));
        toolChars("  in the decode: the traits' tool characters", codex, n, codexDecoded);
        Buffer answer = Buffer.buffer(resource("/wire/anthropic-front/response/tool_use.openai.json"));
        ChatRequest asked = claudeDecoded.get(0);
        List<Recorded> one = List.of(new Recorded("tool_use.openai.json", answer, Map.of()));
        row("answer: OpenAI tool_use answer -> Anthropic message bytes (scan + encode + write)", one, n * 500,
                (i, r) -> {
                    ChatResult result = codec.decodeChat(asked, "up-model", r.body());
                    return Json.bytes(AnthropicFront.INSTANCE.encode(asked, result));
                });
    }

    /** The tools' characters for the traits: written out and measured (before), counted on the tree, alternating. */
    private static void toolChars(String name, List<Recorded> requests, int n, List<ChatRequest> decoded) {
        double[][] both = alternate(requests, n, (i, r) -> decoded.get(i).body().path("tools").toString().length(),
                (i, r) -> JsonChars.compact(decoded.get(i).body().path("tools")));
        print(name + ", toString().length()", requests, both[0][0], both[0][1]);
        print(name + ", JsonChars.compact", requests, both[1][0], both[1][1]);
        both = alternate(requests, n, (i, r) -> {
            long bytes = 0;
            for (JsonNode t : decoded.get(i).body().path("tools")) {
                bytes += t.path("function").path("parameters").toString().getBytes(StandardCharsets.UTF_8).length;
            }
            return bytes;
        }, (i, r) -> {
            long bytes = 0;
            for (JsonNode t : decoded.get(i).body().path("tools")) {
                bytes += JsonChars.compactUtf8(t.path("function").path("parameters"));
            }
            return bytes;
        });
        print("  in the token bound: the tool schemas' UTF-8 bytes, written out", requests, both[0][0], both[0][1]);
        print("  in the token bound: the tool schemas' UTF-8 bytes, JsonChars.compactUtf8", requests, both[1][0],
                both[1][1]);
    }

    static OpenAiCodec codec() {
        return new OpenAiCodec(OpenAiPresets.settings(new ProviderConfig(PRESET, "openai", PRESET, null,
                "sk-test-key-000000000000", Map.of(), Timeouts.DEFAULTS, Map.of())));
    }

    static ChatRequest anthropic(Recorded r) {
        return AnthropicFront.INSTANCE.decode(r.body(), h -> r.headers().get(h));
    }

    static ChatRequest responses(Recorded r) {
        return ResponsesDecoder.decode(r.body()).chat();
    }

    private static void row(String name, List<Recorded> requests, int n, Op op) {
        double[][] both = alternate(requests, n, op, null);
        print(name, requests, both[0][0], both[0][1]);
    }

    /** Medians of ns and bytes per request of {@code a} and (when not null) {@code b}, their rounds alternating. */
    private static double[][] alternate(List<Recorded> requests, int n, Op a, Op b) {
        Op[] ops = b == null ? new Op[] {a} : new Op[] {a, b};
        for (Op op : ops) {
            for (int k = 0; k < n * 3; k++) { // warm-up
                for (int i = 0; i < requests.size(); i++) {
                    sink = op.run(i, requests.get(i));
                }
            }
        }
        double[][] ns = new double[ops.length][ROUNDS];
        double[][] alloc = new double[ops.length][ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            for (int w = 0; w < ops.length; w++) {
                long bytes = THREADS.getCurrentThreadAllocatedBytes();
                long t = THREADS.getCurrentThreadCpuTime();
                for (int k = 0; k < n; k++) {
                    for (int i = 0; i < requests.size(); i++) {
                        sink = ops[w].run(i, requests.get(i));
                    }
                }
                ns[w][round] = (double) (THREADS.getCurrentThreadCpuTime() - t) / n / requests.size();
                alloc[w][round] = (double) (THREADS.getCurrentThreadAllocatedBytes() - bytes) / n / requests.size();
            }
        }
        double[][] out = new double[ops.length][];
        for (int w = 0; w < ops.length; w++) {
            out[w] = new double[] {median(ns[w]), median(alloc[w])};
        }
        return out;
    }

    private static void print(String name, List<Recorded> requests, double ns, double bytes) {
        long total = 0;
        for (Recorded r : requests) {
            total += r.body().length();
        }
        double kb = total / 1024.0 / requests.size();
        double us = ns / 1000;
        System.out.printf("| %s | %d | %.1f | %.1f | %.2f | %.1f |%n", name, requests.size(), kb, us, us / kb,
                bytes / 1024);
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    /** The recorded requests of one agent, in file order. */
    static List<Recorded> recorded(String agent) throws IOException {
        List<Recorded> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(AGENTS.resolve(agent))) {
            for (Path f : files.sorted().toList()) {
                JsonNode file = Json.MAPPER.readTree(f.toFile());
                byte[] body = Json.MAPPER.writeValueAsBytes(file.get("body"));
                Map<String, String> headers = new HashMap<>();
                file.path("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
                out.add(new Recorded(f.getFileName().toString(), Buffer.buffer(body), headers));
            }
        }
        return out;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = AgentRequestCost.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }
}
