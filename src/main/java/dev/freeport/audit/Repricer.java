package dev.freeport.audit;

import dev.freeport.api.Usage;
import dev.freeport.catalog.ModelInfo;
import dev.freeport.catalog.ModelPrice;
import dev.freeport.catalog.PriceCatalog;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.module.InnerRequests;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Prices a request on other catalog models. A candidate must be able to serve it: context window ≥ input +
 * output tokens, max output ≥ output tokens, tools if it offered tools, vision if it sent images, JSON output if it
 * asked for it, reasoning if it produced reasoning tokens; and the candidate needs a token price. Cached input
 * tokens stay cached (at the candidate's cached price, or its input price when it lists none). A request that ran
 * through a back end's batch API (tag {@value InnerRequests#NATIVE_BATCH_TAG}, billed at its batch price) is priced
 * at each candidate's batch price too (the catalog's batch multiplier; the standard price where it has none).
 */
final class Repricer {

    /** Tiers proposed as replacements for whole aliases. */
    static final Set<ModelInfo.Tier> REPLACEMENT_TIERS = EnumSet.of(ModelInfo.Tier.FRONTIER, ModelInfo.Tier.STRONG);
    /** Tiers allowed for short, simple requests. */
    static final Set<ModelInfo.Tier> SIMPLE_TIERS = EnumSet.of(ModelInfo.Tier.FRONTIER, ModelInfo.Tier.STRONG,
            ModelInfo.Tier.SMALL);

    /** A candidate model, its price, and what the request would have cost on it. */
    record Choice(ModelInfo model, long costNanos) {
        String label() {
            return model.provider() + "/" + model.model();
        }
    }

    /** {@code batch}: the catalog's batch multiplier of the model, null when it has no batch price. */
    private record Candidate(ModelInfo info, ModelPrice price, BigDecimal batch) {
    }

    private final PriceCatalog catalog;
    private final List<Candidate> candidates = new ArrayList<>();

    Repricer(PriceCatalog catalog) {
        this.catalog = catalog;
        for (ModelInfo info : catalog.infos()) {
            catalog.find(info.provider(), info.model())
                    .filter(p -> p.inputPerMTok() != null && p.outputPerMTok() != null && p.perHour() == null)
                    .ifPresent(p -> candidates.add(new Candidate(info, p, catalog.sheet(info.provider(), info.model())
                            .map(sh -> sh.rules().batch()).orElse(null))));
        }
    }

    /** The request's tokens as a {@link Usage}. */
    static Usage usage(UsageEvent e) {
        return new Usage(e.inputTokens(), e.outputTokens(), e.cachedInputTokens(), e.cacheCreationTokens(),
                e.reasoningTokens(), e.estimated());
    }

    /** The cheapest capable model among {@code tiers}, open-weights ones only when {@code openOnly}. */
    Optional<Choice> cheapest(AuditRecord r, Set<ModelInfo.Tier> tiers, boolean openOnly) {
        UsageEvent e = r.event();
        long tokens = e.inputTokens() + e.outputTokens();
        Usage u = usage(e);
        boolean batch = nativeBatch(e);
        Choice best = null;
        for (Candidate c : candidates) {
            ModelInfo m = c.info();
            if (!tiers.contains(m.tier()) || (openOnly && !m.openWeights())
                    || !m.canServe(tokens, e.facts().tools(), r.images(), r.jsonOutput(), e.reasoningTokens() > 0)
                    || (m.maxOutput() != null && m.maxOutput() < e.outputTokens())) {
                continue;
            }
            long cost = PriceCatalog.costNanos(c.price(), u, 0);
            if (batch && c.batch() != null) {
                cost = BigDecimal.valueOf(cost).multiply(c.batch()).setScale(0, RoundingMode.HALF_UP).longValue();
            }
            if (best == null || cost < best.costNanos()) {
                best = new Choice(m, cost);
            }
        }
        return Optional.ofNullable(best);
    }

    /** Whether the request ran through a back end's batch API (billed at its batch price). */
    static boolean nativeBatch(UsageEvent e) {
        String tags = e.facts().tags();
        return tags != null && Arrays.asList(tags.split(",")).contains(InnerRequests.NATIVE_BATCH_TAG);
    }

    /** Open models first: the cheapest capable open replacement, else the cheapest capable one of any kind. */
    Optional<Choice> replacement(AuditRecord r) {
        Optional<Choice> open = cheapest(r, REPLACEMENT_TIERS, true);
        return open.isPresent() ? open : cheapest(r, REPLACEMENT_TIERS, false);
    }

    /** The catalog's capabilities of the model this request used. */
    Optional<ModelInfo> infoOf(AuditRecord r) {
        return catalog.info(r.vendor(), r.event().upstreamModel());
    }

    /** The catalog's batch multiplier (0.5: half price) of the model this request used, when it has a batch price. */
    Optional<java.math.BigDecimal> batchMultiplierOf(AuditRecord r) {
        return catalog.sheet(r.vendor(), r.event().upstreamModel()).map(s -> s.rules().batch());
    }

    /** The catalog's price of the model this request used. */
    Optional<ModelPrice> priceOf(AuditRecord r) {
        return catalog.find(r.vendor(), r.event().upstreamModel());
    }
}
