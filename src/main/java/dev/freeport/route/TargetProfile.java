package dev.freeport.route;

import dev.freeport.catalog.ModelInfo;

/**
 * What routing knows about a target beyond its address: who runs it and where, how far it is trusted, what the
 * model can do. From the catalog and the provider presets, overridden in the config.
 *
 * @param vendor        the company whose service it is ("deepseek", "openai", "self"), lower case
 * @param homeCountry   the vendor's home country, ISO 3166 alpha-2 ("US", "CN"), or null when unknown
 * @param hostingRegion where requests are processed: a country code, "EU", or null when unknown
 * @param trust         self-hosted, contracted or public API
 * @param capabilities  context window, tools, vision, JSON, reasoning; null when unknown (assumed able)
 */
public record TargetProfile(String vendor, String homeCountry, String hostingRegion, Trust trust,
                            ModelInfo capabilities) {

    /** "CN / CN": home country, then hosting region ("?" when unknown). */
    public String jurisdiction() {
        return (homeCountry == null ? "?" : homeCountry) + " / " + (hostingRegion == null ? "?" : hostingRegion);
    }
}
