package dev.freeport.catalog;

/** Model names as keys for comparing sources that spell them differently (a bill against the ledger). */
public final class ModelNames {

    private ModelNames() {
    }

    /**
     * The model's name without case, "models/" prefix and date/version suffixes, "." read as "-":
     * "gpt-4o-2024-08-06" and "GPT-4o" give "gpt-4o"; "claude-opus-4-1-20250805" gives "claude-opus-4-1". A path
     * ("openai/gpt-4.1") is kept, so routers' model names stay distinct from the vendor's own.
     */
    public static String key(String model) {
        if (model == null || model.isBlank()) {
            return "(unknown)";
        }
        String c = PriceCatalog.canonical(model);
        if (c.startsWith("models/")) {
            c = c.substring("models/".length());
        }
        while (true) {
            String next = PriceCatalog.VERSION_SUFFIX.matcher(c).replaceFirst("");
            if (next.equals(c) || next.isEmpty()) {
                return c;
            }
            c = next;
        }
    }
}
