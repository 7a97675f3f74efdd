package dev.freeport.cli;

import dev.freeport.config.ConfigUnits;
import dev.freeport.config.LedgerConfig;
import dev.freeport.ledger.LedgerPrune;
import dev.freeport.ledger.PrunedEvents;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;

/** {@code freeport ledger prune}: the ledger's maintenance commands. */
@Command(name = "ledger", mixinStandardHelpOptions = true, description = "Maintain the usage ledger.",
        subcommands = {LedgerCommand.Prune.class})
final class LedgerCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * {@code freeport ledger prune [--older-than 30d] [--config FILE | --data-dir DIR] [--dry-run] [--vacuum]}:
     * deletes what the retention does not keep (the config's ledger.retention / max_size, default 90 days, or
     * --older-than) and prints what went. Safe next to a running gateway and, with PostgreSQL, its replicas.
     */
    @Command(name = "prune", mixinStandardHelpOptions = true,
            description = "Delete ledger events past the retention (or --older-than) and print what was removed.")
    static final class Prune implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--older-than", paramLabel = "AGE",
                description = "Delete every event older than this (e.g. 30d, 12h) instead of the config's retention.")
        String olderThan;

        @Option(names = "--dry-run", description = "Only count what would be deleted.")
        boolean dryRun;

        @Option(names = "--vacuum", description = "SQLite: afterwards rewrite the file without its free pages "
                + "(needs free disk as large as the database; holds the database lock while it runs).")
        boolean vacuum;

        @Mixin
        ConfigOption config;

        @Mixin
        DataOptions data;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Duration age = null;
            if (olderThan != null) {
                try {
                    age = ConfigUnits.parseDuration(olderThan, false, Duration.ofDays(36_500));
                } catch (IllegalArgumentException e) {
                    err.println("freeport ledger prune: --older-than " + e.getMessage());
                    return 2;
                }
            }
            LedgerSource source;
            try {
                source = data.source(config).requireReadable();
            } catch (CliFailure e) {
                err.println("freeport ledger prune: " + e.getMessage());
                return e.exitCode();
            }
            LedgerConfig policy = source.config() != null ? source.config().ledger()
                    : new LedgerConfig(source.shown(), 500, Duration.ofMillis(200), LedgerConfig.DEFAULT_RETENTION, 0);
            LedgerPrune.Result r;
            try {
                r = LedgerPrune.run(source.dataDir(), source.store(), policy, age, dryRun, vacuum);
            } catch (IllegalStateException e) {
                err.println("freeport ledger prune: " + e.getMessage());
                return 1;
            }
            out.print(text(r));
            out.flush();
            return 0;
        }
    }

    static String text(LedgerPrune.Result r) {
        StringBuilder b = new StringBuilder();
        if (r.cutoff() == null) {
            b.append("nothing to prune in ").append(r.database()).append(": ").append(r.reason())
                    .append(" (pass --older-than to delete old events anyway)\n");
        } else {
            PrunedEvents m = r.matched();
            String cutoff = r.cutoff().truncatedTo(ChronoUnit.SECONDS).toString();
            if (m.events() == 0) {
                b.append("nothing to prune in ").append(r.database()).append(": no event older than ").append(cutoff)
                        .append(" (").append(r.reason()).append(")\n");
            } else {
                b.append(r.dryRun() ? "would delete " : "deleted ")
                        .append(String.format("%,d", r.dryRun() ? m.events() : r.deleted()))
                        .append(" events older than ").append(cutoff).append(" (").append(r.reason()).append(") from ")
                        .append(r.database()).append('\n')
                        .append("  from ").append(m.oldest().truncatedTo(ChronoUnit.SECONDS)).append(" to ")
                        .append(m.newest().truncatedTo(ChronoUnit.SECONDS)).append(", ")
                        .append(usd(m.costNanos())).append(" of spend\n");
            }
        }
        if (r.fileBytes() >= 0) {
            b.append("  database ").append(mib(r.fileBytes()));
            if (r.vacuumed()) {
                b.append(" after vacuum\n");
            } else {
                b.append(", of which ").append(mib(r.freeBytes()))
                        .append(" free pages (new events reuse them; --vacuum gives them back)\n");
            }
        }
        return b.toString();
    }

    private static String usd(long nanos) {
        return "$" + BigDecimal.valueOf(nanos, 9).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
