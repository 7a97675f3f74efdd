package dev.freeport.api;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Vendor names, the one place they are checked and normalised (the config, the catalog, the keys API, the kill
 * switch, the audit): lower case, 1 to 64 of {@code [a-z0-9._-]}, and the other names a vendor goes by resolved
 * to the one the catalog uses (gemini → google, dashscope/alibaba → qwen, kimi → moonshot, zai → zhipu, ...).
 */
public final class VendorNames {
    private static final Pattern NAME = Pattern.compile("[a-z0-9._-]{1,64}");
    private static final Map<String, String> ALIASES = Map.ofEntries(Map.entry("gemini", "google"),
            Map.entry("dashscope", "qwen"), Map.entry("alibaba", "qwen"), Map.entry("kimi", "moonshot"),
            Map.entry("dashscope-cn", "qwen-cn"), Map.entry("kimi-cn", "moonshot-cn"), Map.entry("zai", "zhipu"),
            Map.entry("z-ai", "zhipu"), Map.entry("togetherai", "together"), Map.entry("fireworks-ai", "fireworks"));

    private VendorNames() {
    }

    /** Lower case with aliases resolved; no validation (for names that come from the config or the catalog). */
    public static String canonical(String name) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return ALIASES.getOrDefault(n, n);
    }

    /** The normalised name of what a user typed (trimmed, lower case, aliases resolved), or null if it is none. */
    public static String normalise(String raw) {
        String v = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        return NAME.matcher(v).matches() ? canonical(v) : null;
    }

    /** As {@link #normalise}, or an {@link IllegalArgumentException} saying what a valid name looks like. */
    public static String require(String raw) {
        String n = normalise(raw);
        if (n == null) {
            String shown = raw == null ? "" : raw.length() > 80 ? raw.substring(0, 80) + "..." : raw;
            throw new IllegalArgumentException("invalid vendor name '" + shown + "': use 1 to 64 of a-z, 0-9, '.', "
                    + "'_' or '-' (e.g. openai, deepseek, self)");
        }
        return n;
    }
}
