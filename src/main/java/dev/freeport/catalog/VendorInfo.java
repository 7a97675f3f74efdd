package dev.freeport.catalog;

import java.time.LocalDate;

/**
 * Where a provider sits: the company's home country and the region that serves its API, for the audit's
 * jurisdiction concentration and (later) residency policies. Country codes ISO 3166 alpha-2; region "EU",
 * "varies" (routers) or a country code.
 */
public record VendorInfo(String provider, String vendor, String homeCountry, String hostingRegion, String source,
                         LocalDate asOf, String note) {

    /** "US / US": home country, then hosting region. */
    public String jurisdiction() {
        return homeCountry + " / " + hostingRegion;
    }
}
