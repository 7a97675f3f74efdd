package dev.freeport.cli;

import dev.freeport.config.ConfigException;
import dev.freeport.config.ConfigLoader;
import dev.freeport.ledger.UsageSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code freeport usage --since 24h [--by alias|provider|model] [--json]}: the spend table from the ledger. */
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

    @Option(names = {"-c", "--config"}, description = "Read the ledger directory from this config file.")
    Path config;

    @Override
    public Integer call() {
        Path dir = dataDir;
        if (dir == null && config != null) {
            try {
                dir = ConfigLoader.load(config).ledger().dataDir();
            } catch (ConfigException e) {
                System.err.println(e.getMessage());
                return 2;
            }
        }
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
        if (!java.nio.file.Files.isDirectory(dir)) {
            System.err.println("freeport usage: no ledger at " + dir.toAbsolutePath()
                    + " (run the gateway first, or pass --data-dir / --config)");
            return 1;
        }
        System.out.println(render(dir, window, by, json));
        return 0;
    }

    static String render(Path dataDir, Duration window, String by, boolean json) {
        UsageSummary s = UsageSummary.load(dataDir, Instant.now().minus(window), UsageSummary.GroupBy.parse(by));
        return json ? s.toJson() : s.toTable();
    }
}
