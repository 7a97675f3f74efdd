package dev.freeport.audit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.Usage;
import dev.freeport.catalog.LiteLlmCatalog;
import dev.freeport.json.Json;
import dev.freeport.ledger.RequestFacts;
import dev.freeport.ledger.UsageEvent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a LiteLLM spend-log export: rows of the {@code LiteLLM_SpendLogs} table as a JSON array, {@code {"data":
 * [...]}}, JSON lines, or CSV with a header row. Columns used: request_id, call_type, api_key, spend,
 * prompt_tokens, completion_tokens, startTime, endTime, completionStartTime, model, model_group,
 * custom_llm_provider, user, team_id, request_tags, cache_hit, status, metadata (user_api_key_alias,
 * user_api_key_team_alias, usage_object with cached and reasoning tokens), and, when logged, messages or
 * proxy_server_request (the request body: fingerprints, tools, max_tokens). The cost is LiteLLM's {@code spend}
 * (USD). A row without request_id, startTime or model, or with an unreadable number or timestamp, is reported as
 * malformed with the line it starts on.
 */
public final class LiteLlmSpendImport {

    /** Reads one element of an array in place (the shared mapper rejects trailing tokens). */
    private static final com.fasterxml.jackson.databind.ObjectReader ROW_READER = Json.MAPPER.readerFor(ObjectNode.class)
            .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private LiteLlmSpendImport() {
    }

    public static Imported read(String text) throws IOException {
        List<AuditRecord> records = new ArrayList<>();
        List<Malformed> bad = new ArrayList<>();
        for (Row row : rows(text, bad)) {
            try {
                records.add(record(row.node()));
            } catch (RuntimeException e) {
                bad.add(new Malformed(row.line(), e.getMessage() == null ? e.toString() : e.getMessage()));
            }
        }
        bad.sort(java.util.Comparator.comparingLong(Malformed::line));
        return new Imported(records, bad);
    }

    private record Row(long line, ObjectNode node) {
    }

    private static List<Row> rows(String text, List<Malformed> bad) throws IOException {
        String t = text.stripLeading();
        List<Row> rows = new ArrayList<>();
        if (t.startsWith("[") || (t.startsWith("{") && t.contains("\"data\"") && !firstLineIsRow(text))) {
            try (JsonParser p = Json.MAPPER.createParser(text)) {
                JsonToken tok = p.nextToken();
                if (tok == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME && !p.currentName().equals("data")) {
                        p.nextToken();
                        p.skipChildren();
                    }
                    p.nextToken();
                }
                for (JsonToken e = p.nextToken(); e != null && e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    long line = p.currentTokenLocation().getLineNr();
                    if (e == JsonToken.START_OBJECT) {
                        rows.add(new Row(line, ROW_READER.readValue(p)));
                    } else {
                        p.skipChildren();
                        bad.add(new Malformed(line, "not a JSON object"));
                    }
                }
            } catch (IOException e) {
                bad.add(new Malformed(-1, "JSON export unreadable after row " + rows.size() + ": "
                        + e.getMessage().lines().findFirst().orElse("")));
            }
            return rows;
        }
        if (t.startsWith("{")) {
            long n = 0;
            for (String line : text.lines().toList()) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode node = Json.MAPPER.readTree(line);
                    if (!node.isObject()) {
                        throw new IOException("not a JSON object");
                    }
                    rows.add(new Row(n, (ObjectNode) node));
                } catch (IOException e) {
                    bad.add(new Malformed(n, "not a JSON row"));
                }
            }
            return rows;
        }
        List<Csv.Row> csv = Csv.read(new BufferedReader(new StringReader(text)));
        if (csv.isEmpty()) {
            return rows;
        }
        List<String> header = csv.get(0).cells();
        for (Csv.Row r : csv.subList(1, csv.size())) {
            if (r.cells().size() != header.size()) {
                bad.add(new Malformed(r.line(), r.cells().size() + " columns, the header has " + header.size()));
                continue;
            }
            ObjectNode n = Json.NODES.objectNode();
            for (int i = 0; i < header.size(); i++) {
                n.put(header.get(i).strip(), r.cells().get(i));
            }
            rows.add(new Row(r.line(), n));
        }
        return rows;
    }

    private static boolean firstLineIsRow(String text) {
        String first = text.lines().filter(l -> !l.isBlank()).findFirst().orElse("");
        return first.contains("\"request_id\"");
    }

    static AuditRecord record(ObjectNode row) {
        String id = need(row, "request_id");
        Instant start = Times.parse(need(row, "startTime"));
        String model = need(row, "model");
        Instant end = text(row, "endTime") == null ? start : Times.parse(text(row, "endTime"));
        String firstToken = text(row, "completionStartTime");
        JsonNode meta = json(row, "metadata");
        JsonNode usage = meta.path("usage_object");
        String vendor = LiteLlmCatalog.vendorOf(text(row, "custom_llm_provider"));
        String alias = text(row, "model_group") != null ? text(row, "model_group") : model;
        String caller = meta.hasNonNull("user_api_key_alias") ? meta.get("user_api_key_alias").asText()
                : abbreviate(text(row, "api_key"));
        String team = text(row, "team_id") != null ? text(row, "team_id")
                : meta.path("user_api_key_team_alias").asText(meta.path("user_api_key_team_id").asText(null));
        String tags = OpenAiJsonlImport.tags(json(row, "request_tags"));
        String status = text(row, "status") != null ? text(row, "status") : meta.path("status").asText("success");
        boolean ok = !status.equalsIgnoreCase("failure") && !status.equalsIgnoreCase("failed");
        long input = number(row, "prompt_tokens").longValueExact();
        long output = number(row, "completion_tokens").longValueExact();
        long cached = usage.path("prompt_tokens_details").path("cached_tokens")
                .asLong(usage.path("cache_read_input_tokens").asLong(0));
        long reasoning = usage.path("completion_tokens_details").path("reasoning_tokens").asLong(0);
        long cost = number(row, "spend").movePointRight(9).setScale(0, RoundingMode.HALF_UP).longValueExact();
        JsonNode body = json(row, "proxy_server_request");
        if (!body.path("messages").isArray()) {
            JsonNode messages = json(row, "messages");
            body = messages.isArray() && !messages.isEmpty()
                    ? Json.NODES.objectNode().put("model", alias).set("messages", messages) : null;
        }
        RequestFacts facts = new RequestFacts("openai", team, tags, null, null, 0, null, 0, null, null, false, null);
        boolean images = false;
        boolean jsonOut = false;
        if (body instanceof ObjectNode req && req.path("messages").isArray()) {
            RequestShape shape = RequestShape.of(req, team, tags);
            facts = shape.settle(input, null);
            images = shape.images();
            jsonOut = shape.jsonOutput();
        }
        String callType = text(row, "call_type") == null ? "" : text(row, "call_type");
        Long ttft = firstToken == null ? null : Duration.between(start, Times.parse(firstToken)).toMillis();
        UsageEvent e = UsageEvent.builder(id, start).caller(caller)
                .endpoint(callType.contains("embedding") ? "embeddings" : "chat").alias(alias).target(vendor, model)
                .attempts(1)
                .outcome(ok ? UsageEvent.Status.OK : UsageEvent.Status.FAILED, ok ? 200 : 502,
                        ok ? null : "upstream_error", null)
                .stream(false).usage(new Usage(input, output, cached, 0, reasoning, false)).costNanos(cost)
                .latency(Math.max(0, Duration.between(start, end).toMillis()), ttft).facts(facts).build();
        return new AuditRecord(e, vendor, images, jsonOut);
    }

    private static String abbreviate(String key) {
        return key == null ? null : key.length() > 12 ? key.substring(0, 12) + "…" : key;
    }

    private static String need(ObjectNode row, String field) {
        String v = text(row, field);
        if (v == null) {
            throw new IllegalArgumentException("no " + field);
        }
        return v;
    }

    private static String text(ObjectNode row, String field) {
        JsonNode v = row.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }

    private static BigDecimal number(ObjectNode row, String field) {
        String v = text(row, field);
        try {
            return v == null ? BigDecimal.ZERO : new BigDecimal(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number in " + field + ": '" + v + "'");
        }
    }

    /** A JSON column: an object/array as is, or (CSV) a string holding JSON; missing node when absent/unreadable. */
    private static JsonNode json(ObjectNode row, String field) {
        JsonNode v = row.get(field);
        if (v == null || v.isNull()) {
            return Json.NODES.missingNode();
        }
        if (v.isTextual()) {
            String s = v.asText().strip();
            if (s.startsWith("{") || s.startsWith("[")) {
                try {
                    return Json.MAPPER.readTree(s);
                } catch (IOException e) {
                    return Json.NODES.missingNode();
                }
            }
            return s.isEmpty() ? Json.NODES.missingNode() : v;
        }
        return v;
    }
}
