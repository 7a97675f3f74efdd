package dev.freeport.cli;

import dev.freeport.audit.AuditService;
import dev.freeport.catalog.LiteLlmCatalog;
import dev.freeport.catalog.ModelInfo;
import dev.freeport.catalog.ModelPrice;
import dev.freeport.catalog.PriceCatalog;
import dev.freeport.catalog.VendorInfo;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;

/**
 * {@code freeport catalog import FILE}, {@code freeport catalog list} and {@code freeport catalog check}
 * ({@link CatalogCheckCommand}): the price and capability catalog.
 */
@Command(name = "catalog", mixinStandardHelpOptions = true, description = "The price and capability catalog.",
        subcommands = {CatalogCommand.Import.class, CatalogCommand.ListCmd.class, CatalogCheckCommand.class})
final class CatalogCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static Path userCatalog(Path out, Path dataDir) {
        return out != null ? out : (dataDir != null ? dataDir : Path.of("freeport-data")).resolve(AuditService.USER_CATALOG);
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import LiteLLM's model_prices_and_context_window.json into the user catalog.")
    static final class Import implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "A LiteLLM model_prices_and_context_window.json file.")
        Path file;

        @Option(names = "--data-dir", description = "Write <data-dir>/catalog.json (default: ./freeport-data).")
        Path dataDir;

        @Option(names = "--out", description = "Write this catalog file instead.")
        Path out;

        @Override
        public Integer call() {
            PrintWriter o = spec.commandLine().getOut();
            try {
                JsonObject src = new JsonObject(Files.readString(file));
                LiteLlmCatalog.Result r = LiteLlmCatalog.convert(src, PriceCatalog.bundled(),
                        "LiteLLM " + file.getFileName(), LocalDate.now());
                Path target = userCatalog(out, dataDir);
                int total = LiteLlmCatalog.writeInto(target, r.catalog());
                o.println("imported " + r.imported() + " models (" + r.skipped().size() + " skipped) into " + target
                        + " (" + total + " entries)");
                o.flush();
                return 0;
            } catch (IOException | RuntimeException e) {
                spec.commandLine().getErr().println("freeport catalog import: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the catalog (bundled, with the user catalog over it): prices, capabilities, vendors.")
    static final class ListCmd implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--data-dir", description = "Layer <data-dir>/catalog.json over the bundled catalog.")
        Path dataDir;

        @Option(names = "--catalog", description = "Layer this catalog file instead.")
        Path file;

        @Override
        public Integer call() {
            PrintWriter o = spec.commandLine().getOut();
            PriceCatalog c = PriceCatalog.load(userCatalog(file, dataDir));
            o.printf("%-12s %-48s %8s %8s %9s %9s  %s%n", "PROVIDER", "MODEL", "IN/M", "OUT/M", "CONTEXT", "TIER",
                    "FEATURES");
            for (ModelPrice p : c.entries()) {
                ModelInfo i = c.info(p.provider(), p.model()).orElse(null);
                o.printf("%-12s %-48s %8s %8s %9s %9s  %s%n", p.provider(), p.model(), str(p.inputPerMTok()),
                        str(p.outputPerMTok()), i == null || i.contextWindow() == null ? "-" : i.contextWindow(),
                        i == null ? "-" : i.tier().label(), i == null ? "" : features(i));
            }
            o.println();
            for (VendorInfo v : c.vendors()) {
                o.printf("%-12s %-28s %s%n", v.provider(), v.vendor(), v.jurisdiction());
            }
            o.flush();
            return 0;
        }

        private static String str(Object o) {
            return o == null ? "-" : o.toString();
        }

        private static String features(ModelInfo i) {
            return (i.tools() ? "tools " : "") + (i.vision() ? "vision " : "") + (i.json() ? "json " : "")
                    + (i.reasoning() ? "reasoning " : "") + (i.openWeights() ? "open-weights" : "");
        }
    }
}
