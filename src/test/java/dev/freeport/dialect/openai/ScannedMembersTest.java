package dev.freeport.dialect.openai;

import dev.freeport.api.ChatRequest;
import dev.freeport.json.JsonBytes;
import dev.freeport.json.JsonMembers;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The root members' boundaries the one-pass scan finds on its way ({@link ByteTokens#members}) are the ones the
 * second pass over the body ({@link JsonMembers#scan}) finds: every member cut or kept gives the same bytes, on every
 * recorded chat body and on bodies with spaces, nested values and scalars of every kind last.
 */
class ScannedMembersTest {

    private static List<byte[]> bodies() throws IOException {
        List<byte[]> out = new ArrayList<>();
        try (Stream<Path> all = Files.walk(Path.of("src/test/resources"))) {
            for (Path f : all.filter(p -> p.toString().endsWith(".json")).toList()) {
                byte[] body = ChatScanParityTest.captured(Files.readAllBytes(f));
                if (new String(body, StandardCharsets.UTF_8).contains("\"messages\"")) {
                    out.add(body);
                }
            }
        }
        for (String body : List.of(
                " {\n  \"model\" : \"m\" ,\n  \"messages\" :[ {\"role\":\"user\",\"content\":\"x\"} ] , \"n\" : 1 }\n",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stream_options\":{\"include_usage\":true},"
                        + "\"model\":\"m\",\"stream\":false}",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"\\\"}]\"}],\"user\":null}",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stop\":[\"a\"],\"seed\":-12}")) {
            out.add(body.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void theMembersFoundOnTheWayCutAndKeepAsTheSecondPassesMembers() throws IOException {
        int compared = 0;
        for (byte[] body : bodies()) {
            JsonBytes bytes = JsonBytes.of(body);
            ChatRequest scanned = ChatScan.read(bytes);
            if (scanned == null) {
                continue; // left to the tree, which scans its members as before
            }
            String what = new String(body, StandardCharsets.UTF_8);
            JsonMembers onTheWay = scanned.sent();
            JsonMembers secondPass = JsonMembers.scan(bytes);
            assertThat(onTheWay.count()).as(what).isEqualTo(secondPass.count());
            assertThat(onTheWay.edit().write().toString(StandardCharsets.UTF_8)).isEqualTo(what);
            for (int i = 0; i < secondPass.count(); i++) {
                assertThat(onTheWay.edit().cut(i).write().toString(StandardCharsets.UTF_8)).as("%s cut %d", what, i)
                        .isEqualTo(secondPass.edit().cut(i).write().toString(StandardCharsets.UTF_8));
                assertThat(onTheWay.edit().value(i, new byte[] {'0'}).write().toString(StandardCharsets.UTF_8))
                        .as("%s value %d", what, i)
                        .isEqualTo(secondPass.edit().value(i, new byte[] {'0'}).write().toString(StandardCharsets.UTF_8));
            }
            compared++;
        }
        assertThat(compared).isGreaterThan(25);
    }
}
