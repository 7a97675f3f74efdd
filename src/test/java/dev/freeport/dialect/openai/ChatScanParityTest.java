package dev.freeport.dialect.openai;

import dev.freeport.api.ChatRequest;
import dev.freeport.error.GatewayException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.json.Json;
import dev.freeport.json.JsonBytes;
import dev.freeport.ledger.Fingerprints;
import dev.freeport.tokens.TokenCounter;
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
 * The one-pass decoder ({@link ChatScan}) against the tree decoder, on every recorded request body in the test
 * resources (the SDKs' and agents' captured bodies, the wire files) and on bodies written to reach its corners:
 * where it answers, it gives the request the tree gives (fields, traits, the tree itself, the ledger's fingerprint,
 * the token bound); where the tree refuses, it does not answer.
 */
class ChatScanParityTest {

    /** The scan's request compared with the tree's; false when the scan left the body to the tree. */
    static boolean sameAsTheTree(byte[] body) {
        JsonBytes bytes = JsonBytes.of(body);
        ChatRequest scanned = ChatScan.read(bytes);
        ChatRequest tree;
        try {
            tree = ChatDecoder.decodeTree(bytes);
        } catch (GatewayException refused) {
            assertThat(scanned).as("a body the tree refuses: " + new String(body, StandardCharsets.UTF_8)).isNull();
            return false;
        }
        if (scanned == null) {
            return false;
        }
        String what = new String(body, StandardCharsets.UTF_8);
        assertThat(scanned.hasTree()).isFalse();
        assertThat(Fingerprints.of(scanned, "openai")).as(what).isEqualTo(Fingerprints.of(tree, "openai"));
        assertThat(TokenCounter.promptUpperBound(scanned)).as(what).isEqualTo(TokenCounter.promptUpperBound(tree));
        assertThat(scanned.traits()).as(what).isEqualTo(tree.traits());
        assertThat(scanned.model()).isEqualTo(tree.model());
        assertThat(scanned.stream()).isEqualTo(tree.stream());
        assertThat(scanned.includeUsage()).isEqualTo(tree.includeUsage());
        assertThat(scanned.maxOutputTokens()).isEqualTo(tree.maxOutputTokens());
        assertThat(scanned.user()).isEqualTo(tree.user());
        assertThat(scanned.sent() == null).isEqualTo(tree.sent() == null);
        assertThat(scanned).as(what).isEqualTo(tree); // its tree too, parsed now
        assertThat(scanned.hasTree()).isTrue();
        return true;
    }

    @Test
    void everyRecordedRequestBodyGivesTheTreesRequest() throws IOException {
        List<Path> files;
        try (Stream<Path> all = Files.walk(Path.of("src/test/resources"))) {
            files = all.filter(p -> p.toString().endsWith(".json")).toList();
        }
        List<Path> chat = new ArrayList<>();
        int scanned = 0;
        for (Path f : files) {
            byte[] body = captured(Files.readAllBytes(f));
            if (!new String(body, StandardCharsets.UTF_8).contains("\"messages\"")) {
                continue;
            }
            chat.add(f);
            if (sameAsTheTree(body)) {
                scanned++;
            }
        }
        assertThat(chat).hasSizeGreaterThan(40);
        assertThat(scanned).as("bodies read in one pass").isGreaterThan(25);
    }

    /** A coding agent's captured request: its body (printed again); any other file as it is. */
    static byte[] captured(byte[] file) throws IOException {
        JsonNode capture = Json.MAPPER.readTree(file);
        JsonNode body = capture.path("body");
        return body.isObject() && capture.path("path").asText().endsWith("/chat/completions") ? Json.bytes(body) : file;
    }

    @Test
    void bodiesAtTheCornersGiveTheTreesRequestOrAreLeftToTheTree() {
        String[] bodies = {
                """
                {"model":"m","messages":[{"role":"user","content":"hi"}]}""",
                """
                {"tools":[{"type":"function","function":{"name":"f","description":"d\\u00e9\\n\\"x\\"",
                 "parameters":{"type":"object","properties":{"a":{"type":"integer","minimum":-0,"enum":[1,2,true,null]}}}}}],
                 "model":"m","messages":[{"role":"system","content":"s"},{"role":"user","content":"a"},
                 {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function",
                  "function":{"name":"f","arguments":"{\\"a\\":1}"}}]},
                 {"role":"tool","tool_call_id":"c1","content":"42"},{"role":"user","content":"b","name":"me"}],
                 "tool_choice":{"type":"function","function":{"name":"f"}},"stream":true,
                 "stream_options":{"include_usage":true},"max_tokens":64,"temperature":0.7,"top_p":1}""",
                """
                {"model":"m","response_format":{"type":"json_schema","json_schema":{"name":"n","schema":
                 {"type":"object","cache_control":{"type":"ephemeral"}}}},"messages":[{"role":"developer",
                 "content":[{"type":"text","text":"é😀","cache_control":{"type":"ephemeral"}},
                 {"type":"image_url","image_url":{"url":"https://x/y.png","detail":"low"}}]},
                 {"role":"user","content":[{"type":"text","text":"t"},{"type":"image_url","image_url":{"url":"u"}}]}],
                 "tools":[{"type":"custom","custom":{"name":"c"}},{"type":"builtin_function",
                 "function":{"name":"$web_search"}}],"reasoning_effort":"low","metadata":{"k":"v"},"stop":["a","b"]}""",
                """
                {"model":"m","messages":[{"role":"user","content":"x"}],"tools":[],"response_format":null,
                 "thinking":{"type":"enabled"},"user":"u","seed":-5,"n":2,"max_completion_tokens":9}""",
                """
                {"model":"m","messages":[{"role":"assistant","refusal":"no"},{"role":"user","content":"x"}],
                 "tools":null,"tool_choice":"auto"}""",
                """
                {"model":"m","messages":[{"role":"user","content":"x"}],"tools":[{"type":"function",
                 "function":{"name":"f","parameters":{"minimum":0.5}}}]}""",
                """
                {"model":"m","messages":[{"role":"user","content":"x"}],"temperature":2.0000000000000001}""",
                """
                {"model":"m","messages":[{"role":"user","content":"x","content":"y"}]}""",
                """
                {"model":"m","messages":[{"role":"user","content":"x"}]} {}""",
                """
                {"model":"m","messages":[{"role":"user","content":"x"}],"model":"n"}""",
                """
                {"model":"m","messages":[{"role":"user","content":"x"}],"x":[{"a":1,"b":{"a":2,"c":3},"c":4,"\\u0061":5}]}""",
                """
                {"model":"m","messages":[{"role":"user","content":"x"}],"tools":[{"type":"function","function":
                 {"name":"f","parameters":{"type":"object","properties":{},"required":[],"type":"object"}}}]}""",
                """
                {"model":"m","messages":[{"role":"tool","content":"x"}]}""",
                """
                {"model":"m","messages":[{"role":"user","content":"x"}],"tool_choice":"required"}""",
                """
                {"model":"m","messages":[{"role":"user","content":"x"}],"tools":[{"type":"function",
                 "function":{"name":"f"}}],"tool_choice":{"type":"function","function":{"name":"g"}}}""",
                """
                {"model":" ","messages":[{"role":"user","content":"x"}]}""",
                """
                {"model":"m","messages":[]}""",
                """
                {"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{}}]}]}""",
                """
                {"model":"m","messages":[{"role":"user","content":"x"}],"max_tokens":0}""",
                """
                {"model":"m","messages":[{"role":"user","content":"x"}],"stop":["1","2","3","4","5"]}""",
                """
                {"model":"m","messages":[{"role":"user","content":"x"}],"metadata":{"k":1}}""",
        };
        List<Integer> scanned = new ArrayList<>();
        for (int i = 0; i < bodies.length; i++) {
            if (sameAsTheTree(bodies[i].getBytes(StandardCharsets.UTF_8))) {
                scanned.add(i);
            }
        }
        assertThat(scanned).containsExactly(0, 1, 2, 3, 4);
        assertThat(sameAsTheTree("""
                {"model":"m","messages":[{"role":"user","content":"x"}],"x":[{"a":1,"b":{"a":2,"c":3},"c":4}]}"""
                .getBytes(StandardCharsets.UTF_8))).as("the same name in a nested object").isTrue();
    }

    @Test
    void aBodyWithInvalidUtf8InAnIgnoredFieldIsLeftToTheTree() {
        byte[] body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"x\":\"\u00ff\"}"
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(sameAsTheTree(body)).isFalse();
    }
}
