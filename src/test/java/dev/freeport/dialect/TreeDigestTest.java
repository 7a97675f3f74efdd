package dev.freeport.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.ChatRequest;
import dev.freeport.dialect.anthropic.MessagesDecoder;
import dev.freeport.dialect.openai.ChatDecoder;
import dev.freeport.dialect.responses.ResponsesDecoder;
import dev.freeport.front.anthropic.AnthropicFront;
import dev.freeport.json.Json;
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
 * The digest the Anthropic and Responses fronts read from their translated tree in one walk ({@link TreeDigest}) is
 * the one the ledger's own walk of that tree gives, on every recorded request; and on OpenAI callers' bodies, the
 * one the OpenAI decoder's byte scan gives.
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

    /** The same request without a digest: the ledger walks its tree. */
    private static ChatRequest walked(ChatRequest c) {
        return new ChatRequest(c.model(), c.stream(), c.includeUsage(), c.maxOutputTokens(), c.user(), c.body(),
                c.nativeAnthropic(), c.traits(), c.nativeHeaders());
    }

    private static void assertSameFingerprint(ChatRequest read, String front) {
        assertThat(read.digest()).as("read by the front").isNotNull();
        Fingerprints.Fingerprint taken = Fingerprints.of(read, front);
        Fingerprints.Fingerprint walk = Fingerprints.of(walked(read), front);
        assertThat(taken.facts()).isEqualTo(walk.facts());
        assertThat(taken.promptChars()).isEqualTo(walk.promptChars());
    }

    @ParameterizedTest
    @MethodSource("anthropicRequests")
    void theAnthropicFrontReadsTheDigestTheLedgersWalkGives(Path file) throws IOException {
        assertSameFingerprint(AnthropicFront.INSTANCE.decode(body(file)), "anthropic");
    }

    @ParameterizedTest
    @MethodSource("responsesRequests")
    void theResponsesFrontReadsTheDigestTheLedgersWalkGives(Path file) throws IOException {
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
        ChatRequest read = new ChatRequest("m", false, false, null, null, body).withDigest(TreeDigest.of(body, "m"));
        assertThat(read.digest().hasPrefix()).isFalse();
        assertSameFingerprint(read, "openai");
    }

    @Test
    void aCountTokensRequestReadsNoDigest() throws IOException {
        Path file = files("agents/claude-code", ".json").getFirst();
        assertThat(MessagesDecoder.decodeForCount(body(file)).chat().digest()).isNull();
    }
}
