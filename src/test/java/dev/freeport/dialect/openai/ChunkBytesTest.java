package dev.freeport.dialect.openai;

import dev.freeport.api.ChunkFacts;
import dev.freeport.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The byte reader of stream chunks: the common chunk without a parser, the same facts, JSON's grammar in full. */
class ChunkBytesTest {

    private static List<byte[]> chunks(String file) throws IOException {
        return ChunkScanTest.chunks(file);
    }

    private static ChunkFacts read(byte[] b) {
        return new ChunkBytes().read(b, 0, b.length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"stream-usage.sse", "stream-parallel-tools.sse", "deepseek-reasoner.sse", "qwen-stream.sse",
            "llamacpp-no-done.sse"})
    void readsEveryChunkItselfWithTheParsersFactsUsageIncluded(String file) throws IOException {
        for (byte[] c : chunks(file)) {
            ChunkFacts mine = read(c);
            ChunkFacts parsed = ParsedChunkScan.scan(c);
            assertThat(mine).as(new String(c, StandardCharsets.UTF_8)).isNotNull();
            assertThat(mine.usage()).isEqualTo(parsed.usage());
            assertThat(mine.finishReason()).isEqualTo(parsed.finishReason());
            assertThat(mine.text()).containsExactly(parsed.text());
            assertThat(mine.hasChoices()).isEqualTo(parsed.hasChoices());
            assertThat(mine.nullUsageStart()).isEqualTo(parsed.nullUsageStart());
            assertThat(mine.nullUsageEnd()).isEqualTo(parsed.nullUsageEnd());
            assertThat(mine.model()).isEqualTo(parsed.model());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":01}", "{\"a\":1.}", "{\"a\":-}", "{\"a\":1e}", "{\"a\":\"\\x\"}", "{\"a\":\"\u0001\"}",
            "{\"a\":\"\\u12g4\"}", "{\"a\":1,}", "{,\"a\":1}", "{\"a\":tru}", "{\"a\":[1,]}", "{\"a\" 1}", "{\"a\":1",
            "{\"a\":\"open}", "{\"choices\":[{\"delta\":{\"content\":\"x\"}},]}", "{\"a\":1}}", "{\"a\":+1}",
            "{\"a\":nul}", "{\"a\":[}"})
    void malformedJsonIsNotReadAndTakesTheTreePath(String chunk) {
        byte[] b = chunk.getBytes(StandardCharsets.UTF_8);
        assertThat(read(b)).isNull();
        assertThat(ChunkScan.scan(b)).isSameAs(ChunkScan.FALLBACK);
        assertThatThrownBy(() -> Json.MAPPER.readTree(b)).isInstanceOf(IOException.class);
    }

    @Test
    void nestingDeeperThanTheMappersLimitIsNotRead() {
        String deep = "{\"a\":" + "[".repeat(ChunkBytes.MAX_DEPTH + 5) + "]".repeat(ChunkBytes.MAX_DEPTH + 5) + "}";
        assertThat(ChunkScan.scan(deep.getBytes(StandardCharsets.UTF_8))).isSameAs(ChunkScan.FALLBACK);
    }

    @Test
    void aNameWrittenWithEscapesIsLeftToTheParser() {
        byte[] b = "{\"\\u006dodel\":\"m\",\"choices\":[]}".getBytes(StandardCharsets.UTF_8);
        assertThat(read(b)).isNull();
        assertThat(ChunkScan.scan(b).model()).isEqualTo(new ChunkFacts.Span(14, 17));
    }

    @Test
    void aChunkInsideALargerReadIsReadWithPositionsFromItsFirstByte() {
        String chunk = "{\"model\":\"m\",\"usage\":null,\"choices\":[{\"delta\":{\"content\":\"hi\"},"
                + "\"finish_reason\":\"stop\"}]}";
        byte[] alone = chunk.getBytes(StandardCharsets.UTF_8);
        byte[] read = ("data: " + chunk + "\n\n").getBytes(StandardCharsets.UTF_8);
        ChunkFacts inRead = ChunkScan.scan(read, 6, 6 + alone.length);
        ChunkFacts copy = ChunkScan.scan(alone);
        assertThat(inRead.model()).isEqualTo(copy.model());
        assertThat(inRead.nullUsageStart()).isEqualTo(copy.nullUsageStart());
        assertThat(inRead.nullUsageEnd()).isEqualTo(copy.nullUsageEnd());
        assertThat(inRead.text()).containsExactly(copy.text()).containsExactly(chunk.indexOf("hi"), chunk.indexOf("hi") + 2);
        assertThat(inRead.finishReason()).isSameAs("stop");
    }

    @Test
    void textWithEscapesKeepsItsEscapedBytes() {
        byte[] b = "{\"choices\":[{\"delta\":{\"content\":\"a\\\"\\u00e9\\n\"}}]}".getBytes(StandardCharsets.UTF_8);
        ChunkFacts f = read(b);
        assertThat(new String(Arrays.copyOfRange(b, f.text()[0], f.text()[1]), StandardCharsets.UTF_8))
                .isEqualTo("a\\\"\\u00e9\\n");
    }

    @Test
    void theParsersTextPiecesAreTheStringsContentsToo() {
        byte[] b = "{\"\\u006dodel\":\"m\",\"choices\":[{\"delta\":{\"content\":\"h\\u00e9 \u00fc\",\"tool_calls\":[{\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}}]}"
                .getBytes(StandardCharsets.UTF_8);
        ChunkFacts f = ChunkScan.scan(b);
        assertThat(read(b)).isNull();
        dev.freeport.json.EscapedText text = new dev.freeport.json.EscapedText();
        for (int i = 0; i < f.text().length; i += 2) {
            text.appendEscaped(b, f.text()[i], f.text()[i + 1]);
        }
        assertThat(text.toString()).isEqualTo("h\u00e9 \u00fcf{}");
    }
}
