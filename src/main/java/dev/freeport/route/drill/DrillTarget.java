package dev.freeport.route.drill;

import dev.freeport.catalog.ModelPrice;
import dev.freeport.route.Target;

/**
 * What the outage drill needs to know about one target of an alias: its address, whose service it is, and its
 * price (to re-price traffic that would move to it). A plain value, so the drill runs without a live gateway.
 *
 * @param provider the config's provider name (as recorded in the ledger)
 * @param model    the upstream model (as recorded in the ledger)
 * @param vendor   the target's vendor, lower case ("openai", "deepseek", "self")
 * @param price    the target's price, or null when unknown (re-priced cost is then 0)
 */
public record DrillTarget(String provider, String model, String vendor, ModelPrice price) {

    /** The drill's view of a live routing target. */
    public static DrillTarget of(Target target) {
        return new DrillTarget(target.provider().name(), target.upstreamModel(),
                target.profile() == null ? null : target.profile().vendor(), target.price());
    }

    /** "provider/model", as in explanations and the ledger. */
    public String label() {
        return provider + "/" + model;
    }
}
