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
        String model = CloudRegions.catalogModel(provider.type(), target.model());
        ModelPrice base = catalog.find(catalogProvider, model)
                .orElseGet(() -> converted(config, catalog.sheet(catalogProvider, model).orElse(null)));
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
     * A price billed in another currency (a mainland provider's CNY), converted to USD at the configured rate
     * ({@code pricing.fx}) for budgets' reservations and cost-aware routing: the base rates, an upper bound but for
     * long-context tiers. Null without a rate: such a target reserves nothing and its ledger cost is unconverted.
     */
    private static ModelPrice converted(FreeportConfig config, PriceSheet sheet) {
        if (sheet == null || sheet.currency().equals(PriceSheet.USD)) {
            return null;
        }
        BigDecimal rate = config.pricing().fx().get(sheet.currency());
        if (rate == null) {
            return null;
        }
        return new ModelPrice(sheet.provider(), sheet.model(), times(sheet.rates().input(), rate),
                times(sheet.rates().output(), rate), times(sheet.rates().cachedInput(), rate),
                times(sheet.rates().cacheWrite(), rate), null, sheet.source() + " (" + sheet.currency() + " at "
                + rate.toPlainString() + " USD)", sheet.asOf());
    }

    private static BigDecimal times(BigDecimal price, BigDecimal rate) {
        return price == null ? null : price.multiply(rate);
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
        PriceSheet sheet = catalog.sheet(Profiles.catalogProvider(provider), CloudRegions.catalogModel(provider.type(),
                target.model())).orElse(null);
        if (sheet == null) {
            return price == null ? null : PriceSheet.of(price);
        }
        // a cloud's in-region or geographic endpoint (Bedrock without "global.") may cost more than its global one
        return provider.cloud() == null ? sheet : sheet.inRegion(CloudRegions.processingRegion(provider.type(),
                provider.cloud().region(), target.model()));
    }

    private static BigDecimal pick(BigDecimal first, BigDecimal second) {
        if (first != null) {
            return first;
        }
        return second != null ? second : BigDecimal.ZERO;
    }
}
