package dev.freeport.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.VendorNames;
import dev.freeport.catalog.PriceCatalog;
import dev.freeport.config.FreeportConfig;
import dev.freeport.config.ModelConfig;
import dev.freeport.config.ProviderConfig;
import dev.freeport.config.TargetConfig;
import dev.freeport.ledger.LedgerReader;
import dev.freeport.ledger.UsageEvent;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Audits a ledger directory: the entry point of {@code GET /admin/audit} and of {@code freeport audit} on ledger
 * data. Blocking (reads files and SQLite): run it on a worker thread.
 */
public final class AuditService {

    /** The user catalog's file name inside the data directory (written by {@code freeport catalog import}). */
    public static final String USER_CATALOG = "catalog.json";

    private AuditService() {
    }

    /** The same JSON as {@code freeport audit --json} for the ledger in {@code dataDir} over the last {@code since}. */
    public static ObjectNode json(Path dataDir, Duration since, FreeportConfig config) {
        PriceCatalog catalog = catalog(dataDir, config);
        return AuditJson.of(Auditor.analyze(ledgerInput(dataDir, Instant.now().minus(since), config), catalog));
    }

    /** The bundled catalog, the data directory's user catalog over it, and the config's price overrides. */
    public static PriceCatalog catalog(Path dataDir, FreeportConfig config) {
        PriceCatalog c = PriceCatalog.load(dataDir == null ? null : dataDir.resolve(USER_CATALOG));
        return config == null ? c : c.withOverrides(config.prices());
    }

    /** The ledger's events since {@code from}, with vendors resolved through the config's providers when given. */
    public static AuditInput ledgerInput(Path dataDir, Instant from, FreeportConfig config) {
        List<AuditRecord> records = new ArrayList<>();
        for (UsageEvent e : LedgerReader.read(dataDir, config == null ? null : config.store(), from)) {
            records.add(new AuditRecord(e, vendorOf(e.provider(), config), false, false));
        }
        List<AuditInput.AliasTargets> aliases = new ArrayList<>();
        if (config != null) {
            for (ModelConfig m : config.models()) {
                aliases.add(new AuditInput.AliasTargets(m.name(),
                        m.targets().stream().map(TargetConfig::provider).map(p -> vendorOf(p, config)).toList()));
            }
        }
        return new AuditInput("ledger " + dataDir, records, List.of(), aliases);
    }

    /**
     * A configured provider's vendor: its preset (openai-compatible), "anthropic", "sandbox"; a plain
     * OpenAI-compatible server keeps its name. Without a config the name itself, canonicalised.
     */
    static String vendorOf(String provider, FreeportConfig config) {
        if (provider == null) {
            return null;
        }
        ProviderConfig pc = config == null ? null : config.providers().get(provider);
        if (pc == null) {
            return VendorNames.canonical(provider);
        }
        if ("openai".equals(pc.type()) && pc.preset() != null) {
            return VendorNames.canonical(pc.preset());
        }
        return "openai".equals(pc.type()) ? provider : pc.type();
    }
}
