package dev.freeport.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.ChatRequest;
import dev.freeport.api.PromptDigest;
import dev.freeport.api.TreeDigest;
import dev.freeport.dialect.anthropic.MessagesDecoder;
import dev.freeport.dialect.openai.ChatDecoder;
import dev.freeport.dialect.responses.ResponsesDecoder;
import dev.freeport.front.anthropic.AnthropicFront;
import dev.freeport.json.Json;
import dev.freeport.json.JsonHash;
import dev.freeport.ledger.Fingerprints;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The digest the ledger reads in one walk ({@link TreeDigest}) from the tree the Anthropic and Responses fronts
 * translated is the one a plain walk of that tree gives, one hash after the other (the ledger's walk before
 * TreeDigest; kept here as the reference), on every recorded request; and on OpenAI callers' bodies, the one the
 * OpenAI decoder's byte scan gives.
 */
class TreeDigestTest {
    private static final Path WIRE = Path.of("src/test/resources/wire");

    private static List<Path> files(String folder, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(WIRE.resolve(folder))) {
            return files.filter(f -> f.toString().endsWith(suffix)).sorted().toList();
        }
    }

    /** A request body: the recorded agent request's {@code body}, or the whole file. */
    private static Buffer body(Path file) throws IOException {
        JsonNode json = Json.MAPPER.readTree(file.toFile());
        return Buffer.buffer(Json.MAPPER.writeValueAsBytes(json.has("body") ? json.get("body") : json));
    }

    static List<Path> anthropicRequests() throws IOException {
        List<Path> out = new ArrayList<>(files("agents/claude-code", ".json"));
        out.addAll(files("anthropic-front/request", ".anthropic.json"));
        return out;
    }

    static List<Path> responsesRequests() throws IOException {
        List<Path> out = new ArrayList<>(files("agents/codex", ".json"));
        out.addAll(files("responses/request", ".responses.json"));
        return out;
    }

    static List<Path> openAiRequests() throws IOException {
        List<Path> out = new ArrayList<>(files("agents/opencode", ".json"));
        out.addAll(files("agents/qwen-code", ".json"));
        return out;
    }

    /** The reference: each hash walks the prompt on its own, in the order the ledger has always hashed it. */
    private static PromptDigest walkedOneHashAtATime(ChatRequest chat) {
        JsonNode body = chat.body();
        JsonNode messages = body.path("messages");
        int lastUser = -1;
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).path("role").asText())) {
                lastUser = i;
                break;
            }
        }
        JsonHash whole = new JsonHash();
        JsonHash prefix = new JsonHash();
        JsonHash conversation = new JsonHash();
        boolean firstUserSeen = false;
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            whole.node(m);
            if (i < lastUser) {
                prefix.node(m);
            }
            String role = m.path("role").asText();
            if (role.equals("system") || role.equals("developer")) {
                conversation.node(m);
            } else if (role.equals("user") && !firstUserSeen) {
                conversation.node(m);
                firstUserSeen = true;
            }
        }
        JsonNode tools = body.get("tools");
        if (tools != null) {
            whole.node(tools);
            prefix.node(tools);
        }
        JsonNode format = body.get("response_format");
        if (format != null) {
            whole.node(format);
        }
        whole.text(chat.model());
        boolean hasPrefix = lastUser > 0;
        return new PromptDigest(whole.value(), prefix.value(), hasPrefix, hasPrefix ? prefix.chars() : 0,
                conversation.value(), messages.size(), tools != null && !tools.isEmpty(), whole.chars());
    }

    /** The ledger's fingerprint of a request the front decoded (read from its tree) is the reference walk's. */
    private static void assertSameFingerprint(ChatRequest read, String front) {
        assertThat(read.digest()).as("left to the ledger, read when it records").isNull();
        PromptDigest reference = walkedOneHashAtATime(read);
        Fingerprints.Fingerprint taken = Fingerprints.of(read, front);
        assertThat(taken.facts()).isEqualTo(Fingerprints.of(withDigest(read, reference), front).facts());
        assertThat(taken.promptChars()).isEqualTo(reference.wholeChars());
    }

    /** The same request carrying {@code digest}, as one read by the OpenAI byte scan does. */
    private static ChatRequest withDigest(ChatRequest c, PromptDigest digest) {
        return ChatRequest.scanned(c.model(), c.stream(), c.includeUsage(), c.maxOutputTokens(), c.user(),
                dev.freeport.json.JsonBytes.of(Buffer.buffer(c.body().toString())), null, c.traits(), digest, -1);
    }

    @ParameterizedTest
    @MethodSource("anthropicRequests")
    void anAnthropicRequestsFingerprintIsTheReferenceWalks(Path file) throws IOException {
        assertSameFingerprint(AnthropicFront.INSTANCE.decode(body(file)), "anthropic");
    }

    @ParameterizedTest
    @MethodSource("responsesRequests")
    void aResponsesRequestsFingerprintIsTheReferenceWalks(Path file) throws IOException {
        assertSameFingerprint(ResponsesDecoder.decode(body(file)).chat(), "openai");
    }

    @ParameterizedTest
    @MethodSource("openAiRequests")
    void onAnOpenAiCallersBodyTheTreeDigestIsTheByteScans(Path file) throws IOException {
        ChatRequest scanned = ChatDecoder.decodeChat(body(file));
        assertThat(scanned.digest()).as("the byte scan read it").isNotNull();
        assertThat(TreeDigest.of(scanned.body(), scanned.model())).isEqualTo(scanned.digest());
    }

    @Test
    void cacheHintsScalarsAFormatAndNoPrefixHashAsTheLedgersWalk() {
        ObjectNode body = Json.parseObject(Buffer.buffer("""
                {"model":"m","messages":[
                 {"role":"user","content":[{"type":"text","text":"héllo","cache_control":{"type":"ephemeral"}}]},
                 {"role":"developer","content":"be brief"}],
                 "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object",
                 "properties":{"n":{"type":"integer","minimum":1.5,"default":null,"x":true}}}}}],
                 "response_format":{"type":"json_schema","json_schema":{"name":"s","schema":{"type":"object"}}}}"""));
        ChatRequest read = new ChatRequest("m", false, false, null, null, body);
        assertThat(TreeDigest.of(body, "m").hasPrefix()).isFalse();
        assertSameFingerprint(read, "openai");
    }

    @Test
    void aRequestThatIsOnlyCountedReadsNoDigest() throws IOException {
        assertThat(MessagesDecoder.decodeForCount(body(files("agents/claude-code", ".json").getFirst())).chat()
                .digest()).isNull();
        assertThat(ResponsesDecoder.decodeForCount(body(files("agents/codex", ".json").getFirst())).chat().digest())
                .isNull();
    }
}
