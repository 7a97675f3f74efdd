package dev.freeport.dialect.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.api.ChunkFacts;
import dev.freeport.api.Usage;
import dev.freeport.json.EscapedText;
import dev.freeport.json.Json;
import dev.freeport.provider.http.SseParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The byte scan of stream chunks reads what the tree path reads, on recorded streams of several hosts. */
class ChunkScanTest {

    /** The data of each event of a recorded OpenAI stream, {@code [DONE]} left out. */
    static List<byte[]> chunks(String file) throws IOException {
        List<byte[]> out = new ArrayList<>();
        SseParser p = new SseParser(e -> {
            String d = e.data().strip();
            if (!d.isEmpty() && !d.equals("[DONE]")) {
                out.add(e.bytes());
            }
        });
        byte[] all = Files.readAllBytes(Path.of("src/test/resources/wire/openai", file));
        p.feed(all, 0, all.length);
        p.finish();
        return out;
    }

    /** The facts as the tree path reads them. */
    private static Facts fromTree(JsonNode c) {
        Usage usage = c.get("usage") != null && c.get("usage").isObject() ? OpenAiUsage.from(c.get("usage")) : null;
        StringBuilder text = new StringBuilder();
        String finish = null;
        for (JsonNode choice : c.path("choices")) {
            JsonNode d = choice.path("delta");
            for (String f : new String[] {"content", "reasoning_content"}) {
                if (d.path(f).isTextual()) {
                    text.append(d.path(f).textValue());
                }
            }
            for (JsonNode call : d.path("tool_calls")) {
                for (String f : new String[] {"name", "arguments"}) {
                    if (call.path("function").path(f).isTextual()) {
                        text.append(call.path("function").path(f).textValue());
                    }
                }
            }
            if (choice.path("finish_reason").isTextual()) {
                finish = choice.path("finish_reason").textValue();
            }
        }
        return new Facts(usage, finish, text.toString(), !c.path("choices").isEmpty());
    }

    /** The facts compared: the text decoded from its pieces. */
    private record Facts(Usage usage, String finish, String text, boolean hasChoices) {
        static Facts of(ChunkFacts f, byte[] chunk) {
            EscapedText text = new EscapedText();
            for (int i = 0; i < f.text().length; i += 2) {
                text.appendEscaped(chunk, f.text()[i], f.text()[i + 1]);
            }
            return new Facts(f.usage(), f.finishReason(), text.toString(), f.hasChoices());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"stream-usage.sse", "stream-parallel-tools.sse", "deepseek-reasoner.sse", "qwen-stream.sse",
            "llamacpp-no-done.sse"})
    void readsWhatTheTreePathReads(String file) throws IOException {
        List<byte[]> chunks = chunks(file);
        assertThat(chunks).isNotEmpty();
        for (byte[] c : chunks) {
            ChunkFacts f = ChunkScan.scan(c);
            assertThat(f).as(new String(c, StandardCharsets.UTF_8)).isNotNull();
            assertThat(Facts.of(f, c)).isEqualTo(fromTree(Json.MAPPER.readTree(c)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"id\":1,\"usage\":null,\"choices\":[]}", "{\"usage\" : null , \"id\":1}",
            "{\"id\":1,\"choices\":[],  \"usage\":null}", "{\"usage\":null}"})
    void cuttingTheNullUsageSpanLeavesTheSameObjectWithoutUsage(String chunk) throws IOException {
        byte[] b = bytes(chunk);
        ChunkFacts f = ChunkScan.scan(b);
        assertThat(f.hasUsageMember()).isTrue();
        byte[] cut = new byte[b.length - (f.nullUsageEnd() - f.nullUsageStart())];
        System.arraycopy(b, 0, cut, 0, f.nullUsageStart());
        System.arraycopy(b, f.nullUsageEnd(), cut, f.nullUsageStart(), b.length - f.nullUsageEnd());
        JsonNode expected = Json.MAPPER.readTree(b);
        ((com.fasterxml.jackson.databind.node.ObjectNode) expected).remove("usage");
        assertThat(Json.MAPPER.readTree(cut)).isEqualTo(expected);
    }

    @Test
    void inBandErrorsAndUsageInAHostsOwnPlaceTakeTheTreePath() throws IOException {
        for (byte[] c : chunks("openrouter-inband-error.sse")) {
            if (Json.MAPPER.readTree(c).has("error")) {
                assertThat(ChunkScan.scan(c)).isSameAs(ChunkScan.FALLBACK);
            }
        }
        assertThat(ChunkScan.scan(bytes("{\"object\":\"error\",\"message\":\"x\"}"))).isNull();
        assertThat(ChunkScan.scan(bytes("{\"choices\":[{\"delta\":{},\"usage\":{\"prompt_tokens\":1}}]}"))).isNull();
        assertThat(ChunkScan.scan(bytes("{\"choices\":[],\"x_groq\":{\"usage\":{\"prompt_tokens\":1}}}"))).isNull();
    }

    @Test
    void whatIsNotOneJsonObjectTakesTheTreePath() {
        assertThat(ChunkScan.scan(bytes("[1]"))).isNull();
        assertThat(ChunkScan.scan(bytes("{\"a\":1} {\"b\":2}"))).isNull();
        assertThat(ChunkScan.scan(bytes("{\"a\":"))).isNull();
        assertThat(ChunkScan.scan(bytes("not json"))).isNull();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"model\":\"gpt-4o\",\"choices\":[]}", "{\"id\":1, \"model\" : \"a\\\"b\\u00e9\" }",
            "{\"choices\":[{\"delta\":{\"content\":\"x\"}}],\"model\":\"m\u00fc\"}"})
    void findsWhereTheModelStringSitsInTheBytes(String chunk) throws IOException {
        byte[] b = bytes(chunk);
        ChunkFacts.Span span = ChunkScan.scan(b).model();
        String value = new String(b, span.start(), span.end() - span.start(), StandardCharsets.UTF_8);
        assertThat(Json.MAPPER.readTree(value).asText()).isEqualTo(Json.MAPPER.readTree(b).path("model").asText());
        assertThat(AnswerScan.scan(bytes(chunk.contains("choices") ? chunk : chunk.replace("{\"id\"",
                "{\"choices\":[],\"id\""))).model()).isNotNull();
    }
}
