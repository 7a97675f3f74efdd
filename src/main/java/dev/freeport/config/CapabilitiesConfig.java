package dev.freeport.config;

/**
 * A target's capabilities as written in the config; each null field keeps the catalog's value.
 *
 * @param contextWindow max input + output tokens
 */
public record CapabilitiesConfig(Long contextWindow, Boolean tools, Boolean vision, Boolean json,
                                 Boolean reasoning) {
}
