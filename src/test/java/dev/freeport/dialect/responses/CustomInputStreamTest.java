package dev.freeport.dialect.responses;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A custom tool's raw input decoded out of its JSON arguments, fragment by fragment. */
class CustomInputStreamTest {

    private static String feedAll(CustomInputStream s, String... fragments) {
        StringBuilder out = new StringBuilder();
        for (String f : fragments) {
            out.append(s.feed(f));
        }
        return out.toString();
    }

    @Test
    void whitespaceAroundTheKeyIsAccepted() {
        CustomInputStream s = new CustomInputStream();
        assertThat(feedAll(s, " { \"input\" ", ":  \"a\\tb\"}")).isEqualTo("a\tb");
        assertThat(s.finish()).containsExactly("a\tb", "");
    }

    @Test
    void argumentsOfAnotherShapeStreamNothingAndFinishWithTheWholeInput() {
        CustomInputStream s = new CustomInputStream();
        assertThat(feedAll(s, "{\"patch\":", "\"x y\"}")).isEmpty();
        assertThat(s.finish()).containsExactly("x y", "x y");
    }

    @Test
    void plainTextArgumentsAreTheInputItself() {
        CustomInputStream s = new CustomInputStream();
        assertThat(feedAll(s, "*** Begin", " Patch")).isEmpty();
        assertThat(s.finish()).containsExactly("*** Begin Patch", "*** Begin Patch");
    }

    @Test
    void aSurrogatePairSplitAcrossFragmentsIsHeldUntilComplete() {
        CustomInputStream s = new CustomInputStream();
        assertThat(s.feed("{\"input\":\"\\ud83d")).isEmpty();
        assertThat(s.feed("\\ude00\"}")).isEqualTo("\uD83D\uDE00");
    }

    @Test
    void keyWithASpaceInsideIsNotTheInputKey() {
        CustomInputStream s = new CustomInputStream();
        assertThat(feedAll(s, "{\"in put\":\"x\"}")).isEmpty();
    }
}
