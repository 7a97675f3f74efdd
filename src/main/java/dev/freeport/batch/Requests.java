package dev.freeport.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.error.Echo;
import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;
import dev.freeport.error.GatewayException;
import dev.freeport.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A batch's contained requests from what the caller gave: an OpenAI input file (JSON Lines of {@code custom_id},
 * {@code method}, {@code url}, {@code body}) or Anthropic's {@code requests} array ({@code custom_id},
 * {@code params}). An OpenAI line that is not a request (bad JSON, wrong url, a stream, a repeated custom_id)
 * becomes that line's error in the error file, and the others run; Anthropic's request array is checked whole
 * (bad ids, repeats: 400), the params of each request by the flow when it runs (errors per request).
 */
final class Requests {
    static final int MAX_REQUESTS = 50_000;
    static final int MAX_ANTHROPIC_REQUESTS = 100_000;
    private static final Pattern ANTHROPIC_ID = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    private Requests() {
    }

    /** The requests of an OpenAI input file for {@code endpoint} ("/v1/chat/completions" or "/v1/embeddings"). */
    static List<Batch.Line> openAi(byte[] content, String endpoint) {
        String text = new String(content, StandardCharsets.UTF_8);
        List<Batch.Line> lines = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int number = 0;
        for (String raw : text.split("\n", -1)) {
            number++;
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (lines.size() == MAX_REQUESTS) {
                throw bad("input_file_id", "The input file has more than " + MAX_REQUESTS + " requests; a batch takes"
                        + " at most " + MAX_REQUESTS + ".", "too_many_requests");
            }
            lines.add(openAiLine(lines.size(), number, line, endpoint, seen));
        }
        if (lines.isEmpty()) {
            throw bad("input_file_id", "The input file holds no requests (one JSON object per line).", "empty_file");
        }
        return lines;
    }

    private static Batch.Line openAiLine(int idx, int number, String line, String endpoint, Set<String> seen) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(line);
        } catch (Exception e) {
            return Batch.Line.invalid(idx, null, Outputs.invalid("invalid_json_line", "Line " + number
                    + " is not valid JSON."));
        }
        if (!(node instanceof ObjectNode o)) {
            return Batch.Line.invalid(idx, null, Outputs.invalid("invalid_json_line", "Line " + number
                    + " is not a JSON object."));
        }
        String customId = o.path("custom_id").isTextual() ? Echo.of(o.path("custom_id").asText()) : null;
        String problem = null;
        if (customId == null || customId.isEmpty()) {
            problem = "has no custom_id (a string)";
        } else if (!seen.add(customId)) {
            problem = "repeats custom_id '" + customId + "'";
        } else if (!"POST".equals(o.path("method").asText())) {
            problem = "must have method POST";
        } else if (!endpoint.equals(normalPath(o.path("url").asText()))) {
            problem = "has url '" + Echo.of(o.path("url").asText()) + "', but the batch's endpoint is " + endpoint;
        } else if (!o.path("body").isObject()) {
            problem = "has no body (a JSON object)";
        } else if (o.path("body").path("stream").asBoolean(false)) {
            problem = "asks for a stream; batch requests are answered whole";
        }
        if (problem != null) {
            return Batch.Line.invalid(idx, customId, Outputs.invalid("invalid_request", "Line " + number + " "
                    + problem + "."));
        }
        return Batch.Line.pending(idx, customId, new String(Json.bytes(o.path("body")), StandardCharsets.UTF_8));
    }

    /** "/v1/chat/completions" for "/chat/completions" too. */
    static String normalPath(String url) {
        return url.startsWith("/v1/") ? url : "/v1" + (url.startsWith("/") ? url : "/" + url);
    }

    /** The requests of an Anthropic batch ({@code {"requests": [{"custom_id", "params"}, ...]}}). */
    static List<Batch.Line> anthropic(ObjectNode body) {
        JsonNode requests = body.get("requests");
        if (requests == null || !requests.isArray() || requests.isEmpty()) {
            throw bad("requests", "requests: must be a non-empty array of {custom_id, params}.", null);
        }
        if (requests.size() > MAX_ANTHROPIC_REQUESTS) {
            throw bad("requests", "requests: at most " + MAX_ANTHROPIC_REQUESTS + " requests per batch.", null);
        }
        List<Batch.Line> lines = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode r : requests) {
            int i = lines.size();
            JsonNode id = r.path("custom_id");
            if (!id.isTextual() || !ANTHROPIC_ID.matcher(id.asText()).matches()) {
                throw bad("requests", "requests." + i + ".custom_id: must be 1 to 64 letters, digits, '_' or '-'.",
                        null);
            }
            if (!seen.add(id.asText())) {
                throw bad("requests", "requests." + i + ".custom_id: '" + id.asText() + "' is used more than once;"
                        + " custom_id must be unique within a batch.", null);
            }
            JsonNode params = r.path("params");
            if (!params.isObject()) {
                throw bad("requests", "requests." + i + ".params: must be an object (a Messages request).", null);
            }
            if (params.path("stream").asBoolean(false)) {
                lines.add(Batch.Line.invalid(i, id.asText(), Outputs.invalid("invalid_request",
                        "requests." + i + ".params.stream: batch requests are answered whole; stream must be false.")));
            } else {
                lines.add(Batch.Line.pending(i, id.asText(), new String(Json.bytes(params), StandardCharsets.UTF_8)));
            }
        }
        return lines;
    }

    static GatewayException bad(String param, String message, String code) {
        return new GatewayError(ErrorKind.INVALID_REQUEST, 400, message, param, code, null).toException();
    }

    static GatewayException notFound(String what, String id) {
        return new GatewayError(ErrorKind.NOT_FOUND, 404, "No " + what + " with id '" + Echo.of(id) + "' exists"
                + " for this key.", null, "not_found", null).toException();
    }
}
