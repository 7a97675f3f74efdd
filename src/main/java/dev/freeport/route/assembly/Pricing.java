package dev.freeport.route.assembly;

import dev.freeport.catalog.CloudRegions;
import dev.freeport.catalog.ModelPrice;
import dev.freeport.catalog.PriceCatalog;
import dev.freeport.catalog.PriceSheet;
import dev.freeport.config.FreeportConfig;
import dev.freeport.config.PriceConfig;
import dev.freeport.config.ProviderConfig;
import dev.freeport.config.TargetConfig;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Decides each target's price once, when the runtime is built: the target's own {@code price:}, else
 * {@code prices:} keyed "provider/model" then "model", each over the catalog's entry for the provider's preset
 * (else its configured vendor, else its type) and model; fields left out fall back to the catalog. Null when nothing is known (cost then 0).
 */
final class Pricing {
    private Pricing() {
    }

    static ModelPrice priceFor(FreeportConfig config, PriceCatalog catalog, ProviderConfig provider,
                               TargetConfig target) {
        String catalogProvider = Profiles.catalogProvider(provider);
        ModelPrice base = catalog.find(catalogProvider, CloudRegions.catalogModel(provider.type(), target.model()))
                .orElse(null);
        PriceConfig override = target.price();
        String source = "config: models." + target.provider() + "/" + target.model();
        if (override == null) {
            override = config.prices().get(provider.name() + "/" + target.model());
            source = "config: prices." + provider.name() + "/" + target.model();
        }
        if (override == null) {
            override = config.prices().get(target.model());
            source = "config: prices." + target.model();
        }
        if (override == null) {
            return base;
        }
        return new ModelPrice(provider.name(), target.model(),
                pick(override.inputPerMTok(), base == null ? null : base.inputPerMTok()),
                pick(override.outputPerMTok(), base == null ? null : base.outputPerMTok()),
                pick(override.cachedInputPerMTok(), base == null ? null : base.cachedInputPerMTok()),
                pick(override.cacheWritePerMTok(), base == null ? null : base.cacheWritePerMTok()),
                override.perHour(), source, LocalDate.now());
    }

    /**
     * How the vendor bills the target, for the ledger's cost: a configured price ({@code price:} or
     * {@code prices:}) as written, as {@link #priceFor} merges it; else the catalog's sheet for the provider's preset
     * (else vendor, else type) and model, with its rules (time windows, tiers, cache TTLs) and currency (a mainland
     * provider's CNY); null when nothing is known.
     */
    static PriceSheet sheetFor(FreeportConfig config, PriceCatalog catalog, ProviderConfig provider,
                               TargetConfig target, ModelPrice price) {
        boolean configured = target.price() != null || config.prices().containsKey(provider.name() + "/"
                + target.model()) || config.prices().containsKey(target.model());
        if (configured) {
            return price == null ? null : PriceSheet.of(price);
        }
        return catalog.sheet(Profiles.catalogProvider(provider), CloudRegions.catalogModel(provider.type(),
                target.model())).orElse(price == null ? null : PriceSheet.of(price));
    }

    private static BigDecimal pick(BigDecimal first, BigDecimal second) {
        if (first != null) {
            return first;
        }
        return second != null ? second : BigDecimal.ZERO;
    }
}
