package dev.freeport.server;

import dev.freeport.api.PlainHeaderValue;
import io.netty.util.AsciiString;
import io.vertx.core.http.impl.headers.HeadersMultiMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * What {@link AnswerHead} lets into an answer's head: Vert.x's rule for names and values (the same refusals, with
 * Vert.x's own messages), though a header is checked once at its place and a count's digits not at all.
 */
class AnswerHeadChecksTest {
    private static final String NAME = "x-upstream-echo";

    /** the refusal of Vert.x's own map for the same header (null: it takes it) */
    private static Throwable vertxRefusal(CharSequence name, CharSequence value) {
        return catchThrowable(() -> HeadersMultiMap.httpHeaders().add(name, value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"coder\r\nset-cookie: a=b", "a\nb", "a\rb", "a\r\n", "a\u0000b", "a\u000bb", "a\u001fb",
            "a\u007fb"})
    void aValueWithALineBreakOrAControlCharacterIsRefusedAsVertxRefusesIt(String value) {
        Throwable vertx = vertxRefusal(NAME, value);
        assertThat(vertx).isInstanceOf(IllegalArgumentException.class);
        AnswerHead h = new AnswerHead();
        assertThatThrownBy(() -> h.add(NAME, value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(vertx.getMessage());
        assertThat(h.isEmpty()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\tb", "folded\r\n continued", "folded\r\n\tcontinued", "caf\u00e9", ""})
    void aValueVertxTakesIsTaken(String value) {
        assertThat(vertxRefusal(NAME, value)).isNull();
        AnswerHead h = new AnswerHead();
        h.add(NAME, value);
        assertThat(h.get(NAME)).isEqualTo(value);
    }

    @Test
    void aLineBreakInAPartOfAnAsciiStringsArrayIsRefused() {
        byte[] bytes = "ok\r\nset-cookie: a=b".getBytes(StandardCharsets.US_ASCII);
        AsciiString part = new AsciiString(bytes, 1, 6, false);
        assertThatThrownBy(() -> new AnswerHead().add(NAME, part)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNameVertxRefusesIsRefused() {
        Throwable vertx = vertxRefusal("x bad name", "1");
        assertThat(vertx).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AnswerHead().add("x bad name", "1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(vertx.getMessage());
    }

    @Test
    void aValueThatCanChangeIsCheckedAgainWhenAddedAtTheSamePlaceForTheNextAnswer() {
        AnswerHead h = new AnswerHead();
        StringBuilder value = new StringBuilder("ok");
        h.add(NAME, value);
        h.clear();
        value.append("\r\nset-cookie: a=b");
        assertThatThrownBy(() -> h.add(NAME, value)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStringCheckedForTheLastAnswerIsTakenAgainAtItsPlace() {
        AnswerHead h = new AnswerHead();
        String provider = "fast";
        h.add("x-freeport-provider", provider);
        h.clear();
        h.add("x-freeport-provider", provider);
        assertThat(h.count()).isEqualTo(1);
        assertThat(h.value(0)).isSameAs(provider);
    }

    @Test
    void anEmptiedMapHoldsNothingOfTheLastAnswer() {
        AnswerHead h = new AnswerHead();
        h.add("x-a", "1").add("x-b", "2");
        h.clear();
        h.add("x-c", "3");
        assertThat(h.entries()).hasSize(1);
        assertThat(h.contains("x-a")).isFalse();
        assertThat(h.get("x-c")).isEqualTo("3");
    }

    @Test
    void aPlainValueIsTakenAsItIs() {
        PlainHeaderValue digits = new Plain("12345");
        AnswerHead h = new AnswerHead();
        h.add("x-ratelimit-remaining-requests", digits);
        assertThat(h.value(0)).isSameAs(digits);
    }

    @Test
    void setOfANameNotThereAddsItLastAndSetOfOneThereReplacesEveryValue() {
        AnswerHead h = new AnswerHead();
        h.add("x-a", "1").add("X-B", "2").add("x-b", "3").set("x-c", "4").set("x-B", "5");
        assertThat(h.entries()).extracting(e -> e.getKey() + "=" + e.getValue())
                .containsExactly("x-a=1", "x-c=4", "x-B=5");
    }

    @Test
    void setFindsAnAsciiStringNameWrittenInAnotherCase() {
        AnswerHead h = new AnswerHead();
        h.add(AsciiString.of("X-RateLimit-Limit-Requests"), "1").add(AsciiString.of("x-other"), "2")
                .set(AsciiString.of("x-ratelimit-limit-requests"), "3");
        assertThat(h.entries()).extracting(e -> e.getKey() + "=" + e.getValue())
                .containsExactly("x-other=2", "x-ratelimit-limit-requests=3");
    }

    private record Plain(String digits) implements PlainHeaderValue {
        @Override
        public int length() {
            return digits.length();
        }

        @Override
        public char charAt(int index) {
            return digits.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return digits.subSequence(start, end);
        }

        @Override
        public String toString() {
            return digits;
        }
    }
}
