package dev.freeport.catalog;

import java.time.LocalDate;

/**
 * What a model can do, next to its {@link ModelPrice} (kept apart so the price record, a shared contract, stays as
 * it is). The audit uses it to find the cheapest model that can serve a request.
 *
 * @param contextWindow max input + output tokens, or null when unknown
 * @param maxOutput     max output tokens per answer, or null when unknown
 * @param tools         function/tool calling
 * @param vision        image inputs
 * @param json          structured (JSON / JSON-schema) output
 * @param reasoning     a thinking model (reasoning tokens)
 * @param openWeights   the weights are published (it can also be self-hosted)
 * @param tier          rough quality class; the audit only proposes FRONTIER or STRONG models as replacements
 * @param source        where the capabilities were read
 * @param asOf          when
 */
public record ModelInfo(String provider, String model, Long contextWindow, Long maxOutput, boolean tools,
                        boolean vision, boolean json, boolean reasoning, boolean openWeights, Tier tier,
                        String source, LocalDate asOf) {

    /** A rough quality class. UNKNOWN: imported without one (never proposed as a replacement). */
    public enum Tier {
        FRONTIER, STRONG, SMALL, EMBEDDING, UNKNOWN;

        /** Parses "frontier", "strong", ...; null or unknown text gives UNKNOWN. */
        public static Tier parse(String s) {
            if (s == null) {
                return UNKNOWN;
            }
            for (Tier t : values()) {
                if (t.name().equalsIgnoreCase(s.trim())) {
                    return t;
                }
            }
            return UNKNOWN;
        }

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Whether this model can take a request of {@code tokens} (prompt + output) with these features. */
    public boolean canServe(long tokens, boolean needsTools, boolean needsVision, boolean needsJson,
                            boolean needsReasoning) {
        return (contextWindow == null || contextWindow >= tokens) && (!needsTools || tools)
                && (!needsVision || vision) && (!needsJson || json) && (!needsReasoning || reasoning)
                && tier != Tier.EMBEDDING;
    }
}
