package dev.freeport.dialect.openai;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A chat.completion answer read from its bytes without a parser: what the parser's reading gives, for every
 * recorded answer and the corner cases; where the byte reader is unsure, the parser decides.
 */
class AnswerBytesTest {
    /** the benchmark upstream's answer (FakeUpstream, 20 words) */
    static final byte[] BENCH = ("{\"id\":\"chatcmpl-fake-1\",\"object\":\"chat.completion\",\"created\":1764900000,"
            + "\"model\":\"bench-upstream\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
            + "\"alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau "
            + "upsilon\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":20,"
            + "\"total_tokens\":32}}").getBytes(StandardCharsets.UTF_8);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void sameAsParser(byte[] json, boolean readByBytes) {
        AnswerScan.Answer parsed = AnswerScan.parsed(json, 0, json.length);
        AnswerScan.Answer bytes = AnswerBytes.read(json, 0, json.length);
        if (readByBytes) {
            assertThat(bytes).isNotNull();
        }
        if (bytes != null) {
            assertThat(bytes).isEqualTo(parsed);
        }
        assertThat(AnswerScan.scan(json)).isEqualTo(parsed);
    }

    static Stream<Path> recordedAnswers() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources/wire"))) {
            return files.filter(p -> p.toString().endsWith(".json")).filter(p -> {
                try {
                    String s = Files.readString(p);
                    return s.contains("\"chat.completion\"");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList().stream();
        }
    }

    @Test
    void namesAndFinishReasonsThatArePrefixesOrExtensionsOfKnownOnesAreNotTakenForThem() {
        String[] names = {"usag", "usage_", "model_", "mode", "choice", "choicesx", "finish_reaso", "finish_reasons"};
        for (String name : names) {
            String body = "{\"choices\":[{\"finish_reason\":\"stop\",\"finish_reaso\":\"x\"}],\"" + name
                    + "\":{\"prompt_tokens\":3},\"model\":\"m\",\"usage\":{\"prompt_tokens\":1,\"prompt_token\":9,"
                    + "\"prompt_tokens_\":8}}";
            sameAsParser(utf8(body), true);
        }
        for (String reason : new String[] {"sto", "stopp", "lengt", "length_", "tool_call", "content_filter_"}) {
            sameAsParser(utf8("{\"choices\":[{\"finish_reason\":\"" + reason + "\"}]}"), true);
        }
        sameAsParser(utf8("{\"choices\":[{\"logprobs\":nul}]}"), false);
        sameAsParser(utf8("{\"choices\":[{\"logprobs\":nulll}]}"), false);
    }

    @Test
    void everyRecordedAnswerIsReadFromItsBytesAsTheParserReadsIt() throws IOException {
        List<Path> answers = recordedAnswers().toList();
        assertThat(answers).hasSizeGreaterThan(20);
        for (Path p : answers) {
            byte[] json = Files.readAllBytes(p);
            AnswerScan.Answer parsed = AnswerScan.parsed(json, 0, json.length);
            if (parsed != null) { // a file that is one answer (not a wrapper of several)
                assertThat(AnswerBytes.read(json, 0, json.length)).as(p.toString()).isEqualTo(parsed);
            }
        }
        sameAsParser(BENCH, true);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"choices\":[{\"message\":{\"content\":\"a \\\"quoted\\\" \\\\ line\\nbreak \\u00e9 \\ud83d\\ude00\"},"
                    + "\"finish_reason\":\"stop\"}],\"model\":\"m\"}",
            "{\"choices\":[{\"message\":{\"content\":\"déjà vu — 日本語 😀\"},\"finish_reason\":\"length\"}]}",
            "{\"created\":1.7e9,\"choices\":[{\"logprobs\":{\"v\":-1.5E-3,\"w\":0,\"x\":-0.0,\"y\":2e+5},"
                    + "\"finish_reason\":\"tool_calls\"}]}",
            "{\"choices\":[{\"finish_reason\":\"stop\"}],\"usage\":null}",
            "{\"choices\":[{\"finish_reason\":\"stop\"}]}",
            "{\"choices\":[{\"finish_reason\":null}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4}}",
            "{\"extra\":{\"a\":[true,false,null,{\"b\":[]}]},\"choices\":[{\"finish_reason\":\"eos\"},"
                    + "{\"finish_reason\":\"other\"}],\"system_fingerprint\":\"fp\",\"x_extra\":[1,2,3]}",
            "{\"choices\":[{\"finish_reason\":\"stop\",\"finish_reason\":null}]}",
            "{\"choices\":[{\"finish_reason\":\"stop\"}],\"choices\":[{\"index\":0}]}",
            "{\"choices\":[],\"model\":\"a\",\"model\":\"b\"}",
            "{\"model\":\"first\",\"choices\":[1,{\"finish_reason\":\"stop\"}],\"model\":7}",
            "{\"choices\":[{\"finish_reason\":\"a-new-reason\"}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2},"
                    + "\"usage\":{\"prompt_tokens\":5}}",
            "  \r\n\t{ \"choices\" : [ { \"finish_reason\" : \"stop\" } ] , \"model\" : \"m\\/x\" } \n ",
            "{\"choices\":[{\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":5,"
                    + "\"prompt_tokens_details\":{\"cached_tokens\":4},\"completion_tokens_details\":"
                    + "{\"reasoning_tokens\":2},\"server_tool_use\":{\"web_search_requests\":1}}}",
    })
    void anAnswerIsReadFromItsBytesAsTheParserReadsIt(String json) {
        sameAsParser(utf8(json), true);
    }

    /** What the byte reader leaves to the parser: the answer is then what the parser reads, or nothing. */
    @ParameterizedTest
    @ValueSource(strings = {
            "{\"choices\":[{\"finish_reason\":\"st\\u006fp\"}]}",
            "{\"choices\":[{\"finish_reason\":1}]}",
            "{\"choices\":[{\"finish_reason\":true}]}",
            "{\"ch\\u006fices\":[{\"finish_reason\":\"stop\"}]}",
            "{\"choices\":[{\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1.5e2,\"completion_tokens\":2}}",
            "{\"choices\":[{\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":12345678901234567890123}}",
            "{\"error\":{\"message\":\"overloaded\"}}",
            "{\"choices\":[]} {}",
            "{\"choices\":[]",
            "[{\"choices\":[]}]",
            "{\"choices\":[{\"finish_reason\":\"stop\"}],\"n\":01}",
            "{\"choices\":[{\"finish_reason\":\"stop\"}],\"n\":NaN}",
            "{\"choices\":[{\"message\":{\"content\":\"tab\there\"}}]}",
            "{\"choices\":[{\"finish_reason\":\"stop\"}],\"n\":1}x",
            "{\"choices\":[{\"finish_reason\":\"stop\",}]}",
            "{'choices':[]}",
            "",
            "   ",
    })
    void whatTheByteReaderLeavesIsReadByTheParser(String json) {
        sameAsParser(utf8(json), false);
    }

    @Test
    void bytesThatAreNotUtf8AreLeftToTheParser() {
        byte[] json = utf8("{\"choices\":[{\"message\":{\"content\":\"xxx\"},\"finish_reason\":\"stop\"}]}");
        int at = new String(json, StandardCharsets.US_ASCII).indexOf("xxx");
        for (int[] bad : List.of(new int[] {0xff, 'x', 'x'}, new int[] {0xc3, 'x', 'x'}, new int[] {0xc0, 0x80, 'x'},
                new int[] {0xed, 0xa0, 0x80}, new int[] {0xf5, 0x80, 0x80}, new int[] {0xe2, 0x82, 'x'})) {
            byte[] broken = json.clone();
            for (int i = 0; i < 3; i++) {
                broken[at + i] = (byte) bad[i];
            }
            assertThat(AnswerBytes.read(broken, 0, broken.length)).isNull();
            assertThat(AnswerScan.scan(broken)).isEqualTo(AnswerScan.parsed(broken, 0, broken.length));
        }
    }

    @Test
    void aNumberLongerThanTheParsersLimitIsLeftToTheParser() {
        byte[] json = utf8("{\"choices\":[{\"finish_reason\":\"stop\"}],\"n\":" + "1".repeat(101) + "}");
        assertThat(AnswerBytes.read(json, 0, json.length)).isNull();
        assertThat(AnswerScan.scan(json)).isNull();
    }

    @Test
    void nestingDeeperThanTheParsersLimitIsLeftToTheParser() {
        byte[] json = utf8("{\"choices\":[{\"finish_reason\":\"stop\"}],\"x\":" + "[".repeat(250) + "]".repeat(250)
                + "}");
        assertThat(AnswerBytes.read(json, 0, json.length)).isNull();
        assertThat(AnswerScan.scan(json)).isNull();
    }

    @Test
    void aModelSpanIsInTheArraysIndices() {
        byte[] padded = utf8("xxxx{\"model\":\"m1\",\"choices\":[]}yy");
        AnswerScan.Answer a = AnswerScan.scan(padded, 4, padded.length - 2);
        assertThat(a).isEqualTo(AnswerScan.parsed(padded, 4, padded.length - 2));
        assertThat(new String(padded, a.model().start(), a.model().end() - a.model().start(),
                StandardCharsets.UTF_8)).isEqualTo("\"m1\"");
    }

    /**
     * The word-at-a-time check agrees with the byte-by-byte one on runs of number characters around the parser's
     * limit at every alignment, after a non-ASCII character at every distance, and on broken UTF-8 at every position.
     */
    @Test
    void theWordCheckAgreesWithTheByteCheck() {
        String[] befores = {"", "x", "\u00e9", "\u20ac", "\ud83d\ude00", "ab\u00e9", "abcdefg\u20ac"};
        int checked = 0;
        int refused = 0;
        for (String before : befores) {
            for (int pad = 0; pad < 17; pad++) {
                for (int run = 90; run <= 112; run++) {
                    String text = "{\"a\":\"" + "q".repeat(pad) + before + "1e+-.".repeat(run / 5 + 1).substring(0, run)
                            + "\"}";
                    for (String tail : new String[] {"", "z", "zzzzzzz"}) {
                        byte[] b = (text + tail).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                        for (int from = 0; from < 3; from++) {
                            boolean exact = AnswerBytes.plainByBytes(b, from, b.length);
                            assertThat(AnswerBytes.plain(b, from, b.length)).as(text + tail + " from " + from)
                                    .isEqualTo(exact);
                            checked++;
                            refused += exact ? 0 : 1;
                        }
                    }
                }
            }
        }
        byte[] good = "{\"a\":\"abc\u00e9def\u20acghi\ud83d\ude00jklmnopqrstuvwxyz\"}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int at = 0; at < good.length; at++) {
            for (int bad : new int[] {0x80, 0xbf, 0xc0, 0xc1, 0xe0, 0xed, 0xf0, 0xf5, 0xff}) {
                byte[] b = good.clone();
                b[at] = (byte) bad;
                for (int to = b.length - 3; to <= b.length; to++) {
                    assertThat(AnswerBytes.plain(b, 0, to)).as("0x%x at %d to %d", bad, at, to)
                            .isEqualTo(AnswerBytes.plainByBytes(b, 0, to));
                    checked++;
                }
            }
        }
        assertThat(refused).isPositive();
        assertThat(checked).isGreaterThan(10_000);
    }
}
