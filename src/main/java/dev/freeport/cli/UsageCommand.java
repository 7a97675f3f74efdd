package dev.freeport.cli;

import dev.freeport.config.ConfigException;
import dev.freeport.config.ConfigLoader;
import dev.freeport.config.FreeportConfig;
import dev.freeport.config.StoreConfig;
import dev.freeport.ledger.UsageSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * {@code freeport usage --since 24h [--by alias|provider|model] [--json]}: the spend table from the ledger. With
 * {@code --config} whose {@code store.type} is postgres, it reads the shared PostgreSQL (every replica's events that
 * reached it) plus the journal-only events of this machine's data dir ({@code --data-dir}, else the config's
 * ledger.data_dir) when that directory exists.
 */
@Command(name = "usage", mixinStandardHelpOptions = true,
        description = "Spend and tokens from the ledger, grouped by alias, provider or model.")
final class UsageCommand implements Callable<Integer> {

    @Option(names = "--since", defaultValue = "24h", description = "How far back: 90s, 30m, 24h, 7d (default: ${DEFAULT-VALUE}).")
    String since;

    @Option(names = "--by", defaultValue = "alias", description = "Group by alias, provider or model (default: ${DEFAULT-VALUE}).")
    String by;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--data-dir", description = "The ledger's directory (default: the config's ledger.data_dir, else ./freeport-data).")
    Path dataDir;

    @Option(names = {"-c", "--config"}, description = "Read the ledger directory and store (sqlite or postgres) from this config file.")
    Path config;

    @Override
    public Integer call() {
        Path dir = dataDir;
        StoreConfig store = StoreConfig.EMBEDDED;
        if (config != null) {
            try {
                FreeportConfig cfg = ConfigLoader.load(config);
                store = cfg.store();
                if (dir == null) {
                    dir = cfg.ledger().dataDir();
                }
            } catch (ConfigException e) {
                System.err.println(e.getMessage());
                return 2;
            }
        }
        boolean shared = store.kind() == StoreConfig.Kind.POSTGRES;
        if (dir == null) {
            dir = Path.of("freeport-data");
        }
        Duration window;
        try {
            window = UsageSummary.parseSince(since);
            UsageSummary.GroupBy.parse(by);
        } catch (IllegalArgumentException e) {
            System.err.println("freeport usage: " + e.getMessage());
            return 2;
        }
        boolean local = java.nio.file.Files.isDirectory(dir);
        if (!local && !shared) {
            System.err.println("freeport usage: no ledger at " + dir.toAbsolutePath()
                    + " (run the gateway first, or pass --data-dir / --config)");
            return 1;
        }
        try {
            System.out.println(render(local ? dir : null, store, window, by, json));
        } catch (IllegalStateException e) {
            System.err.println("freeport usage: " + e.getMessage());
            return 1;
        }
        return 0;
    }

    static String render(Path dataDir, Duration window, String by, boolean json) {
        return render(dataDir, StoreConfig.EMBEDDED, window, by, json);
    }

    /** The summary of the ledger in {@code store} (plus {@code dataDir}'s journal, which may be null). */
    static String render(Path dataDir, StoreConfig store, Duration window, String by, boolean json) {
        UsageSummary s = UsageSummary.load(dataDir, store, Instant.now().minus(window),
                UsageSummary.GroupBy.parse(by));
        return json ? s.toJson() : s.toTable();
    }
}
