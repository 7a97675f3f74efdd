package dev.freeport.cli;

import dev.freeport.config.StoreConfig;
import dev.freeport.ledger.UsageSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;

/**
 * {@code freeport usage --since 24h [--by alias|provider|model] [--json]}: the spend table from the ledger. With a
 * config whose {@code store.type} is postgres, it reads the shared PostgreSQL (every replica's events that reached
 * it) plus the journal-only events of this machine's data dir when that directory exists.
 */
@Command(name = "usage", mixinStandardHelpOptions = true,
        description = "Spend and tokens from the ledger, grouped by alias, provider or model.")
final class UsageCommand extends CliCommand {

    @Option(names = "--since", paramLabel = "DURATION", defaultValue = "24h",
            description = "How far back: 90s, 30m, 24h, 7d, 2w (default: ${DEFAULT-VALUE}).")
    String since;

    @Option(names = "--by", defaultValue = "alias", description = "Group by alias, provider or model (default: ${DEFAULT-VALUE}).")
    String by;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Mixin
    ConfigOption config;

    @Mixin
    DataOptions data;

    @Override
    int execute() {
        Instant from = Instant.now().minus(duration("--since", since));
        try {
            UsageSummary.GroupBy.parse(by);
        } catch (IllegalArgumentException e) {
            throw CliFailure.usage("--by: " + e.getMessage());
        }
        LedgerSource source = data.source(config).requireReadable();
        try {
            out().println(render(source.dataDir(), source.store(), from, by, json));
        } catch (IllegalStateException e) {
            throw CliFailure.failed(e.getMessage());
        }
        return 0;
    }

    /** The summary of the ledger in {@code store} (plus {@code dataDir}'s journal, which may be null) since {@code from}. */
    static String render(Path dataDir, StoreConfig store, Instant from, String by, boolean json) {
        UsageSummary s = UsageSummary.load(dataDir, store, from, UsageSummary.GroupBy.parse(by));
        return json ? s.toJson() : s.toTable();
    }
}
