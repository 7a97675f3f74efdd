package dev.freeport.cli;

import dev.freeport.audit.AuditInput;
import dev.freeport.audit.AuditJson;
import dev.freeport.audit.AuditRecord;
import dev.freeport.audit.AuditReport;
import dev.freeport.audit.AuditService;
import dev.freeport.audit.Auditor;
import dev.freeport.audit.HtmlReport;
import dev.freeport.audit.Imported;
import dev.freeport.audit.LogImport;
import dev.freeport.audit.SampleWorkload;
import dev.freeport.audit.TerminalReport;
import dev.freeport.catalog.PriceCatalog;
import dev.freeport.config.FreeportConfig;
import dev.freeport.config.TargetConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code freeport audit [--sample | --import FILE [--format F]] [--since 30d] [--json | --html FILE]}: where the
 * money goes, concentration, token-maxxing findings and savings on open models, from the ledger, an imported log
 * or a synthetic sample. With a config, vendors are named as routing names them (see {@link KnownVendors}).
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Spend audit: spend breakdowns, vendor concentration, waste findings, savings on open models.")
final class AuditCommand extends CliCommand {

    @Option(names = "--sample", description = "Audit a synthetic month of traffic (no ledger needed).")
    boolean sample;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of --sample (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--import", paramLabel = "FILE", description = "Audit a log file instead of the ledger.")
    Path importFile;

    @Option(names = "--format", description = "Format of --import: openai-jsonl or litellm (default: detected).")
    String format;

    @Option(names = "--since", paramLabel = "DURATION", defaultValue = "30d", description = "How far back (ledger and imports): 24h, 7d, 2w, "
            + "... (default: ${DEFAULT-VALUE}); --sample ignores it.")
    String since;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE", description = "Write one self-contained HTML report to FILE.")
    Path html;

    @Mixin
    ConfigOption config;

    @Mixin
    DataOptions data;

    @Override
    int execute() {
        Instant from = Instant.now().minus(duration("--since", since));
        LedgerSource source = data.source(config);
        FreeportConfig cfg = source.config();
        PriceCatalog catalog = AuditService.catalog(source.dataDir(), cfg);
        AuditInput input;
        try {
            if (sample) {
                input = SampleWorkload.generate(seed, catalog);
            } else if (importFile != null) {
                Imported imp = LogImport.read(importFile, format == null ? null : LogImport.Format.parse(format),
                        catalog);
                input = new AuditInput("import " + importFile.getFileName(), imp.records().stream()
                        .filter(r -> !r.event().time().isBefore(from)).toList(), imp.malformed(), List.of());
            } else {
                if (!source.readable()) {
                    throw CliFailure.failed("no ledger at " + source.shown().toAbsolutePath() + " "
                            + source.advice() + "; or try --sample");
                }
                input = routingVendors(AuditService.ledgerInput(source.dataDir(), from, cfg), cfg);
            }
        } catch (IOException e) {
            throw CliFailure.failed("cannot read " + importFile + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw CliFailure.usage(e.getMessage());
        }
        AuditReport report = Auditor.analyze(input, catalog);
        if (!sample && importFile == null) {
            report = AuditService.withBill(report, source.dataDir());
        }
        if (html != null) {
            try {
                Files.writeString(html, HtmlReport.render(report));
            } catch (IOException e) {
                throw CliFailure.failed("cannot write " + html + ": " + e.getMessage());
            }
            err().println("wrote " + html.toAbsolutePath());
        }
        if (json) {
            out().println(AuditJson.of(report).toPrettyString());
        } else if (html == null) {
            out().print(TerminalReport.render(report));
        }
        return 0;
    }

    /**
     * The ledger's records with each provider's vendor as routing names it (a vLLM server is "self", a provider's
     * {@code vendor:} wins), the name the kill switch and the drill take; without a config, as the audit has them.
     */
    static AuditInput routingVendors(AuditInput in, FreeportConfig cfg) {
        if (cfg == null) {
            return in;
        }
        Map<String, String> vendors = KnownVendors.byProvider(cfg);
        List<AuditRecord> records = in.records().stream().map(r -> new AuditRecord(r.event(),
                vendors.getOrDefault(r.event().provider(), r.vendor()), r.images(), r.jsonOutput())).toList();
        List<AuditInput.AliasTargets> aliases = cfg.models().stream().map(m -> new AuditInput.AliasTargets(m.name(),
                m.targets().stream().map(TargetConfig::provider).map(p -> vendors.getOrDefault(p, p)).toList()))
                .toList();
        return new AuditInput(in.source(), records, in.malformed(), aliases);
    }
}
