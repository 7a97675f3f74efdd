package dev.freeport.cli;

import dev.freeport.config.ConfigException;
import dev.freeport.ledger.LedgerReader;
import dev.freeport.ledger.UsageEvent;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code freeport explain REQUEST_ID [--json]}: one request from the ledger (the id is the x-freeport-request-id
 * header) and the routing decision recorded with it: candidates, why each was excluded or how it ranked, the
 * target chosen. Reads the database by primary key, then this machine's journal; exit 1 for an unknown id.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Show one request from the ledger and why it was routed where it went.")
final class ExplainCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REQUEST_ID", description = "The request id (x-freeport-request-id).")
    String id;

    @Option(names = "--json", description = "Print the event and the raw decision as JSON.")
    boolean json;

    @Option(names = "--data-dir", description = "The ledger's directory (default: the config's ledger.data_dir, else ./freeport-data).")
    Path dataDir;

    @Option(names = {"-c", "--config"}, description = "Read the ledger directory and store (sqlite or postgres) from this config file.")
    Path config;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LedgerSource source;
        try {
            source = LedgerSource.resolve(config, dataDir);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 2;
        }
        if (!source.readable()) {
            err.println("freeport explain: " + source.missing());
            return 1;
        }
        Optional<UsageEvent> event;
        try {
            event = LedgerReader.byId(source.dataDir(), source.store(), id.strip());
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            err.println("freeport explain: " + e.getMessage());
            return 1;
        }
        if (event.isEmpty()) {
            err.println("freeport explain: no request " + id.strip() + " in the ledger"
                    + (source.dataDir() == null ? "" : " at " + source.dataDir().toAbsolutePath())
                    + " (ids are the x-freeport-request-id response header)");
            return 1;
        }
        out.print(json ? ExplainText.json(event.get()) + "\n" : ExplainText.text(event.get()));
        out.flush();
        return 0;
    }
}
