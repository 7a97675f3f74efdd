package dev.freeport.provider.openai;

import dev.freeport.provider.StreamItem;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The decoder behind {@link dev.freeport.provider.http.SseParser} must not care where the network splits bytes. */
class OpenAiSseFramingTest {

    private static final List<String> FILES = List.of("stream-usage.sse", "stream-parallel-tools.sse",
            "deepseek-reasoner.sse", "qwen-stream.sse", "kimi-stream.sse", "openrouter-inband-error.sse");

    private static String render(List<StreamItem> items) {
        StringBuilder sb = new StringBuilder();
        for (StreamItem it : items) {
            sb.append(it instanceof StreamItem.Chunk c ? c.chunk().toString() : it.toString()).append('\n');
        }
        return sb.toString();
    }

    @Test
    void everyTwoWaySplitGivesTheSameItems() {
        for (String file : FILES) {
            byte[] data = Wire.bytes(file);
            String whole = render(Wire.decode(Wire.codec("moonshot"), data));
            // dense stride for the tool-call file, a sparser odd one elsewhere (still cuts CR/LF, UTF-8, names)
            int stride = file.equals("stream-parallel-tools.sse") ? 3 : 17;
            for (int cut = 1; cut < data.length; cut += stride) {
                assertThat(render(Wire.decode(Wire.codec("moonshot"), data, cut, data.length)))
                        .as("%s cut at %d", file, cut).isEqualTo(whole);
            }
        }
    }

    @Test
    void singleBytesAndRandomPiecesGiveTheSameItems() {
        Random random = new Random(42);
        for (String file : FILES) {
            byte[] data = Wire.bytes(file);
            String whole = render(Wire.decode(Wire.codec("openai"), data));
            assertThat(render(Wire.decode(Wire.codec("openai"), data, 1))).as(file).isEqualTo(whole);
            int[] sizes = random.ints(64, 1, 40).toArray();
            assertThat(render(Wire.decode(Wire.codec("openai"), data, sizes))).as(file).isEqualTo(whole);
        }
    }

    @Test
    void crlfLineEndsDecodeLikeLf() {
        byte[] lf = Wire.bytes("stream-parallel-tools.sse");
        byte[] crlf = new String(lf, StandardCharsets.UTF_8).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        String expected = render(Wire.decode(Wire.codec("openai"), lf));
        for (int cut = 1; cut < crlf.length; cut += 23) {
            assertThat(render(Wire.decode(Wire.codec("openai"), crlf, cut, crlf.length))).isEqualTo(expected);
        }
    }

    @Test
    void commentsBetweenEventsAreIgnored() {
        String sse = ": OPENROUTER PROCESSING\n\n: keep-alive\n"
                + "data: {\"id\":\"a\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}]}\n"
                + ": mid-event comment\n\n"
                + "data: [DONE]\n\n";
        List<StreamItem> items = Wire.decode(Wire.codec("openrouter"), sse.getBytes(StandardCharsets.UTF_8), 3);
        assertThat(Wire.chunks(items)).hasSize(1);
        assertThat(items.getLast()).isEqualTo(StreamItem.END);
    }

    @Test
    void multiLineDataJoinsIntoOneChunk() {
        String sse = "data: {\"id\":\"a\",\n"
                + "data:  \"choices\":[{\"index\":0,\"delta\":{\"content\":\"é😀\"}}]}\n\n"
                + "data: [DONE]\n\n";
        List<StreamItem> items = Wire.decode(Wire.codec("openai"), sse.getBytes(StandardCharsets.UTF_8), 1);
        assertThat(Wire.chunks(items)).singleElement()
                .satisfies(c -> assertThat(c.at("/choices/0/delta/content").asText()).isEqualTo("é😀"));
        assertThat(items.getLast()).isEqualTo(StreamItem.END);
    }

    @Test
    void doneWithoutTrailingBlankLineStillEnds() {
        byte[] sse = "data: {\"id\":\"a\",\"choices\":[]}\n\ndata: [DONE]".getBytes(StandardCharsets.UTF_8);
        assertThat(Wire.decode(Wire.codec("openai"), sse).getLast()).isEqualTo(StreamItem.END);
    }
}
