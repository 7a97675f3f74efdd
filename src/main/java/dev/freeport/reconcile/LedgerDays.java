package dev.freeport.reconcile;

import dev.freeport.api.Usage;
import dev.freeport.catalog.BillingFacts;
import dev.freeport.catalog.FxRates;
import dev.freeport.catalog.PriceCatalog;
import dev.freeport.catalog.PricingEngine;
import dev.freeport.ledger.UsageEvent;

import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;

/** Sums ledger events per UTC day × model for one vendor, and reprices them with the catalog's current rules. */
public final class LedgerDays {

    private LedgerDays() {
    }

    /**
     * @param events   ledger events (any vendor)
     * @param vendorOf the vendor of an event's provider name (the config's preset, or the name itself)
     * @param vendor   the vendor to keep (canonical, e.g. "anthropic")
     * @param catalog  the catalog to reprice with
     * @param fx       exchange rates for non-USD catalog entries
     * @return rows keyed by "day|model key", in first-seen order
     */
    public static Map<String, LedgerRow> of(List<UsageEvent> events, Function<String, String> vendorOf, String vendor,
                                            PriceCatalog catalog, FxRates fx) {
        Map<String, LedgerRow> rows = new LinkedHashMap<>();
        for (UsageEvent e : events) {
            if (e.provider() == null || e.attempts() == 0 || !vendor.equals(vendorOf.apply(e.provider()))) {
                continue;
            }
            long tokens = e.inputTokens() + e.outputTokens();
            if (tokens == 0 && e.status() != UsageEvent.Status.OK) {
                continue;
            }
            Usage u = new Usage(e.inputTokens(), e.outputTokens(), e.cachedInputTokens(), e.cacheCreationTokens(),
                    e.reasoningTokens(), e.estimated());
            OptionalLong repriced = PricingEngine.cost(catalog, vendor, e.upstreamModel(), u,
                    BillingFacts.at(e.time()), fx).usd();
            LedgerRow row = new LedgerRow(e.time().atZone(ZoneOffset.UTC).toLocalDate(), e.upstreamModel(), 1,
                    new BilledRow.Tokens(e.inputTokens(), e.cachedInputTokens(), e.cacheCreationTokens(), 0,
                            e.outputTokens()),
                    e.costNanos(), !e.costKnown() || tokens > 0 && e.costNanos() == 0 ? 1 : 0,
                    repriced.isPresent() ? repriced.getAsLong() : null);
            rows.merge(Reconciler.key(row.day(), row.model()), row, LedgerRow::plus);
        }
        return rows;
    }
}
