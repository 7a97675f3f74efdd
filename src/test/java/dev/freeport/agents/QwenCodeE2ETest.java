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
}
