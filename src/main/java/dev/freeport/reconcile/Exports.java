package dev.freeport.reconcile;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a vendor export file, recognising its format from its content (docs/PRICING.md lists them): OpenAI's usage
 * and costs API pages, Anthropic's usage and cost reports, OpenRouter's activity (JSON or CSV), and a generic daily
 * CSV for any console that exports one. Floats are read as exact decimals.
 */
public final class Exports {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    static final BigDecimal NANOS_PER_USD = BigDecimal.valueOf(1_000_000_000L);

    private Exports() {
    }

    /** Reads {@code file}; throws IllegalArgumentException naming the file when the format is not recognised. */
    public static VendorExport read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        try {
            if (text.startsWith("{") || text.startsWith("[")) {
                return json(JSON.readTree(text));
            }
            return CsvExports.read(text);
        } catch (IllegalArgumentException | IOException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    static VendorExport json(JsonNode root) {
        List<JsonNode> pages = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(pages::add);
        } else {
            pages.add(root);
        }
        JsonNode first = firstResult(pages);
        if (first != null && "organization.usage.completions.result".equals(first.path("object").asText())) {
            return OpenAiExports.usage(pages);
        }
        if (first != null && "organization.costs.result".equals(first.path("object").asText())) {
            return OpenAiExports.costs(pages);
        }
        if (first != null && first.has("uncached_input_tokens")) {
            return AnthropicExports.usage(pages);
        }
        if (first != null && first.has("amount") && first.path("amount").isTextual()) {
            return AnthropicExports.costs(pages);
        }
        JsonNode item = pages.get(0).path("data").path(0);
        if (item.has("date") && (item.has("prompt_tokens") || item.has("promptTokens"))) {
            return OpenRouterExports.activity(pages);
        }
        throw new IllegalArgumentException("not a recognised usage or cost export (OpenAI usage/costs, Anthropic "
                + "usage/cost report, OpenRouter activity)");
    }

    /** The first entry of the first bucket's results, or null. */
    private static JsonNode firstResult(List<JsonNode> pages) {
        for (JsonNode p : pages) {
            for (JsonNode bucket : p.path("data")) {
                if (bucket.path("results").size() > 0) {
                    return bucket.path("results").get(0);
                }
            }
        }
        return null;
    }

    static LocalDate dayOfEpoch(long seconds) {
        return Instant.ofEpochSecond(seconds).atZone(ZoneOffset.UTC).toLocalDate();
    }

    static LocalDate dayOfTimestamp(String rfc3339) {
        return OffsetDateTime.parse(rfc3339).atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
    }

    static long nanos(BigDecimal usd) {
        return usd.multiply(NANOS_PER_USD).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
    }

    static long num(JsonNode n, String... names) {
        for (String name : names) {
            if (n.hasNonNull(name)) {
                return n.get(name).asLong();
            }
        }
        return 0;
    }

    static BigDecimal dec(JsonNode n, String... names) {
        for (String name : names) {
            if (n.hasNonNull(name)) {
                return new BigDecimal(n.get(name).asText());
            }
        }
        return null;
    }

    static String text(JsonNode n, String name, String dflt) {
        return n.hasNonNull(name) ? n.get(name).asText() : dflt;
    }
}
