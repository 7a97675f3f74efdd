package dev.freeport.dialect.openai;

import dev.freeport.api.ChunkFacts;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A content chunk that repeats the last one around its text is read from its text alone ({@link ChunkShape}): the
 * same facts as a reader of its own, whatever differs around the text.
 */
class ChunkShapeTest {
    private static final String HEAD = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",";

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String content(String text, String after) {
        return HEAD + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"},\"finish_reason\":null}]"
                + after + "}";
    }

    /** Each chunk read by one reader in turn and by a reader of its own: the same facts; how many were shaped. */
    private static int sameAsAlone(List<String> stream) {
        ChunkBytes reused = new ChunkBytes();
        reused.reusingFacts();
        int shaped = 0;
        for (String s : stream) {
            byte[] c = bytes(s);
            ChunkFacts alone = new ChunkBytes().read(c, 0, c.length);
            ChunkFacts mine = reused.read(c, 0, c.length);
            shaped += reused.shaped() ? 1 : 0;
            if (alone == null) {
                assertThat(mine).as(s).isNull();
                continue;
            }
            assertThat(mine).as(s).isNotNull();
            assertThat(mine.usage()).as(s).isEqualTo(alone.usage());
            assertThat(mine.finishReason()).as(s).isEqualTo(alone.finishReason());
            assertThat(mine.text()).as(s).containsExactly(alone.text());
            assertThat(mine.hasChoices()).as(s).isEqualTo(alone.hasChoices());
            assertThat(mine.nullUsageStart()).as(s).isEqualTo(alone.nullUsageStart());
            assertThat(mine.nullUsageEnd()).as(s).isEqualTo(alone.nullUsageEnd());
            assertThat(mine.model()).as(s).isEqualTo(alone.model());
        }
        return shaped;
    }

    @Test
    void contentChunksThatDifferOnlyInTheirTextAreReadFromTheText() {
        ChunkBytes reader = new ChunkBytes();
        byte[] first = bytes(content("lorem", ",\"usage\":null"));
        byte[] second = bytes(content(" ipsum dolor", ",\"usage\":null"));
        reader.read(first, 0, first.length);
        assertThat(reader.shaped()).isFalse();
        ChunkFacts facts = reader.read(second, 0, second.length);
        assertThat(reader.shaped()).isTrue();
        int text = second.length - (" ipsum dolor\"},\"finish_reason\":null}],\"usage\":null}").length();
        assertThat(facts.text()).containsExactly(text, text + 12);
        assertThat(facts.nullUsageStart()).isEqualTo(second.length - ",\"usage\":null}".length());
        assertThat(facts.nullUsageEnd()).isEqualTo(second.length - 1);
        assertThat(facts.finishReason()).isNull();
        assertThat(facts.hasChoices()).isTrue();
    }

    @Test
    void whatDiffersAroundTheTextIsReadInFull() {
        int shaped = sameAsAlone(List.of(
                content("a", ",\"usage\":null"),
                content("bb", ",\"usage\":null"),
                content("c\\\"d\\u00e9", ",\"usage\":null"), // escapes in the text
                content("", ",\"usage\":null"),
                content("e", ""), // the tail differs: no usage member
                content("f", ""),
                content("g", " "), // trailing space
                content("h", ",\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2,\"total_tokens\":3}"),
                content("i", ",\"usage\":null"),
                HEAD + "\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"j\"},\"finish_reason\":null}]}",
                HEAD + "\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"kk\"},\"finish_reason\":null}]}",
                HEAD + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"l\"},\"finish_reason\":\"stop\"}]}",
                HEAD + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"mm\"},\"finish_reason\":\"stop\"}]}",
                HEAD + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"n\"},\"finish_reason\":\"length\"}]}",
                HEAD + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"o\",\"content\":\"p\"}}]}", // two pieces
                HEAD + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"q\",\"content\":\"r\"}}]}",
                HEAD + "\"choices\":[],\"usage\":null}"));
        assertThat(shaped).isEqualTo(6); // bb, the escapes, "", f, kk, mm
    }

    @Test
    void aBrokenChunkOfTheSameShapeIsGivenUpAsAReaderOfItsOwnGivesItUp() {
        int shaped = sameAsAlone(List.of(
                content("a", ",\"usage\":null"),
                content("b\u0001", ",\"usage\":null"), // a control character in the text
                content("c\\x", ",\"usage\":null"), // a bad escape
                content("d", ",\"usage\":null"),
                content("e\"", ",\"usage\":null"), // a quote that ends the text early
                content("f", ",\"usage\":null").substring(0, 60), // cut short
                content("g", ",\"usage\":null") + "}",
                content("h", ",\"usage\":null"), // read in full: the chunk that failed in full forgot the shape
                content("i", ",\"usage\":null")));
        assertThat(shaped).isEqualTo(2); // d, i
    }

    @Test
    void aStreamWhoseChunksDifferAroundTheirTextEveryTimeStopsKeepingShapes() {
        List<String> stream = new java.util.ArrayList<>();
        String[] noise = {"Xq", "b7Rk", "p", "Z0aa1", "mm", "Q", "yy7", "k2k2k", "a", "LLm"};
        for (int i = 0; i < noise.length; i++) { // OpenAI's obfuscation member: random, on every chunk
            stream.add(content("w" + i, ",\"usage\":null,\"obfuscation\":\"" + noise[i] + "\""));
        }
        assertThat(sameAsAlone(stream)).isZero();
        ChunkBytes reader = new ChunkBytes();
        for (String s : stream) {
            byte[] c = bytes(s);
            reader.read(c, 0, c.length);
        }
        assertThat(reader.keepsShape()).isFalse();
    }

    @Test
    void theKeptShapeIsACopyNotTheCallersArray() {
        ChunkBytes reader = new ChunkBytes();
        byte[] chunk = bytes(content("a", ",\"usage\":null"));
        reader.read(chunk, 0, chunk.length);
        byte[] other = bytes(content("b", ",\"usage\":nul1"));
        System.arraycopy(other, 0, chunk, 0, chunk.length); // the caller reuses its array
        assertThat(reader.read(other, 0, other.length)).isNull();
        assertThat(reader.shaped()).isFalse();
    }
}
