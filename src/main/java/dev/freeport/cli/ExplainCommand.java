package dev.freeport.cli;

import dev.freeport.ledger.LedgerReader;
import dev.freeport.ledger.UsageEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Optional;

/**
 * {@code freeport explain REQUEST_ID [--json]}: one request from the ledger (the id is the x-freeport-request-id
 * header) and the routing decision recorded with it: candidates, why each was excluded or how it ranked, the
 * target chosen. Reads the database by primary key, then this machine's journal; exit 1 for an unknown id.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Show one request from the ledger and why it was routed where it went.")
final class ExplainCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "REQUEST_ID", description = "The request id (x-freeport-request-id).")
    String id;

    @Option(names = "--json", description = "Print the event and the raw decision as JSON.")
    boolean json;

    @Mixin
    ConfigOption config;

    @Mixin
    DataOptions data;

    @Override
    int execute() {
        LedgerSource source = data.source(config).requireReadable();
        Optional<UsageEvent> event;
        try {
            event = LedgerReader.byId(source.dataDir(), source.store(), id.strip());
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw CliFailure.failed(e.getMessage());
        }
        if (event.isEmpty()) {
            throw CliFailure.failed("no request " + id.strip() + " in the ledger"
                    + (source.dataDir() == null ? "" : " at " + source.dataDir().toAbsolutePath())
                    + " (ids are the x-freeport-request-id response header)");
        }
        out().print(json ? ExplainText.json(event.get()) + "\n" : ExplainText.text(event.get()));
        return 0;
    }
}
