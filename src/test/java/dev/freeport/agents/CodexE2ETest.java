package dev.freeport.agents;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Codex CLI (OpenAI Responses API, streaming) writes a file through a tool call (its exec_command function tool)
 * of an open coding model behind Freeport. See {@link AgentThroughFreeport} for what is checked;
 * docs/AGENTS-WIRE.md for what Codex sends.
 *
 * <p>Held out of the default run (tag {@code agents-pending}, excluded in pom.xml) until issue 12 lands: Codex only
 * speaks {@code POST /v1/responses}, which Freeport does not serve yet (404), so its first request fails, it
 * retries, and exits 1. Run it with {@code ./mvnw test -Dtest=CodexE2ETest -Dagents.pending=}.
 */
@Tag("agents-pending")
class CodexE2ETest {
    @Test
    void writesAFileThroughAToolCallOfAModelBehindFreeport() {
        AgentThroughFreeport.writesAFile(AgentCli.CODEX);
    }
}
