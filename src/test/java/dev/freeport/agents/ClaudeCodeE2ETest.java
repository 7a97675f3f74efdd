package dev.freeport.agents;

import org.junit.jupiter.api.Test;

import java.util.Map;

/**
 * Claude Code (Anthropic Messages) writes a file through a tool call of an open coding model behind Freeport, with
 * that model behind an OpenAI-compatible, an Anthropic-format (its requests pass through untouched) and a
 * Gemini-format back end. See {@link AgentThroughFreeport} for what is checked; docs/AGENTS-WIRE.md for what Claude
 * Code sends, docs/AGENTS.md for what Freeport does with each field.
 */
class ClaudeCodeE2ETest {
    /**
     * Claude Code's capabilities for a model name it does not know, switched off (the stop-gap of docs/AGENTS-WIRE.md
     * before issue 12): it then sends thinking with a budget, no output_config or context_management, fewer betas.
     * Still served, now without any refused request.
     */
    static final Map<String, String> CAPABILITIES_OFF = Map.of("CLAUDE_CODE_MODEL_CAPABILITIES",
            AgentThroughFreeport.ALIAS + "=-effort,-max_effort,-xhigh_effort,-adaptive_thinking,"
                    + "-context_management,-mid_conv_tool_change,-per_turn_effort");

    /** As a user runs it: effort, adaptive thinking, context management, a mid-conversation system message. */
    @Test
    void writesAFileThroughAToolCallOfAModelBehindFreeport() {
        AgentThroughFreeport.writesAFile(AgentCli.CLAUDE_CODE);
    }

    @Test
    void writesAFileWithItsModelCapabilitiesSwitchedOffWithoutAnyRefusedRequest() {
        AgentThroughFreeport.writesAFile(AgentCli.CLAUDE_CODE, CAPABILITIES_OFF, false);
    }

    /**
     * No model set: Claude Code asks for its own names (claude-opus-…, claude-haiku-… for background work), which
     * {@code match: claude-*} routes to the alias.
     */
    @Test
    void writesAFileAskingForItsOwnModelNamesWhichAPatternRoutesToTheAlias() {
        AgentThroughFreeport.writesAFileAskingForItsOwnModels(AgentCli.CLAUDE_CODE, "claude-*");
    }

    /** An Anthropic-format back end (an Anthropic-compatible host): Claude Code's requests go on as it sent them. */
    @Test
    void writesAFileThroughAModelBehindAnAnthropicFormatBackEnd() {
        AgentThroughFreeport.writesAFile(AgentCli.CLAUDE_CODE, AgentThroughFreeport.Backend.ANTHROPIC);
    }

    @Test
    void writesAFileThroughAModelBehindAGeminiFormatBackEnd() {
        AgentThroughFreeport.writesAFile(AgentCli.CLAUDE_CODE, AgentThroughFreeport.Backend.GEMINI);
    }
}
