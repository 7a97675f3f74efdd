package dev.freeport.cli;

import dev.freeport.api.Usage;
import dev.freeport.config.LedgerConfig;
import dev.freeport.ledger.JournaledLedger;
import dev.freeport.ledger.RequestFacts;
import dev.freeport.ledger.UsageEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One rule for the config file of every command that reads one: --config (after the command or before it), else
 * ./freeport.yaml when it exists.
 */
class ConfigRuleTest {
    @TempDir
    Path tmp;

    private void recordOneEvent(Path dataDir) {
        try (JournaledLedger ledger = JournaledLedger.open(new LedgerConfig(dataDir, 10, Duration.ofMillis(20)))) {
            ledger.record(UsageEvent.builder("req-1", Instant.now().minusSeconds(60)).caller("fp-abc1").endpoint("chat")
                    .alias("cheap").target("ds", "deepseek-chat").attempts(1)
                    .outcome(UsageEvent.Status.OK, 200, null, null).stream(false)
                    .usage(new Usage(10, 5, 0, 0, 0, false)).costNanos(100).latency(90, 30L).facts(RequestFacts.NONE)
                    .build());
        }
    }

    private void writeDotFreeportYaml() throws Exception {
        Files.writeString(tmp.resolve("freeport.yaml"), """
                providers:
                  ds: { type: openai, preset: deepseek, api_key: sk-test }
                models:
                  - { name: cheap, targets: [ ds/deepseek-chat ] }
                ledger: { data_dir: data }
                """);
    }

    /** Every command and subcommand with a --config option, by qualified name, and whether it is the shared one. */
    private static List<String> configCommands(CommandLine cl, List<String> notShared) {
        List<String> out = new ArrayList<>();
        var spec = cl.getCommandSpec();
        if (spec.findOption("--config") != null && spec.parent() != null) {
            out.add(spec.qualifiedName(" "));
            boolean shared = spec.mixins().values().stream().anyMatch(m -> m.userObject() instanceof ConfigOption);
            if (!shared) {
                notShared.add(spec.qualifiedName(" "));
            }
        }
        cl.getSubcommands().values().forEach(sub -> out.addAll(configCommands(sub, notShared)));
        return out;
    }

    @Test
    void everyCommandThatReadsAConfigTakesItThroughTheOneSharedOption() {
        List<String> notShared = new ArrayList<>();
        List<String> withConfig = configCommands(Main.commandLine(CliContext.SYSTEM), notShared);

        assertThat(notShared).isEmpty();
        assertThat(withConfig).contains("freeport serve", "freeport config check", "freeport usage",
                "freeport explain", "freeport drill", "freeport audit", "freeport keys create", "freeport keys list",
                "freeport teams create", "freeport vendor disable", "freeport vendor list");
    }

    @Test
    void usageReadsTheLedgerOfDotFreeportYamlWhenNoConfigIsGiven() throws Exception {
        writeDotFreeportYaml();
        recordOneEvent(tmp.resolve("data"));

        CliRun r = CliRun.in(tmp, Map.of(), "usage", "--json");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"requests\" : 1");
    }

    @Test
    void explainReadsTheLedgerOfDotFreeportYamlWhenNoConfigIsGiven() throws Exception {
        writeDotFreeportYaml();
        recordOneEvent(tmp.resolve("data"));

        CliRun r = CliRun.in(tmp, Map.of(), "explain", "req-1");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("alias       cheap");
    }

    @Test
    void configBeforeTheCommandIsThatCommandsConfig() throws Exception {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("gw.yaml"), "models: []\nledger: { data_dir: data }\n");
        recordOneEvent(elsewhere.resolve("data"));

        CliRun r = CliRun.in(tmp, Map.of(), "--config", "elsewhere/gw.yaml", "usage", "--json");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"requests\" : 1");
    }

    @Test
    void topLevelConfigRunsServeWithIt() throws Exception {
        Files.writeString(tmp.resolve("bad.yaml"), "server: { port: 99999 }\n");

        CliRun r = CliRun.in(tmp, Map.of(), "--config", "bad.yaml");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("freeport serve: the config bad.yaml is not valid", "server.port");
    }

    @Test
    void serveWithoutAnyConfigSaysHowToGiveOneAndPointsAtTheDemo() {
        CliRun r = CliRun.in(tmp, Map.of(), "serve");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("freeport serve: no config: pass --config FILE", "./freeport.yaml",
                "`freeport demo` runs without one");
    }

    @Test
    void configCheckWithoutAFileChecksDotFreeportYaml() throws Exception {
        writeDotFreeportYaml();

        CliRun r = CliRun.in(tmp, Map.of(), "config", "check");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("freeport.yaml: OK", "cheap");
    }

    @Test
    void anInvalidDotFreeportYamlStopsTheCommandNamingTheFile() throws Exception {
        Files.writeString(tmp.resolve("freeport.yaml"), "ledger: { data_dir: data, batch: 3 }\n");

        CliRun r = CliRun.in(tmp, Map.of(), "usage");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("freeport usage: the config ./freeport.yaml is not valid", "ledger.batch");
    }
}
