package dev.freeport.agents;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.server.TestGateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs a script of src/test/node with the pinned SDKs and returns the JSON object it printed last. */
final class NodeScript {
    private NodeScript() {
    }

    static JsonNode run(String script, Map<String, String> env) throws IOException, InterruptedException {
        Path log = Files.createTempFile("node-sdk", ".err");
        ProcessBuilder pb = new ProcessBuilder(AgentInstall.nodeDir().resolve("node").toString(),
                AgentInstall.PROJECT.resolve("src/test/node").resolve(script).toString()).redirectError(log.toFile());
        pb.environment().put("NODE_PATH", AgentInstall.DIR.resolve("node_modules").toString());
        pb.environment().putAll(env);
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
