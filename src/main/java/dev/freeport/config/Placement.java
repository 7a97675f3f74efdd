package dev.freeport.config;

/**
 * Where a provider's service runs and how far it is trusted, as written under a provider (each field null when
 * not written: the catalog's or preset's value is used).
 *
 * @param vendor       vendor name for policies and caps, lower case (e.g. "openai", "self")
 * @param jurisdiction the vendor's home country, ISO 3166 alpha-2, upper case
 * @param region       where requests are processed: a country code or "EU", upper case
 * @param trust        "self-hosted", "contracted" or "public"
 */
public record Placement(String vendor, String jurisdiction, String region, String trust) {
}
