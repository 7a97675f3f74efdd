package dev.freeport.reconcile;

import java.util.List;

/**
 * A vendor's export, parsed.
 *
 * @param format the format recognised (e.g. "openai-usage", "anthropic-cost-report", "openrouter-activity")
 * @param vendor the vendor it belongs to ("openai", "anthropic", "openrouter"), or null when the file does not say
 * @param rows   its rows, one per day × model × whatever else the export grouped by
 * @param cacheReported whether the export splits input into cache reads and writes (else only totals compare)
 */
public record VendorExport(String format, String vendor, List<BilledRow> rows, boolean cacheReported) {

    public VendorExport {
        rows = List.copyOf(rows);
    }
}
