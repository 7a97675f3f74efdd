package dev.freeport.reconcile;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenRouter's activity ({@code GET /api/v1/activity}, one item per day × model × endpoint): {@code {"data":[{"date":
 * "2026-11-24","model":"openai/gpt-4.1","provider_name":"OpenAI","usage":0.015,"byok_usage_inference":0.012,
 * "requests":5,"prompt_tokens":50,"completion_tokens":125,"reasoning_tokens":25}]}} (snake_case as the REST API
 * returns it; the SDKs' camelCase is accepted too). The billed amount is {@code usage} (OpenRouter credits) plus
 * {@code byok_usage_inference} (inference paid with your own provider key).
 */
final class OpenRouterExports {

    private OpenRouterExports() {
    }

    static VendorExport activity(List<JsonNode> pages) {
        List<BilledRow> rows = new ArrayList<>();
        for (JsonNode page : pages) {
            for (JsonNode r : page.path("data")) {
                BigDecimal usage = orZero(Exports.dec(r, "usage"));
                BigDecimal byok = orZero(Exports.dec(r, "byok_usage_inference", "byokUsageInference"));
                rows.add(row(LocalDate.parse(r.path("date").asText().substring(0, 10)), r.path("model").asText(),
                        Exports.num(r, "requests"), Exports.num(r, "prompt_tokens", "promptTokens"),
                        Exports.num(r, "completion_tokens", "completionTokens"), usage.add(byok)));
            }
        }
        return new VendorExport("openrouter-activity", "openrouter", rows, false);
    }

    static BilledRow row(LocalDate day, String model, long requests, long prompt, long completion, BigDecimal usd) {
        return new BilledRow(day, model, requests, new BilledRow.Tokens(prompt, 0, 0, 0, completion),
                Exports.nanos(usd));
    }

    private static BigDecimal orZero(BigDecimal b) {
        return b == null ? BigDecimal.ZERO : b;
    }
}
