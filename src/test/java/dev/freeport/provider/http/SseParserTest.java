package dev.freeport.provider.http;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The byte-level SSE parser against the WHATWG line rules, fed in every possible split. */
class SseParserTest {
    private static final String STREAM = ": comment\r\n"
            + "event: ping\r\n"
            + "data: first\n"
            + "\n"
            + "data:second\r"
            + "data:  two lines ü\r"
            + "\r"
            + "id: 7\n"
            + "data\n"
            + "\n"
            + "data: {\"a\":1}\r\n\r\n"
            + "data: unterminated";

    private static final List<SseEvent> EXPECTED = List.of(
            new SseEvent("ping", "first"),
            new SseEvent(null, "second\n two lines ü"),
            new SseEvent(null, ""),
            new SseEvent(null, "{\"a\":1}"),
            new SseEvent(null, "unterminated"));

    private static List<SseEvent> parse(byte[] bytes, int... cuts) {
        List<SseEvent> out = new ArrayList<>();
        SseParser p = new SseParser(out::add);
        int from = 0;
        for (int cut : cuts) {
            p.feed(bytes, from, cut);
            from = cut;
        }
        p.feed(bytes, from, bytes.length);
        p.finish();
        return out;
    }

    @Test
    void readsEventsDataLinesCommentsAndEveryLineEnding() {
        assertThat(parse(STREAM.getBytes(StandardCharsets.UTF_8))).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void givesTheSameEventsWhereverTheInputIsCut() {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        for (int a = 0; a <= bytes.length; a++) {
            assertThat(parse(bytes, a)).as("cut at %d", a).containsExactlyElementsOf(EXPECTED);
        }
    }

    @Test
    void givesTheSameEventsFedOneByteAtATime() {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        int[] cuts = new int[bytes.length - 1];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = i + 1;
        }
        assertThat(parse(bytes, cuts)).containsExactlyElementsOf(EXPECTED);
    }
}
