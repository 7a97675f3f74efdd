package dev.freeport.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link JsonChars#compact} is the length of the tree's {@code toString()} and {@link JsonChars#compactUtf8} its UTF-8
 * bytes, on every recorded wire file and at the edges.
 */
class JsonCharsTest {

    @Test
    void everyRecordedJsonWireFileCountsAsItsCompactJson() throws IOException {
        List<Path> files;
        try (Stream<Path> all = Files.walk(Path.of("src/test/resources/wire"))) {
            files = all.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        List<String> wrong = new ArrayList<>();
        for (Path f : files) {
            JsonNode tree = Json.MAPPER.readTree(f.toFile());
            String written = tree.toString();
            if (JsonChars.compact(tree) != written.length()
                    || JsonChars.compactUtf8(tree) != written.getBytes(StandardCharsets.UTF_8).length) {
                wrong.add(f.toString());
            }
        }
        assertThat(files).hasSizeGreaterThan(50);
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyControlCharacterQuoteBackslashAndNonAsciiCharacterCountsAsJacksonEscapesIt() {
        StringBuilder s = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            s.append(c);
        }
        s.append("é€\u2028\u2029\ud83d\ude00\u007f/");
        ArrayNode node = Json.NODES.arrayNode().add(s.toString());
        node.addObject().put(s.toString(), "\"\\\n");
        assertThat(JsonChars.compact(node)).isEqualTo(node.toString().length());
        assertThat(JsonChars.compactUtf8(node)).isEqualTo(node.toString().getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void numbersOfEveryKindCountAsJacksonWritesThem() {
        ArrayNode node = Json.NODES.arrayNode().add(0).add(-7).add(123456789).add(Long.MIN_VALUE).add(Long.MAX_VALUE)
                .add(Integer.MIN_VALUE).add(0.1).add(-0.0).add(1.5e300).add(2.5f)
                .add(new BigInteger("123456789012345678901234567890")).add(new BigDecimal("1.50E+3"))
                .add(true).add(false).addNull();
        node.addObject();
        node.addArray();
        assertThat(JsonChars.compact(node)).isEqualTo(node.toString().length());
        assertThat(JsonChars.compactUtf8(node)).isEqualTo(node.toString().length());
    }
}
