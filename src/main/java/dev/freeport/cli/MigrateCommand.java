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

/** {@code freeport migrate report|judge|canary}: the migration lab's commands (docs/MIGRATION.md). */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "The migration lab: compare candidate models with an alias's incumbent on its own traffic.",
        subcommands = {MigrateCommand.Report.class, MigrateCommand.Judge.class, CanaryCommand.class,
                MigrateDemo.class})
final class MigrateCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * {@code freeport migrate report --alias A [--since 30d] [--json] [--html FILE]}: per candidate, the share as good or better
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

        @Option(names = "--html", paramLabel = "FILE", description = "Also write one self-contained HTML report to FILE.")
        java.nio.file.Path html;

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
                if (html != null) {
                    try {
                        java.nio.file.Files.writeString(html, dev.freeport.lab.MigrationHtml.render(r));
                    } catch (java.io.IOException e) {
                        throw CliFailure.failed("cannot write " + html + ": " + e.getMessage());
                    }
                }
                out().println(json ? Json.MAPPER.writerWithDefaultPrettyPrinter()
                        .writeValueAsString(LabReports.json(r)) : LabReports.text(r));
            } catch (IllegalStateException | com.fasterxml.jackson.core.JsonProcessingException e) {
                throw CliFailure.failed(e.getMessage());
            }
            return 0;
        }
    }

    /**
     * {@code freeport migrate judge --alias A --judge J [--since 30d] [--concurrency 4] [--budget 2usd]}: the judge
     * alias compares each candidate answer with the incumbent's, blind and in both orders; verdicts are stored for
     * the report. Resumable; stops at the budget (exit code 3).
     */
    @Command(name = "judge", mixinStandardHelpOptions = true,
            description = "Have a judge alias compare the candidates' answers with the incumbent's, blind, both orders.")
    static final class Judge extends CliCommand {

        @Option(names = "--alias", required = true, description = "The alias whose candidates are judged.")
        String alias;

        @Option(names = "--judge", required = true, description = "The judge: an alias of the config.")
        String judge;

        @Option(names = "--since", paramLabel = "DURATION", defaultValue = "30d",
                description = "Samples from this far back (default: ${DEFAULT-VALUE}).")
        String since;

        @Option(names = "--concurrency", defaultValue = "4",
                description = "Pairs judged at once (default: ${DEFAULT-VALUE}).")
        int concurrency;

        @Option(names = "--budget", paramLabel = "USD", description = "Stop once judging cost this much, e.g. 2usd.")
        String budget;

        @Mixin
        ConfigOption config;

        @Mixin
        DataOptions data;

        @Override
        int execute() {
            dev.freeport.config.FreeportConfig cfg = config.require("the judge is an alias of the config");
            if (cfg.models().stream().noneMatch(m -> m.name().equals(judge))) {
                throw CliFailure.usage("--judge: unknown alias '" + judge + "'");
            }
            if (concurrency < 1 || concurrency > 64) {
                throw CliFailure.usage("--concurrency: must be between 1 and 64");
            }
            long budgetNanos = ReplayCommand.usdNanos("--budget", budget);
            Instant from = Instant.now().minus(duration("--since", since));
            LedgerSource source = data.source(config).requireReadable();
            io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
            dev.freeport.route.assembly.SharedServices services = new dev.freeport.route.assembly.SharedServices(vertx);
            try (LabStore lab = LabStore.open(cfg.store(), source.dataDir())) {
                var rt = ReplayCommand.runtime(vertx, services, cfg);
                dev.freeport.lab.Judging.Progress p = new dev.freeport.lab.Judging(vertx, rt, lab, judge, concurrency,
                        budgetNanos, pr -> { }).run(alias.strip(), from.toEpochMilli()).toCompletionStage()
                        .toCompletableFuture().get(7, java.util.concurrent.TimeUnit.DAYS);
                out().println("judged " + p.judged() + " of " + p.total() + " pairs" + (p.failed() > 0 ? " ("
                        + p.failed() + " could not be judged)" : "") + ", judging cost $" + dev.freeport.catalog.PriceCatalog
                        .formatUsd(p.costNanos())
                        + (p.budgetStop() ? "; stopped at the budget: run it again to go on" : "")
                        + ". See: freeport migrate report --alias " + alias);
                return p.budgetStop() ? 3 : 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw CliFailure.failed("interrupted");
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                     | IllegalStateException e) {
                throw CliFailure.failed(e.getMessage());
            } finally {
                services.close();
                vertx.close();
            }
        }
    }
}
