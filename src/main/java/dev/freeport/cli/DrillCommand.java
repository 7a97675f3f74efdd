package dev.freeport.cli;

import dev.freeport.api.VendorNames;
import dev.freeport.catalog.PriceCatalog;
import dev.freeport.ledger.LedgerReader;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.route.assembly.RouteDescriptions;
import dev.freeport.route.drill.DrillReport;
import dev.freeport.route.drill.DrillRoute;
import dev.freeport.route.drill.OutageDrill;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SortedSet;

/**
 * {@code freeport drill --vendor NAME [--since 7d]}: an outage drill on paper. Takes the config's aliases (targets,
 * vendors and prices as the gateway would build them) and the ledger's recent traffic, and reports which aliases
 * would fail, which would fall back and to what, and how cost and latency would change.
 */
@Command(name = "drill", mixinStandardHelpOptions = true,
        description = "Outage drill: what the recent traffic would have done without one vendor.")
final class DrillCommand extends CliCommand {

    @Option(names = "--vendor", required = true, paramLabel = "NAME",
            description = "The vendor to take away, as routing names it: openai, anthropic, deepseek, google, self, ...")
    String vendor;

    @Option(names = "--since", paramLabel = "DURATION", defaultValue = "7d", description = "How much of the ledger to replay: 24h, 7d, 2w "
            + "(default: ${DEFAULT-VALUE}).")
    String since;

    @Option(names = "--days", hidden = true, description = "Same as --since Nd (kept for older scripts).")
    Integer days;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Mixin
    ConfigOption config;

    @Mixin
    DataOptions data;

    @Override
    int execute() {
        Duration window = days != null ? Duration.ofDays(days) : duration("--since", since);
        if (days != null && days < 1) {
            throw CliFailure.usage("--days must be at least 1");
        }
        if (!data.demo) {
            config.require("the drill needs the aliases; --demo drills the demo's");
        }
        LedgerSource source = data.source(config).requireReadable();
        List<DrillRoute> routes = RouteDescriptions.describe(source.config(), PriceCatalog.bundled());
        Instant to = Instant.now().plusMillis(1);
        Instant from = to.minus(window);
        List<UsageEvent> events;
        try {
            events = LedgerReader.read(source.dataDir(), source.store(), from);
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw CliFailure.failed(e.getMessage());
        }
        String gone;
        try {
            gone = VendorNames.require(vendor);
        } catch (IllegalArgumentException e) {
            throw CliFailure.usage(e.getMessage());
        }
        SortedSet<String> known = KnownVendors.ofConfig(source.config());
        DrillReport report = OutageDrill.run(gone, from, to, events, routes);
        if (!known.contains(gone) && report.totals().viaVendor() == 0) {
            throw CliFailure.usage("no target of vendor " + gone + " in "
                    + (data.demo ? "the demo" : config.path().orElseThrow().toString()) + " and no traffic to it in"
                    + " the last " + DrillText.window(window) + KnownVendors.hint(gone, known, source.config())
                    + "; configured vendors: " + (known.isEmpty() ? "none" : String.join(", ", known)));
        }
        out().print(json ? DrillText.json(report) + "\n" : DrillText.text(report, DrillText.window(window)));
        return 0;
    }
}
