package dev.freeport.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.api.ChatRequest;
import dev.freeport.dialect.openai.ChatDecoder;
import dev.freeport.json.Json;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A decoded caller's body goes upstream as its own bytes, changed only where the codec must change it. */
class SentBodyTest {

    private static ChatRequest decoded(String json) {
        return ChatDecoder.decodeChat(Buffer.buffer(json));
    }

    /** The same request without the caller's bytes: what the tree path writes. */
    private static ChatRequest treeOnly(ChatRequest r) {
        return new ChatRequest(r.model(), r.stream(), r.includeUsage(), r.maxOutputTokens(), r.user(), r.body(),
                r.nativeAnthropic(), r.traits(), r.nativeHeaders());
    }

    private static String sent(String preset, ChatRequest request, boolean stream) {
        return Wire.codec(preset).encodeChat(request, "up-model", stream).body().toString(StandardCharsets.UTF_8);
    }

    private static JsonNode tree(String json) throws IOException {
        return Json.MAPPER.readTree(json);
    }

    @Test
    void theCallersBytesGoUpstreamWithOnlyTheModelReplaced() {
        String body = "{ \"model\" : \"fast\",\n  \"temperature\": 0.70, \"x_custom\": [1e400, \"\\u00e9\"],\n"
                + "  \"messages\": [ {\"role\": \"user\", \"content\": \"hi\"} ] }";
        assertThat(sent("vllm", decoded(body), false)).isEqualTo(body.replace("\"fast\"", "\"up-model\""));
    }

    @Test
    void aStreamWithoutOptionsGetsTheUsageOptionAddedToItsBytes() {
        String body = "{\"model\": \"fast\", \"stream\": true, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}";
        assertThat(sent("qwen", decoded(body), true)).isEqualTo("{\"model\": \"up-model\", \"stream\": true, "
                + "\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}],\"stream_options\":{\"include_usage\":true}}");
    }

    @Test
    void everyPresetAndShapeGetsWhatTheTreeWritesInTheCallersSpacing() throws IOException {
        List<String> bodies = List.of(
                "{\"stream\": false, \"model\": \"fast\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}",
                "{\"stream\": true, \"stream_options\": {\"include_usage\": true, \"include_obfuscation\": false}, "
                        + "\"model\": \"fast\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}",
                "{\"model\": \"fast\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"max_tokens\": 9, "
                        + "\"stream\": true}",
                "{\"model\": \"fast\", \"max_completion_tokens\": 7, \"messages\": [{\"role\": \"user\", "
                        + "\"content\": \"hi\"}], \"stream\": false, \"stream_options\": null}");
        for (String preset : List.of("openai", "deepseek", "mistral", "qwen", "ollama", "vllm")) {
            for (String body : bodies) {
                ChatRequest r = decoded(body);
                for (boolean stream : r.stream() ? List.of(true, false) : List.of(false)) {
                    String fast = sent(preset, r, stream);
                    String slow = sent(preset, treeOnly(r), stream);
                    assertThat(tree(fast)).as(preset + " " + stream + " " + body).isEqualTo(tree(slow));
                    assertThat(fast).as(preset + " " + stream + " " + body)
                            .contains("\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]");
                }
            }
        }
    }

    @Test
    void aMemberNameWrittenWithAnEscapeIsStillSeen() throws IOException {
        ChatRequest r = decoded("{\"model\": \"fast\", \"stre\\u0061m\": true, \"messages\": [{\"role\": \"user\", "
                + "\"content\": \"hi\"}]}");
        assertThat(tree(sent("vllm", r, false)).has("stream")).isFalse();
    }

    @Test
    void bothSpellingsOfTheCapAreLeftToTheTree() throws IOException {
        ChatRequest r = decoded("{\"model\": \"f\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], "
                + "\"max_tokens\": 100, \"max_completion_tokens\": 300}");
        assertThat(tree(sent("deepseek", r, false)).get("max_tokens").asInt()).isEqualTo(300);
        assertThat(tree(sent("deepseek", r, false)).has("max_completion_tokens")).isFalse();
    }

    /** Bytes allocated per encode of {@code body}'s request, after as many for the JIT. */
    static long encodeBytes(String preset, byte[] body, boolean stream) {
        ChatRequest r = ChatDecoder.decodeChat(Buffer.buffer(body));
        OpenAiCodec codec = Wire.codec(preset);
        String model = "up-model-" + preset; // the target's name: one String on every request
        long sink = 0;
        for (int i = 0; i < 20_000; i++) {
            sink += codec.encodeChat(r, model, stream).body().length();
        }
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        int n = 20_000;
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < n; i++) {
            sink += codec.encodeChat(r, model, stream).body().length();
        }
        long per = (threads.getCurrentThreadAllocatedBytes() - before) / n;
        assertThat(sink).isPositive();
        System.out.printf("sent body: %d bytes allocated per encode of a %d-byte body (%s)%n", per, body.length,
                preset);
        return per;
    }

    /** The benchmark's streamed body (bench/chat.lua): the copy, its buffer and the edit, the model not quoted again. */
    @Test
    void theBenchmarksBodyIsEncodedInFewBytesBesidesItsCopy() {
        byte[] body = ("{\"model\":\"bench\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"system\",\"content\":\"You are terse.\"},"
                + "{\"role\":\"user\",\"content\":\"Give me one sentence about gateways and latency.\"}],"
                + "\"max_tokens\":64}").getBytes(StandardCharsets.UTF_8);
        long per = encodeBytes("vllm", body, true);
        assertThat(per - body.length).isLessThan(BESIDES_COPY);
    }

    /** A coding agent's body (qwen-code's, 76 KB): sent as its received bytes around the new model, not copied. */
    @Test
    void anAgentsLargeBodyIsNotCopied() throws IOException {
        byte[] body = Json.bytes(Json.MAPPER.readTree(java.nio.file.Path.of(
                "src/test/resources/wire/agents/qwen-code/qwen-code-0.24.4-default-request-1.json").toFile())
                .get("body"));
        assertThat(body.length).isGreaterThan(50_000);
        assertThat(encodeBytes("qwen", body, true)).isLessThan(2_000);
    }

    static final long BESIDES_COPY = 300; // measured 250 (258 with the model quoted per request)
}
