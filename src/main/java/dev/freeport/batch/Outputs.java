package dev.freeport.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.json.Json;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/**
 * What a finished batch leaves: for an OpenAI batch, its output file (one line per request answered 2xx) and error
 * file (every other request: its error answer, or why it was not a request, was cancelled or expired), in OpenAI's
 * JSON Lines shapes ({@code id}, {@code custom_id}, {@code response{status_code, request_id, body}}, {@code error});
 * for an Anthropic batch, its results ({@code custom_id}, {@code result{type, message|error}}), made when asked.
 */
final class Outputs {
    private final Clock clock;

    Outputs(Clock clock) {
        this.clock = clock;
    }

    /** Ends a batch in the store with its output files (OpenAI) or none (Anthropic: results are read per request). */
    void finish(BatchStore store, Batch b, String status, String restOutcome) {
        long now = clock.millis();
        if (!"openai".equals(b.api())) {
            store.finish(b.id(), status, now, restOutcome, null, null, null, null);
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        for (Batch.Line l : store.lines(b.id(), false)) {
            String outcome = l.outcome() == null ? restOutcome : l.outcome();
            ObjectNode line = openAiLine(l, outcome);
            byte[] bytes = Json.bytes(line);
            ByteArrayOutputStream to = BatchStore.SUCCEEDED.equals(outcome) ? out : err;
            to.writeBytes(bytes);
            to.write('\n');
        }
        Batch.File output = out.size() == 0 ? null : new Batch.File(Ids.file(), b.owner(), "batch_output",
                b.id() + "_output.jsonl", now, out.size());
        Batch.File errors = err.size() == 0 ? null : new Batch.File(Ids.file(), b.owner(), "batch_output",
                b.id() + "_error.jsonl", now, err.size());
        store.finish(b.id(), status, now, restOutcome, output, out.toByteArray(), errors, err.toByteArray());
    }

    static ObjectNode openAiLine(Batch.Line l, String outcome) {
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.put("id", "batch_req_" + (l.requestId() != null ? l.requestId().replaceFirst("^req_", "")
                : Integer.toString(l.idx())));
        line.put("custom_id", l.customId());
        if (l.status() != null) {
            ObjectNode response = line.putObject("response");
            response.put("status_code", l.status());
            response.put("request_id", l.requestId());
            response.set("body", body(l.response()));
            line.putNull("error");
        } else {
            line.putNull("response");
            ObjectNode error = line.putObject("error");
            if (BatchStore.CANCELED.equals(outcome)) {
                error.put("code", "batch_cancelled");
                error.put("message", "The batch was cancelled before this request was sent.");
            } else if (BatchStore.EXPIRED.equals(outcome)) {
                error.put("code", "batch_expired");
                error.put("message", "The batch's completion window ended before this request was sent.");
            } else {
                JsonNode why = body(l.response());
                error.put("code", why.path("code").asText("invalid_request"));
                error.put("message", why.path("message").asText("This line is not a request."));
            }
        }
        return line;
    }

    /** The Anthropic results of a batch, one JSON line per request, in the order they were given. */
    static byte[] anthropicResults(List<Batch.Line> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Batch.Line l : lines) {
            ObjectNode line = Json.MAPPER.createObjectNode();
            line.put("custom_id", l.customId());
            ObjectNode result = line.putObject("result");
            String outcome = l.outcome() == null ? BatchStore.CANCELED : l.outcome();
            result.put("type", outcome);
            if (BatchStore.SUCCEEDED.equals(outcome)) {
                result.set("message", body(l.response()));
            } else if (BatchStore.ERRORED.equals(outcome)) {
                JsonNode error = body(l.response());
                if (l.status() == null) { // not a request: why, in Anthropic's error shape
                    error = body(errorJson("anthropic", error.path("message").asText()));
                }
                result.set("error", error);
            }
            out.writeBytes(Json.bytes(line));
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** An error answer in the batch's API shape, as JSON text. */
    static String errorJson(String api, String message) {
        ObjectNode e = Json.MAPPER.createObjectNode();
        if ("anthropic".equals(api)) {
            e.put("type", "error");
            ObjectNode inner = e.putObject("error");
            inner.put("type", "invalid_request_error");
            inner.put("message", message);
        } else {
            ObjectNode inner = e.putObject("error");
            inner.put("message", message);
            inner.put("type", "invalid_request_error");
            inner.putNull("param");
            inner.put("code", "invalid_request");
        }
        return new String(Json.bytes(e), StandardCharsets.UTF_8);
    }

    /** Why a line is not a request, as stored: {"code", "message"}. */
    static String invalid(String code, String message) {
        ObjectNode e = Json.MAPPER.createObjectNode();
        e.put("code", code);
        e.put("message", message);
        return new String(Json.bytes(e), StandardCharsets.UTF_8);
    }

    private static JsonNode body(String text) {
        if (text == null) {
            return Json.MAPPER.nullNode();
        }
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            return Json.MAPPER.getNodeFactory().textNode(text);
        }
    }
}
