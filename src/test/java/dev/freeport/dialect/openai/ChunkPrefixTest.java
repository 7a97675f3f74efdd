package dev.freeport.dialect.openai;

import dev.freeport.api.ChunkFacts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One reader for a whole stream reads the members a chunk repeats before its choices once ({@link ChunkPrefix}): the
 * same facts as a reader per chunk, whatever follows or differs.
 */
class ChunkPrefixTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void sameFacts(ChunkFacts mine, ChunkFacts alone, String chunk) {
        if (alone == null) {
            assertThat(mine).as(chunk).isNull();
            return;
        }
        assertThat(mine).as(chunk).isNotNull();
        assertThat(mine.usage()).as(chunk).isEqualTo(alone.usage());
        assertThat(mine.finishReason()).as(chunk).isEqualTo(alone.finishReason());
        assertThat(mine.text()).as(chunk).containsExactly(alone.text());
        assertThat(mine.hasChoices()).as(chunk).isEqualTo(alone.hasChoices());
        assertThat(mine.nullUsageStart()).as(chunk).isEqualTo(alone.nullUsageStart());
        assertThat(mine.nullUsageEnd()).as(chunk).isEqualTo(alone.nullUsageEnd());
        assertThat(mine.model()).as(chunk).isEqualTo(alone.model());
    }

    /** Every chunk read by one reader in turn and by a reader of its own. */
    private static void sameAsAlone(List<String> stream) {
        ChunkBytes reused = new ChunkBytes();
        for (String s : stream) {
            byte[] c = bytes(s);
            sameFacts(reused.read(c, 0, c.length), new ChunkBytes().read(c, 0, c.length), s);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"stream-usage.sse", "stream-parallel-tools.sse", "deepseek-reasoner.sse", "qwen-stream.sse",
            "llamacpp-no-done.sse"})
    void oneReaderForAStreamReadsTheSameFactsAsAReaderPerChunk(String file) throws IOException {
        sameAsAlone(ChunkScanTest.chunks(file).stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList());
    }

    @Test
    void aChunkThatRepeatsTheMembersBeforeChoicesResumesAfterThem() {
        ChunkBytes reader = new ChunkBytes();
        byte[] first = bytes("{\"id\":\"c1\",\"model\":\"m\",\"choices\":[{\"delta\":{\"content\":\"a\"}}],\"usage\":null}");
        byte[] second = bytes("{\"id\":\"c1\",\"model\":\"m\",\"choices\":[{\"delta\":{\"content\":\"bc\"}}],\"usage\":null}");
        reader.read(first, 0, first.length);
        assertThat(reader.resumed()).isFalse();
        ChunkFacts facts = reader.read(second, 0, second.length);
        assertThat(reader.resumed()).isTrue();
        assertThat(facts.model()).isEqualTo(new ChunkFacts.Span(19, 22));
        assertThat(facts.text()).containsExactly(55, 57);
        assertThat(facts.nullUsageStart()).isEqualTo(61);
    }

    @Test
    void whatDiffersAfterTheSamePrefixIsReadInFull() {
        sameAsAlone(List.of(
                // a number that grows by a digit where the prefix ended, then shrinks back
                "{\"id\":\"c\",\"created\":12,\"choices\":[{\"delta\":{\"content\":\"a\"}}]}",
                "{\"id\":\"c\",\"created\":123,\"choices\":[{\"delta\":{\"content\":\"a\"}}]}",
                "{\"id\":\"c\",\"created\":12,\"choices\":[{\"delta\":{\"content\":\"a\"}}]}",
                "{\"id\":\"c\",\"created\":12 ,\"choices\":[]}",
                // usage before the choices, null then reported
                "{\"id\":\"c\",\"usage\":null,\"choices\":[{\"delta\":{\"content\":\"a\"}}]}",
                "{\"id\":\"c\",\"usage\":null,\"choices\":[{\"finish_reason\":\"stop\"}]}",
                "{\"id\":\"c\",\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4,\"total_tokens\":7},\"choices\":[]}",
                "{\"id\":\"c\",\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4,\"total_tokens\":7},\"choices\":[]}",
                // a second choices member, a model that changes, an error where the choices were
                "{\"id\":\"c\",\"choices\":[{\"delta\":{\"content\":\"a\"}}],\"choices\":[{\"delta\":{\"content\":\"b\"}}]}",
                "{\"id\":\"c\",\"choices\":[],\"choices\":[{\"delta\":{\"content\":\"b\"}}]}",
                "{\"id\":\"c\",\"model\":\"x\",\"choices\":[]}",
                "{\"id\":\"c\",\"model\":\"y\",\"choices\":[]}",
                "{\"id\":\"c\",\"model\":\"y\",\"error\":{\"message\":\"boom\"}}",
                "{\"id\":\"c\",\"model\":\"y\",\"choices\":[{\"delta\":{\"content\":\"a\"}}],}",
                "{\"id\":\"c\",\"model\":\"y\",\"choices\"",
                "{\"id\":\"c\",\"model\":\"y\","));
    }

    @Test
    void theKeptPrefixIsACopyNotTheCallersArray() {
        ChunkBytes reader = new ChunkBytes();
        byte[] chunk = bytes("{\"id\":\"c1\",\"model\":\"m\",\"choices\":[]}");
        reader.read(chunk, 0, chunk.length);
        byte[] changed = bytes("{\"id\":\"c1\",\"model\":\"mm\",\"choices\":[]}");
        System.arraycopy(changed, 0, chunk, 0, chunk.length); // the caller reuses its array
        byte[] next = changed.clone();
        ChunkFacts facts = reader.read(next, 0, next.length);
        assertThat(reader.resumed()).isFalse();
        assertThat(facts.model()).isEqualTo(new ChunkFacts.Span(19, 23));
    }
}
