package dev.freeport.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.Usage;
import dev.freeport.api.VendorNames;
import dev.freeport.catalog.ModelInfo;
import dev.freeport.catalog.PriceCatalog;
import dev.freeport.json.Json;
import dev.freeport.ledger.RequestFacts;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.tokens.TokenCounter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads JSONL of OpenAI-format request/response pairs, one JSON object per line. Accepted shapes:
 * <ul>
 *   <li>{@code {"request": {...chat request...}, "response": {...chat completion...}}}</li>
 *   <li>{@code {"input": {...}, "output": {...}}} (the same, other names)</li>
 *   <li>the chat request's fields at the top level plus {@code "response": {...}}</li>
 * </ul>
 * Optional fields next to them: {@code id}, {@code timestamp}/{@code time}/{@code created_at} (ISO-8601 or epoch
 * seconds), {@code provider}, {@code user}/{@code key}, {@code team}, {@code tags} (array or comma list),
 * {@code latency_ms}, {@code attempts}. A response with {@code error} (or none) is a failed request. Usage comes from
 * {@code response.usage} (OpenAI or Anthropic field names); without it tokens are counted with
 * {@link TokenCounter} and marked estimated. The vendor is {@code provider}, else the catalog's first provider of
 * the model; the cost is the catalog price (0 when the model is not in the catalog). Blank lines are skipped;
 * lines that are not such an object are reported as malformed with their line number.
 */
public final class OpenAiJsonlImport {

    private OpenAiJsonlImport() {
    }

    public static Imported read(Reader in, PriceCatalog catalog, Instant fallbackTime) throws IOException {
        List<AuditRecord> records = new ArrayList<>();
        List<Malformed> bad = new ArrayList<>();
        BufferedReader r = new BufferedReader(in);
        String line;
        long n = 0;
        while ((line = r.readLine()) != null) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            try {
                records.add(record(Json.MAPPER.readTree(line), n, catalog, fallbackTime));
            } catch (IOException | IllegalArgumentException e) {
                bad.add(new Malformed(n, reason(e)));
            }
        }
        return new Imported(records, bad);
    }

    private static String reason(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    static AuditRecord record(JsonNode root, long line, PriceCatalog catalog, Instant fallbackTime) {
        if (!root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode req = root.has("request") ? root.get("request") : root.has("input") ? root.get("input") : root;
        JsonNode resp = root.has("request") || root.has("input")
                ? (root.has("response") ? root.get("response") : root.path("output")) : root.path("response");
        if (!req.isObject() || !req.path("messages").isArray()) {
            throw new IllegalArgumentException("no request with a messages array");
        }
        ObjectNode request = (ObjectNode) req;
        String team = text(root, "team");
        RequestShape shape = RequestShape.of(request, team, tags(root.get("tags")));
        boolean failed = !resp.isObject() || resp.has("error") || !resp.path("choices").isArray();
        String model = resp.path("model").asText(request.path("model").asText(null));
        if (model == null) {
            throw new IllegalArgumentException("no model in request or response");
        }
        String vendor = text(root, "provider");
        if (vendor == null) {
            vendor = catalog.info("", model).map(ModelInfo::provider).orElse("unknown");
        }
        vendor = VendorNames.canonical(vendor);
        Usage usage = usage(resp.path("usage"));
        if (usage.isEmpty() && !failed) {
            usage = new Usage(shape.countPromptTokens(), answerTokens(resp), 0, 0, 0, true);
        }
        String finish = resp.path("choices").path(0).path("finish_reason").asText(null);
        RequestFacts facts = shape.settle(usage.inputTokens(), finish);
        final Usage u = usage;
        final String v = vendor;
        long cost = catalog.find(vendor, model).map(p -> PriceCatalog.costNanos(p, u, 0)).orElse(0L);
        String id = text(root, "id") != null ? text(root, "id") : resp.path("id").asText("line-" + line);
        String caller = text(root, "user") != null ? text(root, "user") : text(root, "key") != null
                ? text(root, "key") : request.path("user").asText("(unknown)");
        UsageEvent e = UsageEvent.builder(id, time(root, resp, fallbackTime)).caller(caller).endpoint("chat")
                .alias(request.path("model").asText(model)).target(v, model).attempts(root.path("attempts").asInt(1))
                .outcome(failed ? UsageEvent.Status.FAILED : UsageEvent.Status.OK, failed ? 502 : 200,
                        failed ? "upstream_error" : null, failed ? resp.path("error").path("message").asText(null) : null)
                .stream(shape.chat().stream())
                .usage(u)
                .costNanos(cost).latency(root.path("latency_ms").asLong(0), null).facts(facts).build();
        return new AuditRecord(e, v, shape.images(), shape.jsonOutput());
    }

    /** OpenAI (prompt_tokens, completion_tokens, *_details) or Anthropic (input_tokens, cache_*) usage. */
    static Usage usage(JsonNode u) {
        if (!u.isObject()) {
            return Usage.NONE;
        }
        if (u.has("prompt_tokens") || u.has("completion_tokens")) {
            return new Usage(u.path("prompt_tokens").asLong(), u.path("completion_tokens").asLong(),
                    u.path("prompt_tokens_details").path("cached_tokens").asLong(), 0,
                    u.path("completion_tokens_details").path("reasoning_tokens").asLong(), false);
        }
        long cacheRead = u.path("cache_read_input_tokens").asLong();
        long cacheWrite = u.path("cache_creation_input_tokens").asLong();
        return new Usage(u.path("input_tokens").asLong() + cacheRead + cacheWrite, u.path("output_tokens").asLong(),
                cacheRead, cacheWrite, 0, false);
    }

    private static long answerTokens(JsonNode resp) {
        JsonNode m = resp.path("choices").path(0).path("message");
        long n = TokenCounter.countText(m.path("content").asText(""));
        for (JsonNode call : m.path("tool_calls")) {
            n += TokenCounter.countText(call.path("function").path("arguments").asText(""));
        }
        return n;
    }

    static Instant time(JsonNode root, JsonNode resp, Instant fallback) {
        for (String f : new String[] {"timestamp", "time", "created_at", "startTime"}) {
            JsonNode t = root.get(f);
            if (t != null && !t.isNull()) {
                return t.isNumber() ? Instant.ofEpochSecond(t.asLong()) : Times.parse(t.asText());
            }
        }
        return resp.hasNonNull("created") ? Instant.ofEpochSecond(resp.get("created").asLong()) : fallback;
    }

    static String tags(JsonNode tags) {
        if (tags == null || tags.isNull()) {
            return null;
        }
        if (tags.isArray()) {
            List<String> all = new ArrayList<>();
            tags.forEach(t -> all.add(t.asText()));
            return all.isEmpty() ? null : String.join(",", all);
        }
        return tags.asText();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
