package dev.freeport.config;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The names routing rules are written with, checked and normalised the same way wherever they come from (the
 * config, the keys admin API and CLI, the kill switch): vendors, jurisdictions, data classes. Each method answers
 * the normalised name, or null when the text is not one.
 */
public final class RuleNames {
    private static final Pattern VENDOR = Pattern.compile("[a-z0-9._-]{1,64}");
    private static final Pattern JURISDICTION = Pattern.compile("[A-Z]{2}");
    private static final Pattern DATA_CLASS = Pattern.compile("[a-z0-9_-]{1,40}");

    private RuleNames() {
    }

    /** Lower case, 1-64 of a-z 0-9 . _ -, the catalog's aliases resolved (gemini → google, kimi → moonshot). */
    public static String vendor(String raw) {
        String v = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        return VENDOR.matcher(v).matches() ? dev.freeport.catalog.PriceCatalog.canonicalProvider(v) : null;
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
