package dev.freeport.front.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.CodingModel;
import dev.freeport.testing.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.freeport.front.responses.ResponsesHarness.events;
import static dev.freeport.front.responses.ResponsesHarness.types;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every request the pinned Codex CLI was recorded sending (src/test/resources/wire/agents/codex: its default model
 * with tools in an additional_tools item, gpt-5.5 with the freeform apply_patch tool, an unknown model with plain
 * functions), replayed through the gateway with the model set to an alias, on each back-end wire format: Freeport
 * streams a response that ends in response.completed, and the coding model behind it sees Codex's tools.
 */
class CodexRecordedRequestsTest {
    private static final Path FOLDER = Path.of("src/test/resources/wire/agents/codex");
    private static ResponsesHarness h;

    @BeforeAll
    static void start() {
        h = new ResponsesHarness();
        h.up.setGeminiCallIds(true);   // the model's own call ids come back from Gemini, as from the others
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    static Stream<Arguments> recordedRequests() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(FOLDER)) {
            for (Path f : files.sorted().toList()) {
                for (String alias : ResponsesHarness.BACK_ENDS) {
                    out.add(Arguments.of(f.getFileName().toString(), alias));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("recordedRequests")
    void aRecordedCodexRequestStreamsToResponseCompleted(String file, String alias) {
        h.up.clear();
        Path written = Path.of("/tmp/freeport-codex-replay/hello.txt");
        CodingModel model = new CodingModel(written, "hello\n");
        h.up.respondWith(model);
        ObjectNode body = (ObjectNode) read(FOLDER.resolve(file)).path("body").deepCopy();
        body.put("model", alias);

        HttpResponse<String> r = h.create(h.keyA, body);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<JsonNode> events = events(r.body());
        assertThat(types(events)).last().isEqualTo("response.completed");
        RecordedRequest upstream = h.upstream(1).getFirst();
        assertThat(upstream.rawBody()).as("Codex's tools reached the model").containsAnyOf("exec_command", "exec");
        JsonNode output = events.getLast().at("/response/output");
        assertThat(output.size()).isPositive();
        if (model.toolCalls() > 0) {
            JsonNode call = output.get(output.size() - 1);
            assertThat(call.path("type").asText()).isIn("function_call", "custom_tool_call");
            assertThat(call.path("call_id").asText()).isEqualTo(model.callIds().getLast());
        }
    }

    private static JsonNode read(Path p) {
        try {
            return TestGateway.json(Files.readString(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
