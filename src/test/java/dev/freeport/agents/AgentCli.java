package dev.freeport.agents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The four coding-agent CLIs, each run headless against one base URL with nothing else reachable: how to point it
 * at a gateway (environment and config files in an isolated HOME) with telemetry, auto-update, plugin downloads
 * and other background traffic switched off, and the command line for one non-interactive prompt. Checked with
 * strace on the pinned versions: every connection goes to the given loopback address (docs/AGENTS-WIRE.md).
 */
public enum AgentCli {
    /** Claude Code: Anthropic Messages ({@code POST /v1/messages?beta=true}), a native binary. */
    CLAUDE_CODE("claude-code", "@anthropic-ai/claude-code") {
        @Override
        Invocation prepare(Target target, Path home, Path work, String prompt) {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("ANTHROPIC_BASE_URL", target.origin());
            env.put("ANTHROPIC_AUTH_TOKEN", target.apiKey());
            env.put("DISABLE_TELEMETRY", "1");
            env.put("DISABLE_ERROR_REPORTING", "1");
            env.put("DISABLE_AUTOUPDATER", "1");
            env.put("DISABLE_BUG_COMMAND", "1");
            env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
            env.put("CLAUDE_CODE_DISABLE_FEEDBACK_SURVEY", "1");
            if (target.model() != null) {
                env.put("ANTHROPIC_MODEL", target.model());
                env.put("ANTHROPIC_DEFAULT_OPUS_MODEL", target.model());
                env.put("ANTHROPIC_DEFAULT_SONNET_MODEL", target.model());
                env.put("ANTHROPIC_DEFAULT_HAIKU_MODEL", target.model());
                env.put("CLAUDE_CODE_SUBAGENT_MODEL", target.model());
            }

            return new Invocation(List.of(bin("claude").toString(), "-p", prompt, "--permission-mode", "acceptEdits"),
                    env);
        }
    },
    /** Codex CLI: OpenAI Responses API ({@code POST /v1/responses}) only; a native binary behind a node wrapper. */
    CODEX("codex", "@openai/codex") {
        @Override
        Invocation prepare(Target target, Path home, Path work, String prompt) {
            StringBuilder toml = new StringBuilder();
            if (target.model() != null) {
                toml.append("model = \"").append(target.model()).append("\"\n");
            }
            toml.append("""
                    model_provider = "freeport"
                    check_for_update_on_startup = false

                    [model_providers.freeport]
                    name = "Freeport"
                    base_url = "%s/v1"
                    env_key = "FREEPORT_API_KEY"
                    wire_api = "responses"

                    [analytics]
                    enabled = false

                    [feedback]
                    enabled = false

                    # curated plugins are synced from github.com and chatgpt.com at start-up otherwise
                    [features]
                    plugins = false
                    remote_plugin = false
                    apps = false
                    """.formatted(target.origin()));
            write(home.resolve(".codex/config.toml"), toml.toString());
            return new Invocation(List.of(bin("codex").toString(), "exec", "--skip-git-repo-check", "--sandbox",
                    "workspace-write", prompt), Map.of("FREEPORT_API_KEY", target.apiKey()));
        }
    },
    /** Qwen Code: OpenAI chat completions ({@code POST /v1/chat/completions}), JavaScript on Node. */
    QWEN_CODE("qwen-code", "@qwen-code/qwen-code") {
        @Override
        Invocation prepare(Target target, Path home, Path work, String prompt) {
            write(home.resolve(".qwen/settings.json"), """
                    {"general": {"enableAutoUpdate": false},
                     "privacy": {"usageStatisticsEnabled": false},
                     "telemetry": {"enabled": false},
                     "security": {"auth": {"selectedType": "openai"}}}
                    """);
            Map<String, String> env = new LinkedHashMap<>();
            env.put("OPENAI_BASE_URL", target.origin() + "/v1");
            env.put("OPENAI_API_KEY", target.apiKey());
            if (target.model() != null) {
                env.put("OPENAI_MODEL", target.model());
            }
            env.put("QWEN_USAGE_STATISTICS_ENABLED", "false");
            env.put("QWEN_TELEMETRY_ENABLED", "false");
            env.put("QWEN_CODE_SUPPRESS_YOLO_WARNING", "1");
            return new Invocation(List.of(bin("qwen").toString(), "-p", prompt, "--approval-mode", "yolo"), env);
        }
    },
    /** opencode: OpenAI chat completions through its openai-compatible provider; a native (Bun) binary. */
    OPENCODE("opencode", "opencode-ai") {
        @Override
        Invocation prepare(Target target, Path home, Path work, String prompt) {
            String model = target.model() != null ? target.model() : "coder";
            Path dir = home.resolve(".config/opencode");
            write(dir.resolve("opencode.json"), """
                    {
                      "$schema": "https://opencode.ai/config.json",
                      "model": "freeport/%1$s",
                      "small_model": "freeport/%1$s",
                      "autoupdate": false,
                      "share": "disabled",
                      "provider": {
                        "freeport": {
                          "npm": "@ai-sdk/openai-compatible",
                          "name": "Freeport",
                          "options": {"baseURL": "%2$s/v1", "apiKey": "{env:FREEPORT_API_KEY}"},
                          "models": {"%1$s": {"name": "%1$s", "tool_call": true}}
                        }
                      },
                      "permission": {"edit": "allow", "bash": "allow"}
                    }
                    """.formatted(model, target.origin()));
            // opencode npm-installs @opencode-ai/plugin into every config dir at start-up unless the dir already has
            // node_modules and a lock file that names it
            try {
                Files.createDirectories(dir.resolve("node_modules"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            write(dir.resolve("package-lock.json"),
                    "{\"packages\":{\"\":{\"dependencies\":{\"@opencode-ai/plugin\":\"" + version() + "\"}}}}\n");
            Map<String, String> env = new LinkedHashMap<>();
            env.put("FREEPORT_API_KEY", target.apiKey());
            env.put("OPENCODE_DISABLE_AUTOUPDATE", "1");
            env.put("OPENCODE_DISABLE_MODELS_FETCH", "1");
            env.put("OPENCODE_DISABLE_LSP_DOWNLOAD", "1");
            env.put("OPENCODE_DISABLE_DEFAULT_PLUGINS", "1");
            env.put("OPENCODE_DISABLE_SHARE", "1");
            return new Invocation(List.of(bin("opencode").toString(), "run", prompt), env);
        }
    };

    /**
     * Where to send requests: scheme, host and port without a path; the key; the model (null: the CLI's default);
     * extra environment variables for the CLI (set last).
     */
    public record Target(String origin, String apiKey, String model, Map<String, String> env) {
        public Target {
            env = Map.copyOf(env);
        }

        public Target(String origin, String apiKey, String model) {
            this(origin, apiKey, model, Map.of());
        }
    }

    /** The command line and the CLI's own environment variables (added to a minimal base environment). */
    record Invocation(List<String> command, Map<String, String> env) {
    }

    private final String id;
    private final String npmPackage;

    AgentCli(String id, String npmPackage) {
        this.id = id;
        this.npmPackage = npmPackage;
    }

    /** Short name, also the folder of its wire files: claude-code, codex, qwen-code, opencode. */
    public String id() {
        return id;
    }

    public String npmPackage() {
        return npmPackage;
    }

    /** The installed (pinned) version, from its package.json under target/. */
    public String version() {
        return AgentInstall.version(npmPackage);
    }

    /** Writes the CLI's config into {@code home} and returns how to run one prompt in {@code work}. */
    abstract Invocation prepare(Target target, Path home, Path work, String prompt);

    Path bin(String name) {
        return AgentInstall.bin(name);
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
