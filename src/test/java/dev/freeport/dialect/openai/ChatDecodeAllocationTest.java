package dev.freeport.dialect.openai;

import dev.freeport.api.ChatRequest;
import dev.freeport.json.Json;
import dev.freeport.json.JsonBytes;
import dev.freeport.ledger.Fingerprints;
import dev.freeport.tokens.TokenCounter;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decode of a caller's chat body with what the flow reads from it on every request (the traits, the ledger's
 * fingerprint, the token bound), measured in bytes allocated per request (a figure the machine's load does not
 * move): read in one pass, without a tree, against the tree decoder's cost for the same body.
 */
class ChatDecodeAllocationTest {
    /** the benchmark's body (bench/chat.lua), streamed */
    private static final byte[] BODY = ("{\"model\":\"bench\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
            + "\"messages\":[{\"role\":\"system\",\"content\":\"You are terse.\"},"
            + "{\"role\":\"user\",\"content\":\"Give me one sentence about gateways and latency.\"}],\"max_tokens\":64}")
            .getBytes(StandardCharsets.UTF_8);

    private static long perRequest(Function<Buffer, ChatRequest> decode) {
        return perRequest(BODY, decode);
    }

    private static long perRequest(byte[] bytes, Function<Buffer, ChatRequest> decode) {
        Buffer body = Buffer.buffer(bytes);
        long sink = 0;
        for (int i = 0; i < 20_000; i++) {
            sink += read(decode.apply(body)); // warm up: let the JIT settle
        }
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        int n = 20_000;
        long before = threads.getCurrentThreadAllocatedBytes();
        long cpu = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            sink += read(decode.apply(body));
        }
        long per = (threads.getCurrentThreadAllocatedBytes() - before) / n;
        System.out.printf("chat decode: %d ns CPU per request (indicative on a busy machine)%n",
                (threads.getCurrentThreadCpuTime() - cpu) / n);
        assertThat(sink).isPositive();
        return per;
    }

    /** What the flow reads from every request. */
    private static long read(ChatRequest chat) {
        return chat.traits().promptChars() + Fingerprints.of(chat, "openai").promptChars()
                + TokenCounter.promptUpperBound(chat);
    }

    @Test
    void aBodyReadInOnePassCostsAtMostThreeFifthsOfItsTree() {
        long tree = perRequest(b -> ChatDecoder.decodeTree(JsonBytes.of(b)));
        long scanned = perRequest(ChatDecoder::decodeChat);
        System.out.printf("chat decode: %d bytes per request read in one pass, %d from the tree%n", scanned, tree);
        assertThat(scanned).isLessThan(tree * 2 / 3); // measured: 1,880-1,950 against 3,360-3,480 (the parser: 792)
    }

    /**
     * The body's tokens read from its bytes ({@link ByteTokens}), not by a Jackson parser (whose construction cost
     * ~800 bytes): measured 1,216 bytes per request against 1,880-1,950 with the parser.
     */
    @Test
    void aBodyIsReadWithoutAParser() {
        long scanned = perRequest(ChatDecoder::decodeChat);
        assertThat(scanned).isLessThan(1_450);
    }

    /**
     * A coding agent's request (opencode's, 2.5 KB with its tools): no string made of its texts (measured 1,856 B
     * against 9,982).
     */
    @Test
    void anAgentsBodyReadInOnePassCostsAFifthOfItsTree() throws java.io.IOException {
        byte[] agent = Json.bytes(Json.MAPPER.readTree(java.nio.file.Files.readAllBytes(java.nio.file.Path.of(
                "src/test/resources/wire/agents/opencode/opencode-1.18.33-model-coder-request-1.json"))).get("body"));
        long tree = perRequest(agent, b -> ChatDecoder.decodeTree(JsonBytes.of(b)));
        long scanned = perRequest(agent, ChatDecoder::decodeChat);
        System.out.printf("agent decode (%d bytes): %d bytes per request read in one pass, %d from the tree%n",
                agent.length, scanned, tree);
        assertThat(scanned).isLessThan(tree / 5);
    }
}
