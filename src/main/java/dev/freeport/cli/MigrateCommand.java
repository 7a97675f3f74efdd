package dev.freeport.cli;

import dev.freeport.lab.LabReports;
import dev.freeport.lab.LabStore;
import dev.freeport.lab.MigrationReport;
import dev.freeport.json.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Instant;

/** {@code freeport migrate report}: the migration lab's commands (docs/MIGRATION.md). */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "The migration lab: compare candidate models with an alias's incumbent on its own traffic.",
        subcommands = {MigrateCommand.Report.class})
final class MigrateCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * {@code freeport migrate report --alias A [--since 30d] [--json]}: per candidate, the share as good or better
     * with its 95 % interval, check failure rates side by side, latency, cost, the projected monthly saving, slices
     * by team, key and kind of request, the worst examples and a routing suggestion.
     */
    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "The verdict on an alias's candidates from shadow and replay results.")
    static final class Report extends CliCommand {

        @Option(names = "--alias", required = true, description = "The alias whose candidates to report on.")
        String alias;

        @Option(names = "--since", paramLabel = "DURATION", defaultValue = "30d",
                description = "Samples from this far back (default: ${DEFAULT-VALUE}).")
        String since;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Mixin
        ConfigOption config;

        @Mixin
        DataOptions data;

        @Override
        int execute() {
            Instant now = Instant.now();
            Instant from = now.minus(duration("--since", since));
            LedgerSource source = data.source(config).requireReadable();
            try (LabStore lab = LabStore.open(source.store(), source.dataDir())) {
                MigrationReport r = LabReports.build(lab, source.dataDir(), source.store(), alias.strip(), from, now);
                out().println(json ? Json.MAPPER.writerWithDefaultPrettyPrinter()
                        .writeValueAsString(LabReports.json(r)) : LabReports.text(r));
            } catch (IllegalStateException | com.fasterxml.jackson.core.JsonProcessingException e) {
                throw CliFailure.failed(e.getMessage());
            }
            return 0;
        }
    }
}
