package dev.freeport.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.testing.CodingModel;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.RecordedRequest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Re-records the ground truth of what each pinned agent CLI sends: runs it headless straight against a
 * {@link FakeUpstream} playing a {@link CodingModel} (Anthropic Messages SSE for Claude Code, Responses SSE for
 * Codex, chat completions SSE for Qwen Code and opencode) and writes every request (method, path, query, headers
 * with secrets masked, body; the run's directories and port replaced by $WORKDIR, $HOME and PORT) to
 * src/test/resources/wire/agents/&lt;cli&gt;/&lt;cli&gt;-&lt;version&gt;-&lt;scenario&gt;-request-N.json.
 * Not part of the normal run; after changing a version in e2e/agents/package.json:
 * {@code ./mvnw test -Dtest=RecordAgentWireTest -Dfreeport.recordAgents=true}.
 */
class RecordAgentWireTest {
    static final Path WIRE = AgentInstall.PROJECT.resolve("src/test/resources/wire/agents");
    private static final String PROMPT = "Create the file hello.txt containing the line: hello from the agent";
    private static final String KEY = "sk-record-not-a-real-key";
    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "x-api-key", "api-key",
            "proxy-authorization", "cookie");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Each CLI with its default model and with a model name it does not know (a gateway alias); Codex also with an
     * older model it knows; Claude Code also with its capabilities for the unknown model switched off.
     */
    static Stream<Arguments> scenarios() {
        return Stream.of(
                Arguments.of(AgentCli.CLAUDE_CODE, null, "default", Map.of()),
                Arguments.of(AgentCli.CLAUDE_CODE, "coder", "model-coder", Map.of()),
                Arguments.of(AgentCli.CLAUDE_CODE, "coder", "model-coder-capabilities-off",
                        ClaudeCodeE2ETest.CAPABILITIES_OFF),
                Arguments.of(AgentCli.CODEX, null, "default", Map.of()),
                Arguments.of(AgentCli.CODEX, "gpt-5.5", "model-gpt-5.5", Map.of()),
                Arguments.of(AgentCli.CODEX, "coder", "model-coder", Map.of()),
                Arguments.of(AgentCli.QWEN_CODE, null, "default", Map.of()),
                Arguments.of(AgentCli.QWEN_CODE, "coder", "model-coder", Map.of()),
                Arguments.of(AgentCli.OPENCODE, "coder", "model-coder", Map.of()));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("scenarios")
    void record(AgentCli cli, String model, String scenario, Map<String, String> env) throws IOException {
        Assumptions.assumeTrue(Boolean.getBoolean("freeport.recordAgents"),
                "re-records the wire files only with -Dfreeport.recordAgents=true");
        AgentInstall.require();
        Path[] dirs = AgentRun.dirs(cli);
        CodingModel coder = new CodingModel(dirs[0].resolve("hello.txt"), "hello from the agent\n");
        try (FakeUpstream up = FakeUpstream.start()) {
            up.respondWith(coder);
            AgentCli.Target target = new AgentCli.Target("http://127.0.0.1:" + up.port(), KEY, model, env);
            AgentRun run = AgentRun.run(cli, target, dirs[0], dirs[1], PROMPT);
            List<RecordedRequest> requests = up.requests();
            Path dir = WIRE.resolve(cli.id());
            Files.createDirectories(dir);
            try (Stream<Path> old = Files.list(dir)) {
                String prefix = cli.id() + "-" + cli.version() + "-" + scenario + "-request-";
                for (Path p : old.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
                    Files.delete(p);
                }
            }
            for (int i = 0; i < requests.size(); i++) {
                String name = cli.id() + "-" + cli.version() + "-" + scenario + "-request-" + (i + 1) + ".json";
                Files.writeString(dir.resolve(name), normalize(wireFile(cli, scenario, requests.get(i)), run, up)
                        + "\n");
            }
            System.out.printf("%s %s %s: exit %d, %d requests, %d tool calls, %d results, file written: %s, %d ms%n",
                    cli.id(), cli.version(), scenario, run.exitCode(), requests.size(), coder.toolCalls(),
                    coder.toolResults(), Files.exists(dirs[0].resolve("hello.txt")), run.took().toMillis());
            if (run.exitCode() != 0 || requests.isEmpty()) {
                System.out.println(run.output());
            }
            run.delete();
        }
    }

    private static ObjectNode wireFile(AgentCli cli, String scenario, RecordedRequest r) {
        ObjectNode out = JSON.createObjectNode();
        out.put("cli", cli.id()).put("package", cli.npmPackage()).put("version", cli.version())
                .put("scenario", scenario).put("method", r.method()).put("path", r.path());
        if (r.query() == null) {
            out.putNull("query");
        } else {
            out.put("query", r.query());
        }
        ObjectNode headers = out.putObject("headers");
        for (Map.Entry<String, List<String>> h : r.headers().entrySet()) {
            String value = String.join(", ", h.getValue());
            if (SECRET_HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                value = value.startsWith("Bearer ") ? "Bearer ***" : "***";
            }
            headers.put(h.getKey(), value);
        }
        if (r.body() != null) {
            out.set("body", r.body());
        } else {
            out.put("rawBody", r.rawBody());
        }
        return out;
    }

    private static String normalize(JsonNode file, AgentRun run, FakeUpstream up) throws IOException {
        String text = JSON.writeValueAsString(file);
        for (Path p : new Path[] {run.work(), run.home()}) {
            String name = p == run.work() ? "$WORKDIR" : "$HOME";
            text = text.replace(p.toRealPath().toString(), name).replace(p.toString(), name);
        }
        return text.replace("127.0.0.1:" + up.port(), "127.0.0.1:PORT").replace(KEY, "***");
    }
}
