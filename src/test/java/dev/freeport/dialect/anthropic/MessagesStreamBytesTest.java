package dev.freeport.dialect.anthropic;

import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;
import dev.freeport.provider.StreamItem;
import dev.freeport.provider.openai.Wire;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The translation of an OpenAI stream read from its chunks' bytes ({@link MessagesStreamEncoder#onChunk(byte[], int,
 * int, dev.freeport.api.Usage)}) writes exactly the bytes the translation of the chunks' trees writes: every recorded
 * OpenAI stream, decoded by the real stream decoder, through both.
 */
class MessagesStreamBytesTest {

    /** The caller's bytes for a decoded stream, each byte chunk read from its bytes where the encoder can. */
    static byte[] fromBytes(List<StreamItem> items, long hint) {
        MessagesStreamEncoder enc = new MessagesStreamEncoder("smart", hint);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (StreamItem item : items) {
            if (item instanceof StreamItem.Chunk c && c.array() != null && c.facts() != null
                    && enc.onChunk(c.array(), c.offset(), c.offset() + c.length(), c.facts().usage())) {
                out.write(enc.written(), 0, enc.writtenLength());
            } else {
                each(enc, item, out);
            }
        }
        return out.toByteArray();
    }

    /** The caller's bytes for a decoded stream, every chunk read from its tree (as before byte reading). */
    static byte[] fromTrees(List<StreamItem> items, long hint) {
        MessagesStreamEncoder enc = new MessagesStreamEncoder("smart", hint);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (StreamItem item : items) {
            each(enc, item, out);
        }
        return out.toByteArray();
    }

    private static void each(MessagesStreamEncoder enc, StreamItem item, ByteArrayOutputStream out) {
        List<Buffer> frames = switch (item) {
            case StreamItem.Chunk c -> enc.onChunk(c.chunk());
            case StreamItem.Failed f -> List.of(enc.onError(new GatewayError(ErrorKind.UPSTREAM_ERROR, 502,
                    f.failure().message(), null, "stream_interrupted", null)));
            case StreamItem.End e -> enc.onEnd();
            default -> List.of();
        };
        frames.forEach(b -> out.writeBytes(b.getBytes()));
    }

    /** Random ids (a stream without one) made the same, so two runs compare. */
    private static String normalized(byte[] sse) {
        return new String(sse, StandardCharsets.UTF_8).replaceAll("(msg_|toolu_)[0-9a-f]{32}", "$1random");
    }

    private static void assertSame(byte[] stream, String name) {
        byte[] trees = fromTrees(Wire.decode(Wire.codec("openai"), stream), 7);
        byte[] bytes = fromBytes(Wire.decode(Wire.codec("openai"), stream), 7);
        assertThat(normalized(bytes)).as(name).isEqualTo(normalized(trees));
        assertThat(trees.length).as(name).isGreaterThan(0);
    }

    private static List<Path> recordedStreams() throws IOException, URISyntaxException {
        List<Path> out = new ArrayList<>();
        for (String dir : List.of("/wire/openai", "/wire/anthropic-front/stream")) {
            Path root = Path.of(MessagesStreamBytesTest.class.getResource(dir).toURI());
            try (Stream<Path> files = Files.list(root)) {
                files.filter(p -> p.toString().endsWith(".sse")).sorted().forEach(out::add);
            }
        }
        return out;
    }

    @Test
    void everyRecordedOpenAiStreamTranslatesToTheSameBytesFromItsChunksBytesAsFromTheirTrees() throws Exception {
        List<Path> streams = recordedStreams();
        assertThat(streams).hasSizeGreaterThanOrEqualTo(15);
        for (Path p : streams) {
            assertSame(Files.readAllBytes(p), p.getFileName().toString());
        }
    }

    @Test
    void everyRecordedStreamIsReadFromItsBytesExceptChunksWithAnError() throws Exception {
        int read = 0;
        for (Path p : recordedStreams()) {
            MessagesStreamEncoder enc = new MessagesStreamEncoder("smart");
            for (StreamItem item : Wire.decode(Wire.codec("openai"), Files.readAllBytes(p))) {
                if (item instanceof StreamItem.Chunk c && c.array() != null && c.facts() != null) {
                    assertThat(enc.onChunk(c.array(), c.offset(), c.offset() + c.length(), c.facts().usage()))
                            .as(p.getFileName().toString()).isTrue();
                    read++;
                }
            }
        }
        assertThat(read).isGreaterThan(50);
    }

    private static byte[] sse(String... chunks) {
        StringBuilder s = new StringBuilder();
        for (String c : chunks) {
            s.append("data: ").append(c).append("\n\n");
        }
        return s.append("data: [DONE]\n\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void textWithEveryKindOfEscapeIsWrittenAsJacksonWritesIt() {
        assertSame(sse("{\"id\":\"chatcmpl-e\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\\n\\t\\r\\\"q\\\\\"}}]}",
                "{\"id\":\"chatcmpl-e\",\"choices\":[{\"delta\":{\"content\":\"\\/ \\u00e9 \\ud83d\\ude00 \\b\\f \\u0001\"}}]}",
                "{\"id\":\"chatcmpl-e\",\"choices\":[{\"delta\":{\"content\":\"é ünïcödé 😀\"},\"finish_reason\":\"stop\"}]}"),
                "escapes");
    }

    @Test
    void toolCallsWithoutIdsOrIndexesAndWithEscapedArgumentsTranslateTheSame() {
        assertSame(sse("{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"function\":"
                        + "{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\"}}]}}]}",
                "{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":"
                        + "{\"arguments\":\"\\\"Paris\\\\u00e9\\\"}\"}}]}}]}",
                "{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"id\":\"call_2\","
                        + "\"type\":\"function\",\"function\":{\"name\":\"n\\u00e9\",\"arguments\":\"\"}},"
                        + "{\"index\":2,\"id\":\"call_3\",\"function\":{\"name\":\"x\",\"arguments\":\"{}\"}}]}}]}",
                "{\"id\":\"c\",\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\",\"index\":0}]}",
                "{\"id\":\"c\",\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":3,"
                        + "\"prompt_tokens_details\":{\"cached_tokens\":2}}}"),
                "tools");
    }

    @Test
    void reasoningUnderEitherNameAndAMatchedStopStringTranslateTheSame() {
        assertSame(sse("{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"reasoning\":\"think\"}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":null,\"reasoning\":\" more\"}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"!\",\"content\":\"hi\"}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},\"finish_reason\":\"stop\","
                        + "\"stop_reason\":\"END\"}]}"),
                "reasoning");
    }

    @Test
    void chunksTheByteReaderLeavesToTheTreeTranslateTheSame() {
        assertSame(sse("{\"id\":\"t\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}},"
                        + "{\"index\":1,\"delta\":{\"content\":\"b\"}}]}",
                "{\"id\":\"t\",\"choices\":[{\"index\":0,\"delta\":{\"cont\\u0065nt\":\"c\"}}]}",
                "{\"id\":\"t\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":-1,\"id\":\"k\","
                        + "\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}}]}",
                "{\"id\":\"t\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\","
                        + "\"stop_reason\":17}]}"),
                "left to the tree");
    }

    @Test
    void repeatedMembersCountWithTheirLastValueAsInTheTree() {
        assertSame(sse("{\"id\":\"r\",\"choices\":[{\"delta\":{\"content\":\"a\",\"content\":\"b\"}}]}",
                "{\"id\":\"r\",\"choices\":[{\"delta\":{\"content\":\"gone\"},\"delta\":{\"reasoning\":\"r\"}}]}",
                "{\"id\":\"r\",\"choices\":[{\"delta\":{\"content\":\"gone\"},\"delta\":null}]}",
                "{\"id\":\"r\",\"choices\":[{\"delta\":{\"content\":\"gone\"}}],\"choices\":[{\"delta\":{}}]}",
                "{\"id\":\"r\",\"choices\":[{\"delta\":{\"content\":\"c\"},\"finish_reason\":\"stop\"}]}"),
                "repeated members");
    }

    @Test
    void aStreamCutAfterItsTextTranslatesTheSame() {
        byte[] whole = sse("{\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"par\"}}]}",
                "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}");
        assertSame(whole, "in-band error");
    }

    @Test
    void malformedUtf8InATextDeltaReachesTheCallerAsReplacementCharactersNeverAsItsOwnBytes() throws Exception {
        byte[][] malformed = {{(byte) 0xC3}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xC0, (byte) 0xAF},
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0x80}, {(byte) 0xF8}};
        for (byte[] bad : malformed) {
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            stream.writeBytes("data: {\"id\":\"u\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a"
                    .getBytes(StandardCharsets.US_ASCII));
            stream.writeBytes(bad);
            stream.writeBytes("z \u00e9\"}}]}\n\ndata: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            byte[] out = fromBytes(Wire.decode(Wire.codec("openai"), stream.toByteArray()), 7);
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(out)).toString(); // throws on any byte that is not UTF-8
            assertThat(text).as("%02x", bad[0]).contains("\"text\":\"a\uFFFD").contains("z \u00e9\"");
        }
    }

    @Test
    void wellFormedTwoAndThreeByteCharactersAreCopiedFromTheChunksBytes() {
        byte[] stream = sse("{\"id\":\"w\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"é € ߿ ퟿ \"}}]}");
        MessagesStreamEncoder enc = new MessagesStreamEncoder("smart");
        for (StreamItem item : Wire.decode(Wire.codec("openai"), stream)) {
            if (item instanceof StreamItem.Chunk c && c.array() != null && c.facts() != null) {
                assertThat(enc.onChunk(c.array(), c.offset(), c.offset() + c.length(), c.facts().usage())).isTrue();
                assertThat(new String(enc.written(), 0, enc.writtenLength(), StandardCharsets.UTF_8))
                        .contains("é € ߿ ퟿ ");
            }
        }
        assertSame(stream, "two and three bytes");
    }
}
