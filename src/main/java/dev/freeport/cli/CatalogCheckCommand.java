package dev.freeport.cli;

import dev.freeport.audit.AuditService;
import dev.freeport.catalog.CatalogCheck;
import dev.freeport.catalog.PriceCatalog;
import dev.freeport.config.PricingConfig;
import dev.freeport.ledger.LedgerReader;
import dev.freeport.ledger.UsageEvent;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * {@code freeport catalog check [--since 30d] [--max-age 90d] [--litellm FILE] [--json]}: models the ledger saw
 * without a price, catalog entries older than the maximum age ({@code pricing.catalog_max_age}, default 90 days),
 * unverified entries, and differences from LiteLLM's price map. Exit 1 when the ledger saw a model without a price,
 * else 0; 2 for bad options or files.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check the catalog: unpriced models in the ledger, old and unverified entries, LiteLLM diffs.")
final class CatalogCheckCommand extends CliCommand {

    @Option(names = "--since", defaultValue = "30d", paramLabel = "DURATION",
            description = "How far back to read the ledger (default: ${DEFAULT-VALUE}).")
    String since;

    @Option(names = "--max-age", paramLabel = "DURATION",
            description = "Entries read longer ago are stale (default: pricing.catalog_max_age, else 90d).")
    String maxAge;

    @Option(names = "--litellm", paramLabel = "FILE",
            description = "LiteLLM's model_prices_and_context_window.json to compare the bundled catalog with "
                    + "(default: the user catalog `catalog import` wrote into the data dir, if any).")
    Path litellm;

    @Option(names = "--limit", defaultValue = "20", description = "Lines per list in the text output (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print JSON (every line of every list).")
    boolean json;

    @Mixin
    ConfigOption config;

    @Mixin
    DataOptions data;

    @Override
    int execute() {
        Instant from = Instant.now().minus(duration("--since", since));
        LedgerSource source = data.source(config);
        Duration age = maxAge != null ? duration("--max-age", maxAge)
                : source.config() != null ? source.config().pricing().catalogMaxAge() : PricingConfig.DEFAULT_MAX_AGE;
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        PriceCatalog theirs = null;
        if (litellm != null) {
            try {
                theirs = CatalogCheck.fromLiteLlm(new JsonObject(Files.readString(litellm)), today);
            } catch (IOException | RuntimeException e) {
                throw CliFailure.usage("cannot read " + litellm + " as LiteLLM's price map: " + e.getMessage());
            }
        } else if (source.dataDir() != null && Files.isRegularFile(source.dataDir().resolve(AuditService.USER_CATALOG))) {
            Path imported = source.dataDir().resolve(AuditService.USER_CATALOG);
            try {
                theirs = PriceCatalog.read(imported);
            } catch (RuntimeException e) {
                throw CliFailure.failed(e.getMessage());
            }
        }
        List<CatalogCheck.Request> seen = List.of();
        if (source.readable()) {
            seen = LedgerReader.read(source.dataDir(), source.store(), from).stream()
                    .filter(e -> e.attempts() > 0)
                    .map(CatalogCheckCommand::request).toList();
        } else {
            err().println("no ledger at " + source.shown().toAbsolutePath() + ": checking the catalog only");
        }
        PriceCatalog catalog = AuditService.catalog(source.dataDir(), source.config());
        CatalogCheck check = CatalogCheck.run(catalog, seen, age, today, theirs);
        out().print(json ? check.toJson().encodePrettily() + "\n" : check.toText(age, limit));
        return check.hasUnpriced() ? 1 : 0;
    }

    private static CatalogCheck.Request request(UsageEvent e) {
        return new CatalogCheck.Request(e.provider(), e.upstreamModel(), e.inputTokens() + e.outputTokens(),
                e.costKnown(), e.time());
    }
}
