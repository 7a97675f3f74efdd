package dev.freeport.agents;

import org.junit.jupiter.api.Test;

/**
 * Qwen Code (OpenAI chat completions) writes a file through a tool call of an open coding model behind Freeport.
 * See {@link AgentThroughFreeport} for what is checked; docs/AGENTS-WIRE.md for what Qwen Code sends.
 */
class QwenCodeE2ETest {
    @Test
    void writesAFileThroughAToolCallOfAModelBehindFreeport() {
        AgentThroughFreeport.writesAFile(AgentCli.QWEN_CODE);
    }

    /** The same model behind an Anthropic-format back end (an Anthropic-compatible host): translated both ways. */
    @Test
    void writesAFileThroughAModelBehindAnAnthropicFormatBackEnd() {
        AgentThroughFreeport.writesAFile(AgentCli.QWEN_CODE, AgentThroughFreeport.Backend.ANTHROPIC);
    }

    /** The same model behind a Gemini-format back end. */
    @Test
    void writesAFileThroughAModelBehindAGeminiFormatBackEnd() {
        AgentThroughFreeport.writesAFile(AgentCli.QWEN_CODE, AgentThroughFreeport.Backend.GEMINI);
    }
}
