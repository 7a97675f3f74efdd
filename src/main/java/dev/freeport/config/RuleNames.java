package dev.freeport.config;

import dev.freeport.api.VendorNames;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The names routing rules are written with, checked and normalised the same way wherever they come from (the
 * config, the keys admin API and CLI, the kill switch): vendors, jurisdictions, data classes. Each method answers
 * the normalised name, or null when the text is not one.
 */
public final class RuleNames {
    private static final Pattern JURISDICTION = Pattern.compile("[A-Z]{2}");
    private static final Pattern DATA_CLASS = Pattern.compile("[a-z0-9_-]{1,40}");

    private RuleNames() {
    }

    /** A vendor: see {@link VendorNames#normalise}. */
    public static String vendor(String raw) {
        return VendorNames.normalise(raw);
    }

    /** Upper case, two letters: an ISO 3166 alpha-2 country code, or EU. */
    public static String jurisdiction(String raw) {
        String v = raw == null ? "" : raw.strip().toUpperCase(Locale.ROOT);
        return JURISDICTION.matcher(v).matches() ? v : null;
    }

    /** Lower case, 1-40 of a-z 0-9 _ -. */
    public static String dataClass(String raw) {
        String v = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        return DATA_CLASS.matcher(v).matches() ? v : null;
    }
}
