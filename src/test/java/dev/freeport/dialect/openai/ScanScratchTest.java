package dev.freeport.dialect.openai;

import dev.freeport.json.JsonBytes;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The arrays a thread lends its one-pass reads ({@link ByteTokens.Scratch}): one body's names and containers,
 * left in them, never change how the next body on the thread reads.
 */
class ScanScratchTest {
    private static final String SMALL = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    /** A body whose unknown member "extra" has {@code n} members and another nests twenty arrays. */
    private static byte[] big(int n) {
        StringBuilder b = new StringBuilder("{\"model\":\"m\",\"extra\":{");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
        }
        b.append("},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"x\":").append("[".repeat(20))
                .append(1).append("]".repeat(20)).append('}');
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aBodyAfterOneThatGrewTheStacksReadsAsItsTree() {
        assertThat(ChatScanParityTest.sameAsTheTree(big(40))).isTrue();
        assertThat(ChatScanParityTest.sameAsTheTree(SMALL.getBytes(StandardCharsets.UTF_8))).isTrue();
    }

    @Test
    void aRepeatedNameIsStillFoundAfterABodyWithTheSameNamesInItsStack() {
        assertThat(ChatScanParityTest.sameAsTheTree(big(40))).isTrue();
        byte[] repeated = "{\"model\":\"m\",\"extra\":{\"k1\":\"v\",\"k1\":\"w\"},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(ChatScan.read(JsonBytes.of(repeated))).isNull(); // left to the tree, which refuses it
    }

    @Test
    void theSameBodyTwiceOnOneThreadGivesTheSameRequest() {
        byte[] body = big(20);
        assertThat(ChatScan.read(JsonBytes.of(body))).isEqualTo(ChatScan.read(JsonBytes.of(body)));
    }
}
