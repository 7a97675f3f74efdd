package dev.freeport.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.VendorNames;
import dev.freeport.catalog.PriceCatalog;
import dev.freeport.config.FreeportConfig;
import dev.freeport.config.ModelConfig;
import dev.freeport.route.TargetProfile;
import dev.freeport.route.Trust;
import dev.freeport.route.assembly.Profiles;
import dev.freeport.config.ProviderConfig;
import dev.freeport.config.TargetConfig;
import dev.freeport.ledger.LedgerReader;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.reconcile.LastRun;
import dev.freeport.ledger.UsageSummary;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.HashMap;

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
        return AuditJson.of(withBill(Auditor.analyze(ledgerInput(dataDir, Instant.now().minus(since), config),
                catalog), dataDir));
    }

    /**
     * The report with the findings of the last {@code freeport reconcile} runs recorded in {@code dataDir}
     * ({@link LastRun}), when there are any.
     */
    public static AuditReport withBill(AuditReport report, Path dataDir) {
        return LastRun.read(dataDir).map(last -> report.withBill(last.vendors())).orElse(report);
    }

    /** The bundled catalog, the data directory's user catalog over it, and the config's price overrides. */
    public static PriceCatalog catalog(Path dataDir, FreeportConfig config) {
        PriceCatalog c = PriceCatalog.load(dataDir == null ? null : dataDir.resolve(USER_CATALOG));
        return config == null ? c : c.withOverrides(config.prices());
    }

    /** The ledger's events since {@code from}, with vendors resolved through the config's providers when given. */
    public static AuditInput ledgerInput(Path dataDir, Instant from, FreeportConfig config) {
        Map<String, TargetProfile> profiles = profiles(catalog(dataDir, config), config);
        List<AuditRecord> records = new ArrayList<>();
        for (UsageEvent e : LedgerReader.read(dataDir, config == null ? null : config.store(), from)) {
            if (UsageSummary.SHADOW.equals(e.endpoint())) {
                continue; // the migration lab's shadow requests: not the team's traffic (usage shows them apart)
            }
            records.add(new AuditRecord(e, vendorOf(e.provider(), profiles), false, false));
        }
        List<AuditInput.AliasTargets> aliases = new ArrayList<>();
        if (config != null) {
            for (ModelConfig m : config.models()) {
                aliases.add(new AuditInput.AliasTargets(m.name(),
                        m.targets().stream().map(TargetConfig::provider).map(p -> vendorOf(p, profiles)).toList()));
            }
        }
        Map<String, String> jurisdictions = new HashMap<>();
        profiles.values().forEach(p -> jurisdictions.putIfAbsent(p.vendor(), jurisdiction(p)));
        return new AuditInput("ledger " + dataDir, records, List.of(), aliases, jurisdictions);
    }

    /** Each configured provider's routing profile (route/assembly's Profiles: presets, catalog, placement). */
    static Map<String, TargetProfile> profiles(PriceCatalog catalog, FreeportConfig config) {
        Map<String, TargetProfile> out = new HashMap<>();
        if (config != null) {
            config.providers().values().forEach(pc -> out.put(pc.name(), Profiles.forProvider(catalog, pc)));
        }
        return out;
    }

    private static String jurisdiction(TargetProfile p) {
        if (p.homeCountry() != null || p.hostingRegion() != null) {
            return p.jurisdiction();
        }
        return p.trust() == Trust.SELF_HOSTED ? Concentration.SELF_HOSTED : Concentration.UNKNOWN;
    }

    /**
     * A provider's vendor as routing names it (its profile: "self" for self-hosted presets and the sandbox, the
     * catalog's vendor for a preset, a configured {@code vendor:}); without a config the name itself, canonicalised.
     */
    static String vendorOf(String provider, Map<String, TargetProfile> profiles) {
        if (provider == null) {
            return null;
        }
        TargetProfile p = profiles.get(provider);
        return p == null ? VendorNames.canonical(provider) : p.vendor();
    }

    /** {@link #vendorOf(String, Map)} for one config. */
    static String vendorOf(String provider, FreeportConfig config) {
        return vendorOf(provider, profiles(PriceCatalog.bundled(), config));
    }
}
