package dev.freeport.json;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A large edited body goes out as the received bytes around the changes: the same bytes as the copy, not copied;
 * written into the client's own buffer, the same bytes again, with no buffer of its own.
 */
class SplicedBytesTest {
    private static final byte[] QUOTED = "\"up-model\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] OPTION = "\"stream_options\":{\"include_usage\":true}"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** The OpenAI chat bodies the coding agents sent (recorded in src/test/resources/wire/agents), as sent. */
    static List<byte[]> recordedChatBodies() throws IOException {
        List<byte[]> bodies = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources/wire/agents"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                var wire = Json.MAPPER.readTree(f.toFile());
                if ("/v1/chat/completions".equals(wire.path("path").asText()) && wire.has("body")) {
                    bodies.add(Json.bytes(wire.get("body")));
                }
            }
        }
        assertThat(bodies).hasSizeGreaterThanOrEqualTo(5);
        return bodies;
    }

    /** The edits the OpenAI codec makes, one set per index. */
    private static JsonMembers.Edit edit(JsonMembers m, int kind) {
        JsonMembers.Edit e = m.edit();
        int model = m.find("model");
        if (model >= 0) {
            e.value(model, QUOTED);
        }
        int stream = m.find("stream");
        int options = m.find("stream_options");
        switch (kind) {
            case 1 -> {
                if (stream >= 0) {
                    e.cut(stream);
                }
                if (options >= 0) {
                    e.cut(options);
                }
            }
            case 2 -> e.add(OPTION);
            case 3 -> {
                int first = 0;
                e.rename(first, "\"renamed\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                e.cut(m.count() - 1);
            }
            default -> {
            }
        }
        return e;
    }

    @Test
    void everyRecordedBodyIsWrittenAsTheSameBytesSplicedOrCopied() throws IOException {
        for (byte[] body : recordedChatBodies()) {
            JsonMembers m = JsonMembers.scan(JsonBytes.of(body));
            assertThat(m).isNotNull();
            for (int kind = 0; kind < 4; kind++) {
                Buffer copied = edit(m, kind).write(Integer.MAX_VALUE);
                Buffer spliced = edit(m, kind).write(0);
                assertThat(spliced.getBytes()).as("edit " + kind).isEqualTo(copied.getBytes());
                assertThat(spliced.length()).isEqualTo(copied.length());
            }
        }
    }

    @Test
    void everyRecordedBodyWritesItselfIntoAGivenBufferAsTheSameBytesItsCopyHoldsEachTime() throws IOException {
        for (byte[] body : recordedChatBodies()) {
            JsonMembers m = JsonMembers.scan(JsonBytes.of(body));
            for (int kind = 0; kind < 4; kind++) {
                JsonMembers.Edit e = edit(m, kind);
                byte[] copied = e.write(Integer.MAX_VALUE).getBytes();
                assertThat(e.length()).as("edit " + kind).isEqualTo(copied.length);
                for (int time = 0; time < 2; time++) { // a retry writes the same body again
                    io.netty.buffer.ByteBuf out = io.netty.buffer.Unpooled.directBuffer();
                    try {
                        out.writeByte('>');
                        e.writeTo(out);
                        assertThat(out.readableBytes()).isEqualTo(1 + copied.length);
                        assertThat(io.netty.buffer.ByteBufUtil.getBytes(out, 1, copied.length))
                                .as("edit " + kind + ", write " + time).isEqualTo(copied);
                    } finally {
                        out.release();
                    }
                }
            }
        }
    }

    @Test
    void aLargeBodyWrittenIntoTheClientsBufferAllocatesNoCopyOfItself() throws IOException {
        byte[] body = recordedChatBodies().stream().max(java.util.Comparator.comparingInt(b -> b.length))
                .orElseThrow();
        assertThat(perWrite(body)).isLessThan(200); // the composite's objects: 608 B; a copy: the body's size and more
    }

    @Test
    void aSmallBodyWrittenIntoTheClientsBufferAllocatesNoCopyOfItself() {
        byte[] body = ("{\"model\":\"bench\",\"stream\":false,\"messages\":[{\"role\":\"system\",\"content\":"
                + "\"You are terse.\"},{\"role\":\"user\",\"content\":\"Give me one sentence about gateways and "
                + "latency.\"}],\"max_tokens\":64}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(perWrite(body)).isLessThan(200); // its copy: 600 B (the array, the buffer and its ByteBuf)
    }

    /** Bytes allocated per edit of {@code body}'s model, its length asked and the body written into one buffer. */
    private static long perWrite(byte[] body) {
        JsonMembers m = JsonMembers.scan(JsonBytes.of(body));
        int model = m.find("model");
        io.netty.buffer.ByteBuf out = io.netty.buffer.Unpooled.directBuffer(body.length + 64);
        try {
            long sink = 0;
            for (int i = 0; i < 20_000; i++) {
                sink += writeOnce(m, model, out);
            }
            var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
            int n = 20_000;
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < n; i++) {
                sink += writeOnce(m, model, out);
            }
            long per = (threads.getCurrentThreadAllocatedBytes() - before) / n;
            System.out.printf("written body: %d bytes allocated per edit, length and write of a %d-byte body%n",
                    per, body.length);
            assertThat(sink).isPositive();
            return per;
        } finally {
            out.release();
        }
    }

    private static int writeOnce(JsonMembers m, int model, io.netty.buffer.ByteBuf out) {
        JsonMembers.Edit e = m.edit().value(model, QUOTED);
        int length = e.length();
        out.clear();
        e.writeTo(out);
        return length + out.readableBytes();
    }

    @Test
    void aLargeBodyWithItsModelReplacedIsNotCopied() throws IOException {
        byte[] body = recordedChatBodies().stream().max(java.util.Comparator.comparingInt(b -> b.length))
                .orElseThrow();
        JsonMembers m = JsonMembers.scan(JsonBytes.of(body));
        int model = m.find("model");
        long sink = 0;
        for (int i = 0; i < 20_000; i++) {
            sink += m.edit().value(model, QUOTED).write().length();
        }
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        int n = 20_000;
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < n; i++) {
            sink += m.edit().value(model, QUOTED).write().length();
        }
        long per = (threads.getCurrentThreadAllocatedBytes() - before) / n;
        System.out.printf("spliced body: %d bytes allocated per write of a %d-byte body%n", per, body.length);
        assertThat(sink).isPositive();
        assertThat(per).isLessThan(1_500); // copied: the body's size and more
    }
}
