package dev.freeport.agents;

import org.junit.jupiter.api.Test;

/**
 * Codex CLI (OpenAI Responses API, streaming) writes a file through a tool call (its exec_command function tool)
 * of an open coding model behind Freeport, whatever the model's wire format. See {@link AgentThroughFreeport} for
 * what is checked; docs/AGENTS-WIRE.md for what Codex sends.
 */
class CodexE2ETest {
    @Test
    void writesAFileThroughAToolCallOfAModelBehindFreeport() {
        AgentThroughFreeport.writesAFile(AgentCli.CODEX);
    }

    @Test
    void writesAFileThroughAnAnthropicFormatModel() {
        AgentThroughFreeport.writesAFile(AgentCli.CODEX, AgentThroughFreeport.Backend.ANTHROPIC);
    }

    @Test
    void writesAFileThroughAGeminiFormatModel() {
        AgentThroughFreeport.writesAFile(AgentCli.CODEX, AgentThroughFreeport.Backend.GEMINI);
    }
}
