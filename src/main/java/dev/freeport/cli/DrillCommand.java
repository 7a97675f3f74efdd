package dev.freeport.cli;

import dev.freeport.catalog.PriceCatalog;
import dev.freeport.config.ConfigException;
import dev.freeport.ledger.LedgerReader;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.route.assembly.RouteDescriptions;
import dev.freeport.route.drill.DrillReport;
import dev.freeport.route.drill.DrillRoute;
import dev.freeport.route.drill.DrillTarget;
import dev.freeport.route.drill.OutageDrill;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code freeport drill --vendor NAME [--days 7]}: an outage drill on paper. Takes the config's aliases (targets,
 * vendors and prices as the gateway would build them) and the last N days of the ledger, and reports which
 * aliases would fail, which would fall back and to what, and how cost and latency would change.
 */
@Command(name = "drill", mixinStandardHelpOptions = true,
        description = "Outage drill: what the last N days of traffic would have done without one vendor.")
final class DrillCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--vendor", required = true, paramLabel = "NAME",
            description = "The vendor to take away, as in the catalog: openai, anthropic, deepseek, google, ...")
    String vendor;

    @Option(names = "--days", defaultValue = "7", description = "Days of ledger to replay (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--data-dir", description = "The ledger's directory (default: the config's ledger.data_dir, else ./freeport-data).")
    Path dataDir;

    @Option(names = "--demo", description = "Drill the built-in demo's aliases (what `freeport demo` runs) instead of a config.")
    boolean demo;

    @Option(names = {"-c", "--config"}, description = "The gateway's config: aliases, targets, prices, ledger store (default: ./freeport.yaml).")
    Path config;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (days < 1) {
            err.println("freeport drill: --days must be at least 1");
            return 2;
        }
        Path configFile = config != null ? config : Path.of("freeport.yaml");
        if (!demo && !Files.isRegularFile(configFile)) {
            err.println("freeport drill: no config at " + configFile.toAbsolutePath()
                    + " (the drill needs the aliases: pass --config FILE, or --demo for the demo's)");
            return 2;
        }
        LedgerSource source;
        try {
            source = demo ? LedgerSource.demo(dataDir) : LedgerSource.resolve(configFile, dataDir);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 2;
        }
        if (!source.readable()) {
            err.println("freeport drill: " + source.missing());
            return 1;
        }
        List<DrillRoute> routes = RouteDescriptions.describe(source.config(), PriceCatalog.bundled());
        Instant to = Instant.now().plusMillis(1);
        Instant from = to.minus(Duration.ofDays(days));
        List<UsageEvent> events;
        try {
            events = LedgerReader.read(source.dataDir(), source.store(), from);
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            err.println("freeport drill: " + e.getMessage());
            return 1;
        }
        String gone = vendor.strip().toLowerCase(Locale.ROOT);
        TreeSet<String> known = new TreeSet<>();
        routes.forEach(r -> r.targets().stream().map(DrillTarget::vendor).filter(v -> v != null)
                .forEach(v -> known.add(v.toLowerCase(Locale.ROOT))));
        DrillReport report = OutageDrill.run(gone, from, to, events, routes);
        if (!known.contains(gone) && report.totals().viaVendor() == 0) {
            err.println("freeport drill: no target of vendor " + gone + " in " + configFile
                    + " and no traffic to it in the last " + days + " days; configured vendors: "
                    + (known.isEmpty() ? "none" : String.join(", ", known)));
            return 2;
        }
        out.print(json ? DrillText.json(report) + "\n" : DrillText.text(report, days));
        out.flush();
        return 0;
    }
}
