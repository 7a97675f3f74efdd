package dev.freeport.cli;

import dev.freeport.audit.AuditInput;
import dev.freeport.audit.AuditJson;
import dev.freeport.audit.AuditReport;
import dev.freeport.audit.AuditService;
import dev.freeport.audit.Auditor;
import dev.freeport.audit.HtmlReport;
import dev.freeport.audit.Imported;
import dev.freeport.audit.LogImport;
import dev.freeport.audit.SampleWorkload;
import dev.freeport.audit.TerminalReport;
import dev.freeport.catalog.PriceCatalog;
import dev.freeport.config.ConfigException;
import dev.freeport.config.ConfigLoader;
import dev.freeport.config.FreeportConfig;
import dev.freeport.ledger.UsageSummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code freeport audit [--sample | --import FILE [--format F]] [--since 30d] [--json | --html FILE]}: where the
 * money goes, concentration, token-maxxing findings and savings on open models, from the ledger, an imported log
 * or a synthetic sample.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Spend audit: spend breakdowns, vendor concentration, waste findings, savings on open models.")
final class AuditCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--sample", description = "Audit a synthetic month of traffic (no ledger needed).")
    boolean sample;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of --sample (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--import", paramLabel = "FILE", description = "Audit a log file instead of the ledger.")
    Path importFile;

    @Option(names = "--format", description = "Format of --import: openai-jsonl or litellm (default: detected).")
    String format;

    @Option(names = "--since", defaultValue = "30d", description = "How far back (ledger and imports): 24h, 7d, ... (default: ${DEFAULT-VALUE}); --sample ignores it.")
    String since;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE", description = "Write one self-contained HTML report to FILE.")
    Path html;

    @Option(names = "--data-dir", description = "The ledger's directory (default: the config's ledger.data_dir, else ./freeport-data).")
    Path dataDir;

    @Option(names = {"-c", "--config"}, description = "Config file: ledger directory, providers and aliases (fallbacks).")
    Path config;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FreeportConfig cfg = null;
        try {
            cfg = config == null ? null : ConfigLoader.load(config);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 2;
        }
        Path dir = dataDir != null ? dataDir : cfg != null ? cfg.ledger().dataDir() : Path.of("freeport-data");
        Instant from;
        try {
            from = Instant.now().minus(UsageSummary.parseSince(since));
        } catch (IllegalArgumentException e) {
            err.println("freeport audit: " + e.getMessage());
            return 2;
        }
        PriceCatalog catalog = AuditService.catalog(dir, cfg);
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
                if (!Files.isDirectory(dir)) {
                    err.println("freeport audit: no ledger at " + dir.toAbsolutePath()
                            + " (run the gateway first, pass --data-dir / --config, or try --sample)");
                    return 1;
                }
                input = AuditService.ledgerInput(dir, from, cfg);
            }
        } catch (IOException e) {
            err.println("freeport audit: cannot read " + importFile + ": " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            err.println("freeport audit: " + e.getMessage());
            return 2;
        }
        AuditReport report = Auditor.analyze(input, catalog);
        if (html != null) {
            try {
                Files.writeString(html, HtmlReport.render(report));
            } catch (IOException e) {
                err.println("freeport audit: cannot write " + html + ": " + e.getMessage());
                return 1;
            }
            err.println("wrote " + html.toAbsolutePath());
        }
        if (json) {
            out.println(AuditJson.of(report).toPrettyString());
        } else if (html == null) {
            out.print(TerminalReport.render(report));
        }
        out.flush();
        return 0;
    }
}
