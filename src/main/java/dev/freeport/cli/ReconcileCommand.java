package dev.freeport.cli;

import dev.freeport.api.VendorNames;
import dev.freeport.audit.AuditService;
import dev.freeport.catalog.FxRates;
import dev.freeport.catalog.PriceCatalog;
import dev.freeport.ledger.LedgerReader;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.ledger.UsageSummary;
import dev.freeport.reconcile.Exports;
import dev.freeport.reconcile.LastRun;
import dev.freeport.reconcile.LedgerDays;
import dev.freeport.reconcile.LedgerRow;
import dev.freeport.reconcile.LedgerVendors;
import dev.freeport.reconcile.ReconcileReport;
import dev.freeport.reconcile.Reconciler;
import dev.freeport.reconcile.Tolerance;
import dev.freeport.reconcile.VendorExport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code freeport reconcile --import FILE [--import FILE2] [--vendor NAME] [--since 30d]}: the ledger against a
 * vendor's own usage/cost export, per day × model (docs/PRICING.md). Exit 0 when everything is within the
 * tolerance, 1 when there are findings (or the ledger cannot be read), 2 on bad arguments or files.
 */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = "Compare the ledger with a vendor's usage/cost export, per day and model.")
final class ReconcileCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--import", required = true, paramLabel = "FILE",
            description = "A vendor export: OpenAI usage or costs JSON, Anthropic usage or cost report JSON, "
                    + "OpenRouter activity JSON/CSV, or a daily CSV. Repeat to combine a usage and a cost export.")
    List<Path> imports;

    @Option(names = "--vendor", paramLabel = "NAME", description = "The vendor the export is from (default: as the file says).")
    String vendor;

    @Option(names = "--since", defaultValue = "30d", description = "How far back: 24h, 7d, 30d (default: ${DEFAULT-VALUE}).")
    String since;

    @Option(names = "--tolerance", defaultValue = "1%", description = "Share of the billed figure a difference may have (default: ${DEFAULT-VALUE}).")
    String tolerance;

    @Option(names = "--tolerance-usd", defaultValue = "0.01", description = "Money differences up to this are never findings (default: ${DEFAULT-VALUE}).")
    BigDecimal toleranceUsd;

    @Option(names = "--fx", paramLabel = "CUR=USD", description = "Exchange rate for repricing non-USD catalog entries, e.g. CNY=0.14.")
    Map<String, BigDecimal> fx;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Mixin
    ConfigOption config;

    @Mixin
    DataOptions data;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Duration window;
        Tolerance tol;
        try {
            window = UsageSummary.parseSince(since);
            tol = new Tolerance(Tolerance.parseShare(tolerance),
                    toleranceUsd.movePointRight(9).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
        } catch (IllegalArgumentException | ArithmeticException e) {
            err.println("freeport reconcile: " + e.getMessage());
            return 2;
        }
        List<VendorExport> exports = new ArrayList<>();
        try {
            for (Path f : imports) {
                exports.add(Exports.read(f));
            }
        } catch (IOException | IllegalArgumentException e) {
            err.println("freeport reconcile: " + e.getMessage());
            return 2;
        }
        String v = vendorOf(exports, err);
        if (v == null) {
            return 2;
        }
        LedgerSource source;
        try {
            source = data.source(config).requireReadable();
        } catch (CliFailure e) {
            err.println("freeport reconcile: " + e.getMessage());
            return e.exitCode();
        }
        Instant start = Instant.now().minus(window);
        List<UsageEvent> events;
        try {
            events = LedgerReader.read(source.dataDir(), source.store(), start);
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            err.println("freeport reconcile: " + e.getMessage());
            return 1;
        }
        PriceCatalog catalog = AuditService.catalog(source.dataDir(), source.config());
        FxRates rates = new FxRates(fx == null ? Map.of() : fx, "--fx", null);
        Map<String, LedgerRow> ledger = LedgerDays.of(events, LedgerVendors.of(source.config()), v, catalog, rates);
        ReconcileReport report = Reconciler.compare(v, ledger, exports, start.atZone(ZoneOffset.UTC).toLocalDate(),
                LocalDate.now(ZoneOffset.UTC), tol, catalog);
        out.print(json ? report.toJson().encodePrettily() + "\n" : report.toText());
        out.flush();
        if (source.dataDir() != null) {
            try {
                LastRun.record(source.dataDir(), LastRun.of(report, Instant.now()));
            } catch (java.io.UncheckedIOException e) {
                err.println("freeport reconcile: the audit will not show these findings: " + e.getMessage());
            }
        }
        return report.findings().isEmpty() ? 0 : 1;
    }

    /** --vendor, else the one vendor the files name; null (after a message) when that is ambiguous or missing. */
    private String vendorOf(List<VendorExport> exports, PrintWriter err) {
        if (vendor != null) {
            return VendorNames.canonical(vendor.strip().toLowerCase(Locale.ROOT));
        }
        List<String> named = exports.stream().map(VendorExport::vendor).filter(x -> x != null).distinct().toList();
        if (named.size() == 1) {
            return VendorNames.canonical(named.get(0));
        }
        err.println("freeport reconcile: " + (named.isEmpty() ? "the export does not say which vendor it is from"
                : "the exports are from several vendors " + named) + "; pass --vendor NAME");
        return null;
    }
}
