package dev.freeport.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.json.Json;
import dev.freeport.provider.BatchApi;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.UpstreamFailure;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The wire of the back ends' batch APIs, both ways, over a provider's {@link BatchApi}: OpenAI's Files and Batches
 * ({@code POST /files} purpose batch, {@code POST /batches}, {@code GET /batches/{id}}, the output and error files'
 * content, {@code POST /batches/{id}/cancel}) and Anthropic's Message Batches ({@code POST /messages/batches},
 * {@code GET /messages/batches/{id}}, its {@code /results} JSON Lines, {@code /cancel}). A request's custom id
 * upstream is {@code r<position>}: where its answer goes back.
 */
final class Upstreams {
    private static final String CHAT = "/v1/chat/completions";

    private Upstreams() {
    }

    /** Where a provider batch stands: ended or not, its status there, and for OpenAI its output and error files. */
    record Poll(boolean ended, String status, List<String> files, String failure) {
    }

    /**
     * One request's answer from a provider batch: its position, its outcome (succeeded, errored: a body to settle;
     * canceled, expired: never run), and the HTTP status and body the back end gave it.
     */
    record Answer(int idx, String outcome, int status, Buffer body) {
    }

    /** A failed batch-endpoint exchange, with the wait a Retry-After asked for (null: none). */
    static final class Failed extends RuntimeException {
        final Duration retryAfter;

        Failed(String message, Duration retryAfter) {
            super(message, null, false, false);
            this.retryAfter = retryAfter;
        }
    }

    /** Submits the requests; completes with the provider's batch id. */
    static Future<String> submit(BatchApi api, List<Batch.Line> lines) {
        if ("anthropic".equals(api.dialect())) {
            ObjectNode body = Json.MAPPER.createObjectNode();
            ArrayNode requests = body.putArray("requests");
            for (Batch.Line l : lines) {
                ObjectNode r = requests.addObject();
                r.put("custom_id", "r" + l.idx());
                r.set("params", tree(l.handed().body()));
            }
            return json(api, "POST", "/messages/batches", body).map(b -> b.path("id").asText());
        }
        StringBuilder jsonl = new StringBuilder();
        for (Batch.Line l : lines) {
            ObjectNode r = Json.MAPPER.createObjectNode();
            r.put("custom_id", "r" + l.idx());
            r.put("method", "POST");
            r.put("url", CHAT);
            r.set("body", tree(l.handed().body()));
            jsonl.append(new String(Json.bytes(r), StandardCharsets.UTF_8)).append('\n');
        }
        String boundary = "freeport" + UUID.randomUUID().toString().replace("-", "");
        Buffer form = Buffer.buffer()
                .appendString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n")
                .appendString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\";"
                        + " filename=\"batch.jsonl\"\r\nContent-Type: application/jsonl\r\n\r\n")
                .appendString(jsonl.toString())
                .appendString("\r\n--" + boundary + "--\r\n");
        return checked(api.send("POST", "/files", "multipart/form-data; boundary=" + boundary, form))
                .map(Upstreams::tree)
                .compose(file -> {
                    ObjectNode create = Json.MAPPER.createObjectNode();
                    create.put("input_file_id", file.path("id").asText());
                    create.put("endpoint", CHAT);
                    create.put("completion_window", "24h");
                    return json(api, "POST", "/batches", create);
                })
                .map(b -> b.path("id").asText());
    }

    static Future<Poll> poll(BatchApi api, String id) {
        if ("anthropic".equals(api.dialect())) {
            return json(api, "GET", "/messages/batches/" + id, null).map(b -> {
                String status = b.path("processing_status").asText();
                return new Poll("ended".equals(status), status, List.of(), null);
            });
        }
        return json(api, "GET", "/batches/" + id, null).map(b -> {
            String status = b.path("status").asText();
            List<String> files = new ArrayList<>();
            for (String f : List.of("output_file_id", "error_file_id")) {
                if (b.path(f).isTextual()) {
                    files.add(b.path(f).asText());
                }
            }
            JsonNode errors = b.path("errors").path("data");
            String failure = errors.isArray() && !errors.isEmpty() ? errors.get(0).path("message").asText(null) : null;
            boolean ended = List.of("completed", "failed", "expired", "cancelled").contains(status);
            return new Poll(ended, status, files, failure);
        });
    }

    static Future<Void> cancel(BatchApi api, String id) {
        String path = "anthropic".equals(api.dialect()) ? "/messages/batches/" + id + "/cancel"
                : "/batches/" + id + "/cancel";
        return checked(api.send("POST", path, "application/json", Buffer.buffer())).mapEmpty();
    }

    /** Every answer of an ended provider batch. */
    static Future<List<Answer>> results(BatchApi api, String id, Poll poll) {
        if ("anthropic".equals(api.dialect())) {
            return checked(api.send("GET", "/messages/batches/" + id + "/results", null, null))
                    .map(b -> anthropicAnswers(b.body()));
        }
        Future<List<Answer>> all = Future.succeededFuture(new ArrayList<>());
        for (String file : poll.files()) {
            all = all.compose(list -> checked(api.send("GET", "/files/" + file + "/content", null, null)).map(b -> {
                list.addAll(openAiAnswers(b.body()));
                return list;
            }));
        }
        return all;
    }

    private static List<Answer> anthropicAnswers(Buffer body) {
        List<Answer> out = new ArrayList<>();
        for (JsonNode line : lines(body)) {
            int idx = position(line.path("custom_id").asText());
            JsonNode result = line.path("result");
            String type = result.path("type").asText();
            switch (type) {
                case "succeeded" -> out.add(new Answer(idx, BatchStore.SUCCEEDED, 200,
                        Buffer.buffer(Json.bytes(result.path("message")))));
                case "errored" -> {
                    JsonNode error = result.path("error");
                    String kind = error.path("error").path("type").asText(error.path("type").asText());
                    int status = switch (kind) {
                        case "invalid_request_error" -> 400;
                        case "authentication_error" -> 401;
                        case "permission_error" -> 403;
                        case "not_found_error" -> 404;
                        case "rate_limit_error" -> 429;
                        default -> 500;
                    };
                    out.add(new Answer(idx, BatchStore.ERRORED, status, Buffer.buffer(Json.bytes(error))));
                }
                case "canceled" -> out.add(new Answer(idx, BatchStore.CANCELED, 0, null));
                default -> out.add(new Answer(idx, BatchStore.EXPIRED, 0, null));
            }
        }
        return out;
    }

    private static List<Answer> openAiAnswers(Buffer body) {
        List<Answer> out = new ArrayList<>();
        for (JsonNode line : lines(body)) {
            int idx = position(line.path("custom_id").asText());
            JsonNode response = line.path("response");
            if (response.isObject()) {
                int status = response.path("status_code").asInt(500);
                out.add(new Answer(idx, status / 100 == 2 ? BatchStore.SUCCEEDED : BatchStore.ERRORED, status,
                        Buffer.buffer(Json.bytes(response.path("body")))));
                continue;
            }
            String code = line.path("error").path("code").asText("");
            if ("batch_expired".equals(code)) {
                out.add(new Answer(idx, BatchStore.EXPIRED, 0, null));
            } else if ("batch_cancelled".equals(code)) {
                out.add(new Answer(idx, BatchStore.CANCELED, 0, null));
            } else {
                ObjectNode error = Json.MAPPER.createObjectNode();
                ObjectNode inner = error.putObject("error");
                inner.put("message", line.path("error").path("message").asText("The provider's batch failed this"
                        + " request."));
                inner.put("type", "invalid_request_error");
                inner.put("code", code.isEmpty() ? "upstream_rejected" : code);
                out.add(new Answer(idx, BatchStore.ERRORED, 400, Buffer.buffer(Json.bytes(error))));
            }
        }
        return out;
    }

    private static List<JsonNode> lines(Buffer body) {
        List<JsonNode> out = new ArrayList<>();
        for (String line : body.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                try {
                    out.add(Json.MAPPER.readTree(line));
                } catch (Exception e) {
                    // a line that cannot be read: its request stays without an answer (the batch's rest outcome)
                }
            }
        }
        return out;
    }

    private static int position(String customId) {
        try {
            return customId.startsWith("r") ? Integer.parseInt(customId.substring(1)) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Future<JsonNode> json(BatchApi api, String method, String path, ObjectNode body) {
        return checked(api.send(method, path, body == null ? null : "application/json",
                body == null ? null : Buffer.buffer(Json.bytes(body)))).map(Upstreams::tree);
    }

    private static JsonNode tree(BatchApi.Answer a) {
        return tree(a.body().toString(StandardCharsets.UTF_8));
    }

    private static JsonNode tree(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw new Failed("unreadable JSON from the provider's batch API", null);
        }
    }

    private static String snippet(Buffer body) {
        String s = body == null ? "" : body.toString(StandardCharsets.UTF_8);
        return s.length() > 300 ? s.substring(0, 300) : s;
    }

    /** A 2xx answer, or a {@link Failed} with the back end's message and Retry-After. */
    private static Future<BatchApi.Answer> checked(Future<BatchApi.Answer> sent) {
        return sent.recover(e -> Future.failedFuture(new Failed("no answer: " + e.getMessage(), null))).compose(a -> {
            if (a.status() / 100 == 2) {
                return Future.succeededFuture(a);
            }
            UpstreamFailure f = UpstreamFailure.of(FailureKind.SERVER_ERROR, a.status(), "HTTP " + a.status());
            String ra = a.headers() == null ? null : a.headers().get("retry-after");
            Duration wait = null;
            try {
                wait = ra == null ? null : Duration.ofSeconds(Long.parseLong(ra.trim()));
            } catch (NumberFormatException ignored) {
                // an HTTP date: the normal backoff
            }
            return Future.failedFuture(new Failed(f.message() + ": " + snippet(a.body()), wait));
        });
    }
}
