package dev.freeport.reconcile;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Anthropic's Admin API usage and cost reports ({@code GET /v1/organizations/usage_report/messages} with
 * {@code group_by[]=model}, {@code GET /v1/organizations/cost_report} with {@code group_by[]=description}), saved as
 * returned: {@code {"data":[{"starting_at":"...","ending_at":"...","results":[...]}],"has_more":...}}. Usage splits
 * input into uncached, cache reads and cache creation by TTL; a cost's {@code amount} is a decimal string in the
 * lowest currency unit (cents): "123.45" is $1.2345.
 */
final class AnthropicExports {

    private static final BigDecimal CENTS_PER_USD = BigDecimal.valueOf(100);

    private AnthropicExports() {
    }

    static VendorExport usage(List<JsonNode> pages) {
        List<BilledRow> rows = new ArrayList<>();
        for (JsonNode page : pages) {
            for (JsonNode bucket : page.path("data")) {
                for (JsonNode r : bucket.path("results")) {
                    long w5 = Exports.num(r.path("cache_creation"), "ephemeral_5m_input_tokens");
                    long w1 = Exports.num(r.path("cache_creation"), "ephemeral_1h_input_tokens");
                    long read = Exports.num(r, "cache_read_input_tokens");
                    long uncached = Exports.num(r, "uncached_input_tokens");
                    BilledRow.Tokens t = new BilledRow.Tokens(uncached + read + w5 + w1, read, w5 + w1, w1,
                            Exports.num(r, "output_tokens"));
                    rows.add(new BilledRow(Exports.dayOfTimestamp(bucket.path("starting_at").asText()),
                            Exports.text(r, "model", OpenAiExports.ALL_MODELS), null, t, null));
                }
            }
        }
        return new VendorExport("anthropic-usage-report", "anthropic", rows, true);
    }

    static VendorExport costs(List<JsonNode> pages) {
        List<BilledRow> rows = new ArrayList<>();
        for (JsonNode page : pages) {
            for (JsonNode bucket : page.path("data")) {
                for (JsonNode r : bucket.path("results")) {
                    if (!r.path("currency").asText("USD").equalsIgnoreCase("USD")) {
                        throw new IllegalArgumentException("cost in " + r.path("currency").asText()
                                + ": only USD costs are compared");
                    }
                    BigDecimal cents = new BigDecimal(r.path("amount").asText("0"));
                    String model = Exports.text(r, "model", null);
                    if (model == null) {
                        String type = Exports.text(r, "cost_type", "other");
                        model = "tokens".equals(type) ? OpenAiExports.ALL_MODELS : "(" + type + ")";
                    }
                    rows.add(new BilledRow(Exports.dayOfTimestamp(bucket.path("starting_at").asText()), model, null,
                            null, Exports.nanos(cents.divide(CENTS_PER_USD))));
                }
            }
        }
        return new VendorExport("anthropic-cost-report", "anthropic", rows, false);
    }
}
