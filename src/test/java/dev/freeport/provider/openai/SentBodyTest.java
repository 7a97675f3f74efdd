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
}
