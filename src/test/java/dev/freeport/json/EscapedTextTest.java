package dev.freeport.json;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Text kept as escaped JSON string contents, decoded when asked. */
class EscapedTextTest {

    private static void add(EscapedText t, String escaped) {
        byte[] b = escaped.getBytes(StandardCharsets.UTF_8);
        t.appendEscaped(b, 0, b.length);
    }

    @Test
    void piecesDecodeToTheirTextWithEscapesAndPlainText() {
        EscapedText t = new EscapedText();
        add(t, "a\\\"b\\n");
        t.append("ü \"q\"");
        add(t, "\\u00e9");
        assertThat(t.toString()).isEqualTo("a\"b\nü \"q\"é");
    }

    @Test
    void anEscapedPairSplitOverTwoPiecesIsOneCharacter() {
        EscapedText t = new EscapedText();
        add(t, "x\\ud83d");
        add(t, "\\ude00");
        assertThat(t.toString()).isEqualTo("x\uD83D\uDE00");
    }

    @Test
    void nothingAppendedIsTheEmptyText() {
        assertThat(new EscapedText().toString()).isEmpty();
        assertThat(new EscapedText().isEmpty()).isTrue();
    }
}
