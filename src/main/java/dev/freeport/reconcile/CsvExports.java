package dev.freeport.reconcile;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CSV exports, one row per day × model, recognised by their header:
 * <ul>
 *   <li>OpenRouter activity as CSV: {@code date, model, usage, byok_usage_inference, requests, prompt_tokens,
 *       completion_tokens} (the activity API's fields as columns);</li>
 *   <li>a generic daily CSV for any console export: {@code date} (or {@code day}), {@code model}, and any of
 *       {@code requests, input_tokens, cached_input_tokens | cache_read_tokens, cache_write_tokens |
 *       cache_write_5m_tokens + cache_write_1h_tokens, output_tokens, cost_usd}; a {@code vendor} or
 *       {@code provider} column names the vendor (first row; else pass {@code --vendor}). Input tokens are taken as
 *       including cache reads and writes unless {@code uncached_input_tokens} is given instead.</li>
 * </ul>
 */
final class CsvExports {

    private CsvExports() {
    }

    static VendorExport read(String text) {
        List<List<String>> lines = Csv.parse(text);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("empty file");
        }
        Map<String, Integer> col = new HashMap<>();
        List<String> header = lines.get(0);
        for (int i = 0; i < header.size(); i++) {
            col.put(header.get(i).trim().toLowerCase(Locale.ROOT), i);
        }
        String dayCol = col.containsKey("date") ? "date" : "day";
        if (!col.containsKey(dayCol) || !col.containsKey("model")) {
            throw new IllegalArgumentException("CSV needs a date (or day) and a model column; header was " + header);
        }
        boolean openRouter = col.containsKey("prompt_tokens") && col.containsKey("usage");
        boolean cache = col.containsKey("cached_input_tokens") || col.containsKey("cache_read_tokens");
        List<BilledRow> rows = new ArrayList<>();
        String vendor = null;
        for (List<String> line : lines.subList(1, lines.size())) {
            if (line.stream().allMatch(String::isBlank)) {
                continue;
            }
            Row r = new Row(col, line);
            LocalDate day = LocalDate.parse(r.text(dayCol).substring(0, 10));
            if (openRouter) {
                rows.add(OpenRouterExports.row(day, r.text("model"), r.num("requests"), r.num("prompt_tokens"),
                        r.num("completion_tokens"), r.dec("usage").add(r.dec("byok_usage_inference"))));
                continue;
            }
            String v = r.text("vendor") != null ? r.text("vendor") : r.text("provider");
            vendor = vendor == null ? v : vendor;
            rows.add(generic(r, day));
        }
        return openRouter ? new VendorExport("openrouter-activity-csv", "openrouter", rows, false)
                : new VendorExport("daily-csv", vendor, rows, cache);
    }

    private static BilledRow generic(Row r, LocalDate day) {
        long read = r.has("cached_input_tokens") ? r.num("cached_input_tokens") : r.num("cache_read_tokens");
        long w1 = r.num("cache_write_1h_tokens");
        long writes = r.has("cache_write_tokens") ? r.num("cache_write_tokens")
                : r.num("cache_write_5m_tokens") + w1;
        long input = r.has("uncached_input_tokens") ? r.num("uncached_input_tokens") + read + writes
                : r.num("input_tokens");
        BilledRow.Tokens t = r.has("input_tokens") || r.has("uncached_input_tokens") || r.has("output_tokens")
                ? new BilledRow.Tokens(input, read, writes, w1, r.num("output_tokens")) : null;
        Long cost = r.has("cost_usd") ? Exports.nanos(r.dec("cost_usd")) : null;
        return new BilledRow(day, r.text("model"), r.has("requests") ? r.num("requests") : null, t, cost);
    }

    /** One CSV line addressed by column name; missing or blank cells read as 0 / null. */
    private record Row(Map<String, Integer> col, List<String> cells) {

        boolean has(String name) {
            return col.containsKey(name);
        }

        String text(String name) {
            Integer i = col.get(name);
            if (i == null || i >= cells.size() || cells.get(i).isBlank()) {
                return null;
            }
            return cells.get(i).trim();
        }

        long num(String name) {
            String t = text(name);
            return t == null ? 0 : new BigDecimal(t.replace(",", "")).longValueExact();
        }

        BigDecimal dec(String name) {
            String t = text(name);
            return t == null ? BigDecimal.ZERO : new BigDecimal(t.replace("$", ""));
        }
    }
}
