package dev.freeport.reconcile;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * OpenAI's organization usage and costs API pages ({@code GET /v1/organization/usage/completions} with
 * {@code group_by=model}, {@code GET /v1/organization/costs} with {@code group_by=line_item}), saved as returned (one
 * page object, or a JSON array of pages): {@code {"object":"page","data":[{"object":"bucket","start_time":...,
 * "results":[...]}]}}. Usage input tokens include cached tokens; a cost's {@code line_item} is
 * "MODEL, KIND" ("gpt-4o-2024-08-06, input").
 */
final class OpenAiExports {

    static final String ALL_MODELS = "(all models)";

    private OpenAiExports() {
    }

    static VendorExport usage(List<JsonNode> pages) {
        List<BilledRow> rows = new ArrayList<>();
        for (JsonNode page : pages) {
            for (JsonNode bucket : page.path("data")) {
                for (JsonNode r : bucket.path("results")) {
                    long cacheWrites = Exports.num(r, "input_cache_write_tokens", "input_cache_creation_tokens");
                    BilledRow.Tokens t = new BilledRow.Tokens(Exports.num(r, "input_tokens"),
                            Exports.num(r, "input_cached_tokens"), cacheWrites, 0, Exports.num(r, "output_tokens"));
                    rows.add(new BilledRow(Exports.dayOfEpoch(bucket.path("start_time").asLong()),
                            Exports.text(r, "model", ALL_MODELS), Exports.num(r, "num_model_requests"), t, null));
                }
            }
        }
        return new VendorExport("openai-usage", "openai", rows, true);
    }

    static VendorExport costs(List<JsonNode> pages) {
        List<BilledRow> rows = new ArrayList<>();
        for (JsonNode page : pages) {
            for (JsonNode bucket : page.path("data")) {
                for (JsonNode r : bucket.path("results")) {
                    String currency = r.path("amount").path("currency").asText("usd");
                    if (!currency.toLowerCase(Locale.ROOT).equals("usd")) {
                        throw new IllegalArgumentException("cost in " + currency + ": only USD costs are compared");
                    }
                    BigDecimal value = Exports.dec(r.path("amount"), "value");
                    rows.add(new BilledRow(Exports.dayOfEpoch(bucket.path("start_time").asLong()),
                            model(Exports.text(r, "line_item", null)), null, null,
                            Exports.nanos(value == null ? BigDecimal.ZERO : value)));
                }
            }
        }
        return new VendorExport("openai-costs", "openai", rows, false);
    }

    /** "gpt-4o-2024-08-06, input" → "gpt-4o-2024-08-06"; null → all models. */
    static String model(String lineItem) {
        if (lineItem == null || lineItem.isBlank()) {
            return ALL_MODELS;
        }
        int comma = lineItem.indexOf(',');
        return (comma < 0 ? lineItem : lineItem.substring(0, comma)).trim();
    }
}
