package dev.freeport.agents;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Map;

/**
 * Claude Code (Anthropic Messages) writes a file through a tool call of an open coding model behind Freeport.
 * See {@link AgentThroughFreeport} for what is checked; docs/AGENTS-WIRE.md for what Claude Code sends.
 */
class ClaudeCodeE2ETest {
    /**
     * Claude Code's capabilities for a model name it does not know, switched off: it then sends no output_config,
     * no context_management, thinking as {type: enabled, budget_tokens}, and fewer betas. Freeport still refuses
     * the first request (400 {@code messages.1.role: Input should be 'user' or 'assistant', got 'system'}: the
     * system message Claude Code puts inside messages); Claude Code then resends it without that message and the
     * task completes. The stop-gap until issue 12, documented in docs/AGENTS-WIRE.md.
     */
    static final Map<String, String> CAPABILITIES_OFF = Map.of("CLAUDE_CODE_MODEL_CAPABILITIES",
            AgentThroughFreeport.ALIAS + "=-effort,-max_effort,-xhigh_effort,-adaptive_thinking,"
                    + "-context_management,-mid_conv_tool_change,-per_turn_effort");

    @Test
    void writesAFileThroughFreeportTodayWithItsModelCapabilitiesSwitchedOff() {
        AgentThroughFreeport.writesAFile(AgentCli.CLAUDE_CODE, CAPABILITIES_OFF, true);
    }

    /**
     * As a user runs it. Held out of the default run (tag {@code agents-pending}, excluded in pom.xml) until issue
     * 12 lands: today Freeport answers Claude Code's first request with
     * {@code 400 output_config: Extra inputs are not permitted} and the CLI exits 1 with "API Error: 400". Run it
     * with {@code ./mvnw test -Dtest=ClaudeCodeE2ETest -Dagents.pending=}.
     */
    @Test
    @Tag("agents-pending")
    void writesAFileThroughAToolCallOfAModelBehindFreeport() {
        AgentThroughFreeport.writesAFile(AgentCli.CLAUDE_CODE);
    }
}
