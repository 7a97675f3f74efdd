package dev.freeport.dialect.openai;

import dev.freeport.api.ChunkFacts;
import dev.freeport.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** A stream's usage object read from its bytes: the tree reader's counts, without a parser or a tree. */
class UsageBytesTest {

    private static byte[] usageChunk(String usage) {
        return ("{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":[],\"usage\":" + usage
                + "}").getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"prompt_tokens\":12,\"completion_tokens\":11,\"total_tokens\":23,\"prompt_tokens_details\":"
                    + "{\"cached_tokens\":4,\"audio_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":5,"
                    + "\"audio_tokens\":0,\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}",
            "{\"prompt_tokens\":100,\"completion_tokens\":7,\"prompt_cache_hit_tokens\":64,\"prompt_cache_miss_tokens\":36}",
            "{\"prompt_tokens\":100,\"completion_tokens\":7,\"cached_tokens\":80}",
            "{\"prompt_tokens\":5,\"prompt_tokens\":9,\"completion_tokens\":1}",
            "{\"prompt_tokens\":\"12\",\"completion_tokens\":null,\"prompt_tokens_details\":[1,2]}",
            "{\"prompt_tokens\":-3,\"completion_tokens\":-0}",
            "{\"prompt_tokens\":10,\"completion_tokens\":2,\"prompt_tokens_details\":{\"cached_tokens\":4},"
                    + "\"prompt_tokens_details\":7}",
            "{\"prompt_tokens\":50,\"completion_tokens\":2,\"cache_creation_input_tokens\":30,\"cache_creation\":"
                    + "{\"ephemeral_5m_input_tokens\":10,\"ephemeral_1h_input_tokens\":20}}",
            "{\"prompt_tokens\":50,\"completion_tokens\":2,\"server_tool_use\":{\"web_search_requests\":2,"
                    + "\"web_fetch_requests\":1,\"x\":{\"y\":[1]}}}",
            "{\"prompt_tokens\":50,\"completion_tokens\":2,\"server_tool_use\":{\"web_search_requests\":2},"
                    + "\"server_tool_use\":true}",
            "{\"prompt_tokens\":1,\"completion_tokens\":2,\"extra\":{\"nested\":[{\"a\":\"b\"}],\"n\":1.5e3}}",
            "{}"})
    void aUsageObjectCountsAsTheTreeReaderCountsIt(String usage) throws IOException {
        byte[] chunk = usageChunk(usage);
        ChunkFacts mine = new ChunkBytes().read(chunk, 0, chunk.length);
        assertThat(mine).as(usage).isNotNull();
        assertThat(mine.usage()).isEqualTo(OpenAiUsage.from(Json.MAPPER.readTree(usage)));
        assertThat(mine.usage()).isEqualTo(ParsedChunkScan.scan(chunk).usage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"prompt_tokens\":12.7,\"completion_tokens\":1}", "{\"prompt_tokens\":1e2}",
            "{\"prompt_tokens\":12345678901234567890123}", "{\"completion_tokens_details\":{\"reasoning_tokens\":2.0}}"})
    void aCountThatIsNotAPlainIntegerIsLeftToTheParser(String usage) throws IOException {
        byte[] chunk = usageChunk(usage);
        assertThat(new ChunkBytes().read(chunk, 0, chunk.length)).isNull();
        assertThat(ChunkScan.scan(chunk).usage()).isEqualTo(OpenAiUsage.from(Json.MAPPER.readTree(usage)));
    }

    @Test
    void theUsageChunkIsReadWithoutAParserOrATree() throws IOException {
        byte[] chunk = ChunkScanTest.chunks("stream-usage.sse").getLast();
        ChunkBytes reader = new ChunkBytes();
        assertThat(reader.read(chunk, 0, chunk.length).usage().inputTokens()).isEqualTo(12);
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int i = 0; i < 20_000; i++) {
            sink += reader.read(chunk, 0, chunk.length).usage().outputTokens();
        }
        int n = 2_000;
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < n; i++) {
            sink += reader.read(chunk, 0, chunk.length).usage().outputTokens();
        }
        long perChunk = (threads.getCurrentThreadAllocatedBytes() - before) / n;
        System.out.printf("usage chunk read: %d bytes allocated (%d)%n", perChunk, sink);
        // its facts, the counts and the usage; a parser and a tree of the usage object (before) cost ~2,500 bytes
        assertThat(perChunk).isLessThan(400);
    }
}
