package dev.freeport.agents;

import dev.freeport.api.Timeouts;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.CodingModel;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.RecordedRequest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The end-to-end check shared by the per-CLI tests: the real CLI (pinned, from target/e2e-agents) runs one
 * headless prompt against an in-process Freeport whose alias {@code coder} routes to a {@link CodingModel} on a
 * {@link FakeUpstream}, OpenAI-compatible unless a test names another {@link Backend}. The model answers the first request with a call of the CLI's own
 * file-writing (or shell) tool; the CLI runs it, sends the result back through Freeport, and gets a final text.
 * Passes when the CLI exited 0, the file holds the content the model put in its tool call, the model saw the result
 * of that call, and Freeport's ledger accounts for every upstream request with successful events for the alias.
 */
final class AgentThroughFreeport {
    static final String ALIAS = "coder";
    static final String UPSTREAM_MODEL = "qwen3-coder";
    static final String KEY = "sk-freeport-e2e-master";
    static final String PROMPT = "Create the file hello.txt containing the line: hello from the agent";

    /** Generous: the CLIs load the 2-core machine, and a slow first byte would only add a retry. */
    static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(30),
            Duration.ofSeconds(30), Duration.ofSeconds(120));

    private AgentThroughFreeport() {
    }

    /** The ledger's events once their attempts add up to n upstream requests (or after 10 s). */
    private static List<UsageEvent> awaitAttempts(TestGateway gw, int n) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<UsageEvent> events = gw.events();
        while (events.stream().mapToInt(UsageEvent::attempts).sum() < n && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            events = gw.events();
        }
        return events;
    }

    /** The wire format the coding model behind Freeport speaks. */
    enum Backend { OPENAI, ANTHROPIC, GEMINI }

    static void writesAFile(AgentCli cli) {
        writesAFile(cli, Map.of(), false);
    }

    /** As {@link #writesAFile(AgentCli)} with the coding model behind Freeport speaking {@code backend}'s format. */
    static void writesAFile(AgentCli cli, Backend backend) {
        writesAFile(cli, Map.of(), false, backend);
    }

    static void writesAFile(AgentCli cli, Map<String, String> env, boolean rejectionsAllowed) {
        writesAFile(cli, env, rejectionsAllowed, Backend.OPENAI, false);
    }

    /**
     * As {@link #writesAFile(AgentCli)} without telling the CLI a model: it asks for its own model names, which the
     * alias takes through {@code match:} patterns and {@code default: true} (docs/AGENTS.md's set-up).
     */
    static void writesAFileAskingForItsOwnModels(AgentCli cli, String... patterns) {
        writesAFile(cli, Map.of(), false, Backend.OPENAI, true, patterns);
    }

    private static TestGateway gateway(FakeUpstream up, Backend backend, boolean ownModels, String... patterns) {
        TestGateway.Builder b = TestGateway.builder().masterKey(KEY);
        switch (backend) {
            case OPENAI -> b.openai("coding", up.baseUrl(), TIMEOUTS);
            case ANTHROPIC -> b.anthropic("coding", up.anthropicBaseUrl(), TIMEOUTS);
            case GEMINI -> {
                up.setGeminiCallIds(true);   // so the model can tell its own calls' results (functionResponse.id)
                b.gemini("coding", up.geminiBaseUrl(), TIMEOUTS);
            }
        }
        return b.alias(ALIAS, "coding/" + UPSTREAM_MODEL).matching(ownModels, patterns).responses().start();
    }

    /** The upstream model a request named: in the body, or in a Gemini path (.../models/NAME:generateContent). */
    private static String upstreamModel(RecordedRequest r) {
        if (r.model() != null) {
            return r.model();
        }
        int at = r.path().indexOf("/models/");
        int colon = r.path().lastIndexOf(':');
        return at < 0 || colon < at ? null : r.path().substring(at + 8, colon);
    }

    /**
     * As {@link #writesAFile(AgentCli)}, with extra environment for the CLI; {@code rejectionsAllowed}: requests
     * Freeport refused with a 400 before any upstream call (the CLI then retried differently) do not fail the test.
     */
    private static void writesAFile(AgentCli cli, Map<String, String> env, boolean rejectionsAllowed,
                                    Backend backend) {
        writesAFile(cli, env, rejectionsAllowed, backend, false);
    }

    private static void writesAFile(AgentCli cli, Map<String, String> env, boolean rejectionsAllowed,
                                    Backend backend, boolean ownModels, String... patterns) {
        AgentInstall.require();
        Path[] dirs = AgentRun.dirs(cli);
        Path file = dirs[0].resolve("hello.txt");
        String content = "hello from " + cli.id() + " through Freeport\n";
        CodingModel model = new CodingModel(file, content);
        try (FakeUpstream up = FakeUpstream.start(); TestGateway gw = gateway(up, backend, ownModels, patterns)) {
            up.respondWith(model);
            AgentRun run = AgentRun.run(cli, new AgentCli.Target(gw.base(), KEY, ownModels ? null : ALIAS,
                    env), dirs[0], dirs[1], PROMPT);
            List<RecordedRequest> upstream = up.requests();
            assertThat(run.exitCode()).as(run::describe).isZero();
            assertThat(model.toolCalls()).as("the model was asked with tools and answered with a tool call; %s",
                    run.describe()).isGreaterThanOrEqualTo(1);
            assertThat(file).as("the file the model's tool call wrote; %s", run.describe()).hasContent(content);
            assertThat(model.toolResults()).as("the tool result came back through Freeport; %s", run.describe())
                    .isGreaterThanOrEqualTo(1);
            assertThat(upstream).allSatisfy(r -> assertThat(upstreamModel(r)).isEqualTo(UPSTREAM_MODEL));
            List<UsageEvent> all = awaitAttempts(gw, upstream.size());
            List<UsageEvent> events = all.stream().filter(e -> !(rejectionsAllowed && e.attempts() == 0
                    && e.status() != UsageEvent.Status.OK && e.httpStatus() == 400)).toList();
            assertThat(events.stream().mapToInt(UsageEvent::attempts).sum())
                    .as("the ledger's events account for every upstream request: %s", all).isEqualTo(upstream.size());
            assertThat(events).as("ledger events: %s", all).isNotEmpty().allSatisfy(e -> {
                assertThat(e.alias()).isEqualTo(ALIAS);
                assertThat(e.provider()).isEqualTo("coding");
                assertThat(e.status()).isEqualTo(UsageEvent.Status.OK);
                assertThat(e.outputTokens()).isPositive();
            });
            assertThat(run.took()).isLessThan(AgentRun.LIMIT.plus(Duration.ofSeconds(1)));
            run.delete();
        }
    }
}
