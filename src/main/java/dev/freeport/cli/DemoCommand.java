package dev.freeport.cli;

import dev.freeport.config.ConfigLoader;
import dev.freeport.config.FreeportConfig;
import dev.freeport.config.ModelConfig;
import dev.freeport.config.StoreConfig;
import dev.freeport.ledger.JournaledLedger;
import dev.freeport.route.complexity.EmbeddingComplexityScorer;
import dev.freeport.server.Gateway;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;

/**
 * {@code freeport demo}: the gateway on 127.0.0.1 with built-in simulated models of three vendors (priced like a
 * frontier model and like open models), no keys, no network. Its ledger lives in one place whatever the directory
 * ({@link CliContext#demoDataDir()}), so {@code --demo} on usage, explain, drill, audit and vendor finds it.
 * {@code --traffic N} sends a sample workload through it and prints the usage table of that run, then exits.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the gateway on built-in simulated models: no API keys, no network.")
final class DemoCommand extends CliCommand {

    @Option(names = "--port", defaultValue = "4000", description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: "
            + "${DEFAULT-VALUE}; 0.0.0.0 in a container). The demo has no master key: keep it off shared networks.")
    String host;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the ledger lives (default: $FREEPORT_HOME/demo,"
            + " else ~/.freeport/demo; the other commands' --demo reads it).")
    Path dataDir;

    @Option(names = "--traffic", defaultValue = "0", description = "Send N sample requests through the gateway, print the usage table of that run and exit.")
    int traffic;

    private final CliContext ctx;

    DemoCommand() {
        this(CliContext.SYSTEM);
    }

    DemoCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    int execute() {
        Path dir = dataDir != null ? ctx.resolve(dataDir).toAbsolutePath() : ctx.demoDataDir();
        FreeportConfig cfg = Launch.withHost(ConfigLoader.demo(port, dir), host);
        Gateway gateway = Launch.start(cfg, null, JournaledLedger.open(cfg.ledger()));
        if (gateway == null) {
            return 1;
        }
        String base = "http://127.0.0.1:" + gateway.port();
        String demoFlag = dataDir == null ? "--demo" : "--demo --data-dir " + dir;
        if (traffic <= 0) {
            out().println(banner(base, cfg, demoFlag));
            ServeCommand.serving = true;
            return 0;
        }
        try {
            out().println("freeport demo on " + base + ": sending " + traffic + " sample requests ...");
            Instant start = Instant.now();
            DemoTraffic.Result r = DemoTraffic.send(base, traffic);
            out().println(r.summary());
            gateway.ledger().flush();
            out().println();
            out().println(UsageCommand.render(dir, StoreConfig.EMBEDDED, start, "alias", false).stripTrailing());
            out().println();
            out().println(afterTraffic(r.sampleId(), demoFlag));
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliFailure.failed("interrupted");
        } finally {
            gateway.close();
            awaitScorerLoad(cfg);
        }
    }

    /**
     * The gateway loads the complexity scorer on a background thread when an alias uses it; a JVM that exits while
     * ONNX Runtime is still creating its session there crashes (SIGSEGV in libonnxruntime), which a short
     * {@code --traffic} run on a busy machine does. So a run that ends waits for the load to finish.
     */
    static void awaitScorerLoad(FreeportConfig cfg) {
        if (cfg.models().stream().noneMatch(m -> m.strategy() == ModelConfig.Strategy.COMPLEXITY)) {
            return;
        }
        try {
            EmbeddingComplexityScorer.shared();
        } catch (RuntimeException | LinkageError e) {
            // the load failed: nothing is running any more
        }
    }

    static String afterTraffic(String sampleId, String demoFlag) {
        return (sampleId == null ? "" : "Why a request went where it went:  ./freeport explain " + sampleId + " "
                + demoFlag + "\n")
                + "All runs so far:                   ./freeport usage --since 1h " + demoFlag + "\n"
                + "Without the frontier vendor:       ./freeport drill --vendor frontierlab " + demoFlag + "\n"
                + "Where the money goes:              ./freeport audit " + demoFlag;
    }

    static String banner(String base, FreeportConfig cfg, String demoFlag) {
        String models = String.join(", ", cfg.models().stream().map(ModelConfig::name).toList());
        return """
                Freeport demo is running on %1$s (simulated models of three vendors, no keys, no network).
                Models: %2$s

                Try it (-i shows the x-freeport-* headers: request id, provider, attempts, cost):
                  curl -s %1$s/v1/models
                  curl -si %1$s/v1/chat/completions -H 'content-type: application/json' \\
                    -d '{"model":"cheap","messages":[{"role":"user","content":"Say hello"}]}'
                  curl -sN %1$s/v1/chat/completions -H 'content-type: application/json' \\
                    -d '{"model":"smart","stream":true,"messages":[{"role":"user","content":"Tell me a story"}]}'

                OpenAI SDK (Python):
                  from openai import OpenAI
                  client = OpenAI(base_url="%1$s/v1", api_key="unused")
                  print(client.chat.completions.create(model="smart",
                        messages=[{"role": "user", "content": "Hello"}]).choices[0].message.content)

                Anthropic SDK (Python):
                  import anthropic
                  client = anthropic.Anthropic(base_url="%1$s", api_key="unused")
                  print(client.messages.create(model="smart", max_tokens=256,
                        messages=[{"role": "user", "content": "Hello"}]).content[0].text)

                Claude Code on these models:
                  ANTHROPIC_BASE_URL=%1$s ANTHROPIC_AUTH_TOKEN=unused \\
                    ANTHROPIC_MODEL=smart ANTHROPIC_DEFAULT_HAIKU_MODEL=cheap claude

                Then, in another terminal:
                  ./freeport explain <x-freeport-request-id> %3$s     why a request went where it went
                  ./freeport usage --since 1h %3$s                    spend so far
                  ./freeport vendor disable frontierlab %3$s          kill switch: smart falls back to opencloud
                  ./freeport drill --vendor frontierlab %3$s          what an outage of that vendor would do
                Web console: %1$s/ui (no admin key in the demo: any key logs in from this machine)
                Stop with Ctrl-C.
                """.formatted(base, models, demoFlag);
    }
}
