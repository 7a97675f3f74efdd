package dev.freeport.vendors;


/**
 * Vendor names as the switches store them: lower case, 1 to 64 of {@code [a-z0-9._-]}, with the catalog's aliases
 * resolved (gemini → google, dashscope/alibaba → qwen, kimi → moonshot), the names targets carry.
 */
public final class VendorNames {

    private VendorNames() {
    }

    /** The normalised name, or an {@link IllegalArgumentException} saying what a valid one looks like. */
    public static String normalise(String name) {
        String n = dev.freeport.config.RuleNames.vendor(name);
        if (n == null) {
            String shown = name == null ? "" : name.length() > 80 ? name.substring(0, 80) + "..." : name;
            throw new IllegalArgumentException("invalid vendor name '" + shown + "': use 1 to 64 of a-z, 0-9, '.', '_' or '-' (e.g. openai, deepseek, self)");
        }
        return n;
    }
}
