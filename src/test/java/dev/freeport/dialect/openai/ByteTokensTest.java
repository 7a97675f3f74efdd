package dev.freeport.dialect.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.freeport.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A body's tokens read from its bytes: the tokens, names, texts and number types Jackson's parser reads; where the
 * parser refuses the bytes, the byte reader gives up too (and where it is unsure, it gives up: the tree decides).
 */
class ByteTokensTest {

    /** Each token as text: its kind and what the scan reads of it. */
    private static List<String> jackson(byte[] json) throws IOException {
        List<String> out = new ArrayList<>();
        try (JsonParser p = Json.MAPPER.getFactory().createParser(json)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                out.add(switch (t) {
                    case FIELD_NAME -> t + " " + p.currentName();
                    case VALUE_STRING -> t + " " + p.getText();
                    case VALUE_NUMBER_INT -> t + " " + p.getText() + " " + p.getLongValue();
                    case VALUE_NUMBER_FLOAT -> t + " " + p.getDecimalValue();
                    default -> t.toString();
                });
            }
        }
        return out;
    }

    private static List<String> bytes(byte[] json) {
        List<String> out = new ArrayList<>();
        ByteTokens p = new ByteTokens(json, 0, json.length);
        for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
            out.add(switch (t) {
                case FIELD_NAME -> t + " " + p.currentName();
                case VALUE_STRING -> t + " " + p.getText();
                case VALUE_NUMBER_INT -> t + " " + p.getText() + " " + p.getLongValue();
                case VALUE_NUMBER_FLOAT -> t + " " + p.getDecimalValue();
                default -> t.toString();
            });
        }
        p.release();
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":64}",
            " {\"a\" : [ 1 , -0 , 0 , -12 , 123456789012345678 , true , false , null , {} , [] ] }\n",
            "{\"t\":0.7,\"e\":1e5,\"E\":-2.5E-3,\"p\":1E+2,\"z\":0.0}",
            "{\"s\":\"esc \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\ud83d\\ude00 \\uD800 end\"}",
            "{\"s\":\"raw déjà 日本語 😀 \u007f\",\"名前\":\"v\",\"ключ\":1}",
            "{\"long\":\"0123456789012345678901234567890123456789012345678901234567890123456789"
                    + "0123456789012345678901234567890123456789\"}",
            "{\"unknown_name\":{\"$schema\":\"x\",\"deep\":[[[{\"a\":[]}]]]}}",
    })
    void theBytesGiveTheParsersTokens(String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        assertThat(bytes(b)).isEqualTo(jackson(b));
    }

    @Test
    void aStringDecodesAsTheParserDecodesItWithAnEscapeOrAMultiByteCharacterAtEveryPositionUpToFortyBytes()
            throws IOException {
        String[] pieces = {"\\\"", "\\\\", "\\n", "\\u00e9", "\u00e9", "\u65e5", "\ud83d\ude00", "\u007f"};
        for (int length = 0; length <= 40; length++) {
            for (int at = 0; at <= length; at++) {
                for (String piece : pieces) {
                    String text = "a".repeat(at) + piece + "z".repeat(length - at);
                    byte[] b = ("{\"s\":\"" + text + "\",\"t\":\"" + "b".repeat(length) + "\"}")
                            .getBytes(StandardCharsets.UTF_8);
                    assertThat(bytes(b)).as(text).isEqualTo(jackson(b));
                }
            }
        }
    }

    @Test
    void aControlCharacterAfterAPlainRunIsGivenUpAtEveryPosition() {
        for (int at = 0; at <= 40; at++) {
            byte[] b = ("{\"s\":\"" + "a".repeat(at) + "\t" + "z".repeat(9) + "\"}").getBytes(StandardCharsets.UTF_8);
            boolean gaveUp = false;
            try {
                bytes(b);
            } catch (RuntimeException e) {
                gaveUp = true;
            }
            assertThat(gaveUp).as("a tab after %d plain bytes", at).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":-}", "{\"a\":1e}", "{\"a\":+1}", "{\"a\":NaN}",
            "{\"a\":truex}", "{\"a\":nul}", "{\"a\":\"tab\there\"}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12g4\"}",
            "{\"a\":1,}", "{,\"a\":1}", "{\"a\" 1}", "{\"a\":1 \"b\":2}", "[1,]", "{\"a\":\"open}", "{\"a\":[1}",
            "{'a':1}", "{a:1}", "{\"a\":1}}", "{\"a\":1} 2",
    })
    void bytesTheParserRefusesAreGivenUp(String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        boolean parserRefuses;
        try {
            jackson(b);
            parserRefuses = false;
        } catch (IOException e) {
            parserRefuses = true;
        }
        boolean bytesGiveUp;
        try {
            bytes(b);
            bytesGiveUp = false;
        } catch (RuntimeException e) {
            bytesGiveUp = true;
        }
        assertThat(bytesGiveUp).as(json).isTrue();
        if (!json.endsWith(" 2")) { // two root values: the parser reads both, the scan wants one
            assertThat(parserRefuses).as(json).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"n\\u0061me\":1}", "{\"a\":1234567890123456789}", "\uFEFF{\"a\":1}"})
    void whatTheByteReaderIsUnsureOfIsGivenUp(String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ByteTokens p = new ByteTokens(b, 0, b.length);
        boolean gaveUp = false;
        try {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.VALUE_NUMBER_INT) {
                    p.getLongValue();
                }
            }
        } catch (RuntimeException e) {
            gaveUp = true;
        }
        assertThat(gaveUp).as(json).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {0xc0, 0xc3, 0xed, 0xf5, 0xff})
    void bytesThatAreNotUtf8AreGivenUp(int lead) {
        byte[] b = "{\"a\":\"xxx\"}".getBytes(StandardCharsets.US_ASCII);
        b[6] = (byte) lead;
        b[7] = (byte) (lead == 0xed ? 0xa0 : lead == 0xc0 ? 0x80 : 'x');
        b[8] = (byte) (lead == 0xed ? 0x80 : 'x');
        ByteTokens p = new ByteTokens(b, 0, b.length);
        boolean gaveUp = false;
        try {
            while (p.nextToken() != null) {
                continue;
            }
        } catch (RuntimeException e) {
            gaveUp = true;
        }
        assertThat(gaveUp).isTrue();
    }
}
