package dev.freeport.agents;

import org.junit.jupiter.api.Test;

/**
 * opencode (its openai-compatible provider: chat completions) writes a file through a tool call of an open coding
 * model behind Freeport. See {@link AgentThroughFreeport} for what is checked; docs/AGENTS-WIRE.md for what
 * opencode sends.
 */
class OpencodeE2ETest {
    @Test
    void writesAFileThroughAToolCallOfAModelBehindFreeport() {
        AgentThroughFreeport.writesAFile(AgentCli.OPENCODE);
    }

    /** The same model behind an Anthropic-format back end (an Anthropic-compatible host): translated both ways. */
    @Test
    void writesAFileThroughAModelBehindAnAnthropicFormatBackEnd() {
        AgentThroughFreeport.writesAFile(AgentCli.OPENCODE, AgentThroughFreeport.Backend.ANTHROPIC);
    }

    /** The same model behind a Gemini-format back end. */
    @Test
    void writesAFileThroughAModelBehindAGeminiFormatBackEnd() {
        AgentThroughFreeport.writesAFile(AgentCli.OPENCODE, AgentThroughFreeport.Backend.GEMINI);
    }
}
