package dev.freeport.dialect.openai;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.freeport.json.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The caller's model name as the JSON string spliced into answers and chunks. */
class ModelFieldTest {

    @ParameterizedTest
    @ValueSource(strings = {"my-alias", "", "gpt-4o/mini:2024", "a\"b", "back\\slash", "tab\there", "müller", "名前",
            "\u007f", "emoji \uD83D\uDE00"})
    void quotedIsTheJsonStringJacksonWrites(String model) {
        assertThat(ModelField.quoted(model)).isEqualTo(Json.bytes(TextNode.valueOf(model)));
    }
}
