package dev.freeport.agents;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import dev.freeport.testing.ToolCall;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official {@code openai} npm SDK (pinned in e2e/agents, installed under target/e2e-agents) runs
 * src/test/node/openai-responses.cjs against Freeport's Responses API with an OpenAI-compatible fake upstream:
 * {@code responses.create}, {@code responses.stream}, tools both ways, streamed tool arguments,
 * previous_response_id, retrieve, delete, an error and a cut stream. Without node the test skips, and fails under
 * CI (see {@link AgentInstall}).
 */
class OpenAiNodeSdkResponsesTest {
    private static final String KEY = "sk-node-sdk";
    private static final Path SCRIPT = AgentInstall.PROJECT.resolve("src/test/node/openai-responses.cjs");

    @Test
    void theNodeSdkCreatesStreamsCallsToolsChainsAndSeesErrors() throws Exception {
        AgentInstall.require();
        try (FakeUpstream up = FakeUpstream.start();
             TestGateway gw = TestGateway.builder().masterKey(KEY).openai("up", up.baseUrl())
                     .alias("coder", "up/qwen3-coder").responses().start()) {
            up.enqueue(Reply.ok("Hello from the model."),
                    Reply.ok("one two three"),
                    Reply.toolCalls(new ToolCall("call_n1", "get_weather", "{\"city\":\"Lima\"}")),
                    Reply.ok("Cloudy in Lima."),
                    Reply.toolCalls(new ToolCall("call_n2", "get_weather", "{\"city\":\"Buenos Aires\"}")),
                    Reply.ok("Noted."),
                    Reply.ok("42."),
                    Reply.resetAfterChunks(2));

            JsonNode out = run(gw.base() + "/v1");

            assertThat(out.path("text").asText()).isEqualTo("Hello from the model.");
            assertThat(out.path("status").asText()).isEqualTo("completed");
            assertThat(out.path("streamText").asText()).isEqualTo("one two three");
            assertThat(out.path("streamTypes").get(0).asText()).isEqualTo("response.created");
            assertThat(out.path("streamTypes").get(out.path("streamTypes").size() - 1).asText())
                    .isEqualTo("response.completed");
            assertThat(out.at("/call/name").asText()).isEqualTo("get_weather");
            assertThat(out.at("/call/arguments").asText()).isEqualTo("{\"city\":\"Lima\"}");
            assertThat(out.path("afterTool").asText()).isEqualTo("Cloudy in Lima.");
            assertThat(up.requests().get(3).rawBody()).contains("22C, cloudy").contains("call_n1");
            assertThat(out.path("argumentDeltas").size()).isGreaterThan(1);
            assertThat(out.path("streamedArguments").asText()).isEqualTo("{\"city\":\"Buenos Aires\"}");
            assertThat(out.path("chained").asText()).isEqualTo("42.");
            assertThat(up.requests().get(6).rawBody()).contains("Remember: 42.").contains("Noted.");
            assertThat(out.path("retrieved").asText()).isEqualTo("Noted.");
            assertThat(out.path("afterDelete").asInt()).isEqualTo(404);
            assertThat(out.at("/error/status").asInt()).isEqualTo(400);
            assertThat(out.at("/error/code").asText()).isEqualTo("previous_response_not_found");
            assertThat(out.path("cut").isObject()).as("the SDK raised on the cut stream: %s", out.path("cut")).isTrue();
            assertThat(out.path("cutTypes").toString()).doesNotContain("response.completed");
        }
    }

    private static JsonNode run(String base) throws IOException, InterruptedException {
        Path log = Files.createTempFile("openai-node-sdk", ".err");
        ProcessBuilder pb = new ProcessBuilder(AgentInstall.nodeDir().resolve("node").toString(), SCRIPT.toString())
                .redirectError(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("NODE_PATH", AgentInstall.DIR.resolve("node_modules").toString());
        env.put("FREEPORT_BASE", base);
        env.put("FREEPORT_KEY", KEY);
        env.put("FREEPORT_MODEL", "coder");
        Process p = pb.start();
        String stdout = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the node script did not finish in 120 s");
        }
        String stderr = Files.readString(log);
        Files.deleteIfExists(log);
        assertThat(p.exitValue()).as("node exit; stderr:\n%s\nstdout:\n%s", stderr, stdout).isZero();
        List<String> lines = stdout.lines().toList();
        return TestGateway.json(lines.getLast());
    }
}
