package dev.freeport.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.dialect.openai.OpenAiErrorJson;
import dev.freeport.error.Echo;
import dev.freeport.front.Endpoint;
import dev.freeport.front.ErrorShape;
import dev.freeport.front.Front;
import dev.freeport.front.QueryHandler;
import dev.freeport.json.Json;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * OpenAI's Files (for batch input) and Batch APIs: {@code POST /v1/files} (multipart, purpose "batch"),
 * {@code GET /v1/files/{id}}, {@code GET /v1/files/{id}/content}, {@code POST /v1/batches}, {@code GET
 * /v1/batches}, {@code GET /v1/batches/{id}}, {@code POST /v1/batches/{id}/cancel}; objects in OpenAI's shapes,
 * errors in OpenAI's format. Each path also answers without {@code /v1}, as the OpenAI front does.
 */
final class OpenAiBatchFront implements Front {
    private static final ErrorShape ERRORS = OpenAiErrorJson::of;
    private final Batches batches;
    private final List<Endpoint> endpoints;

    OpenAiBatchFront(Batches batches) {
        this.batches = batches;
        List<Endpoint> e = new ArrayList<>();
        add(e, HttpMethod.POST, "/files", this::upload);
        add(e, HttpMethod.GET, "/files/{id}", call -> batches.blocking(() -> batches.store
                .file(call.params().get("id"), owner(call)).orElseThrow(() -> Requests.notFound("file",
                        call.params().get("id")))).map(f -> QueryHandler.Reply.json(fileJson(f))));
        add(e, HttpMethod.GET, "/files/{id}/content", this::content);
        add(e, HttpMethod.POST, "/batches", this::create);
        add(e, HttpMethod.GET, "/batches", this::list);
        add(e, HttpMethod.GET, "/batches/{id}", call -> batches.get(owner(call), call.params().get("id"), "batch")
                .map(b -> QueryHandler.Reply.json(batchJson(b))));
        add(e, HttpMethod.POST, "/batches/{id}/cancel", call -> batches.cancel(owner(call), call.params().get("id"),
                "batch").map(b -> QueryHandler.Reply.json(batchJson(b))));
        this.endpoints = List.copyOf(e);
    }

    private void add(List<Endpoint> e, HttpMethod method, String path,
                     Function<QueryHandler.Call, Future<QueryHandler.Reply>> handler) {
        e.add(Batches.query(this, method, List.of("/v1" + path, path), handler));
    }

    @Override
    public String name() {
        return "openai";
    }

    @Override
    public List<Endpoint> endpoints() {
        return endpoints;
    }

    @Override
    public ErrorShape errors() {
        return ERRORS;
    }

    private static String owner(QueryHandler.Call call) {
        return Batches.owner(call);
    }

    private Future<QueryHandler.Reply> upload(QueryHandler.Call call) {
        String contentType = call.header().apply("content-type");
        return batches.blocking(() -> { // parsed on a worker: an upload can be large
            try {
                return Multipart.parse(contentType, call.body().getBytes());
            } catch (IllegalArgumentException e) {
                throw Requests.bad(null, "Invalid file upload: " + e.getMessage() + ".", "invalid_upload");
            }
        }).compose(form -> keep(call, form));
    }

    private Future<QueryHandler.Reply> keep(QueryHandler.Call call, Multipart form) {
        String purpose = form.fields().get("purpose");
        if (!"batch".equals(purpose)) {
            throw Requests.bad("purpose", purpose == null ? "purpose: required; Freeport keeps files for batches"
                    + " only (purpose \"batch\")." : "purpose: '" + Echo.of(purpose) + "' is not supported;"
                    + " Freeport keeps files for batches only (purpose \"batch\").", "invalid_purpose");
        }
        if (form.file() == null || form.file().length == 0) {
            throw Requests.bad("file", "file: required, a non-empty JSON Lines file.", "invalid_file");
        }
        Batch.File f = new Batch.File(Ids.file(), owner(call), "batch", form.filename() == null ? "upload.jsonl"
                : Echo.of(form.filename()), batches.clock.millis(), form.file().length);
        return batches.blocking(() -> {
            batches.store.putFile(f, form.file());
            return QueryHandler.Reply.json(fileJson(f));
        });
    }

    private Future<QueryHandler.Reply> content(QueryHandler.Call call) {
        String id = call.params().get("id");
        return batches.blocking(() -> batches.store.content(id, owner(call))
                .orElseThrow(() -> Requests.notFound("file", id)))
                .map(bytes -> new QueryHandler.Reply(200, "application/octet-stream", Buffer.buffer(bytes)));
    }

    private Future<QueryHandler.Reply> create(QueryHandler.Call call) {
        ObjectNode body = Json.parseObject(call.body());
        String fileId = text(body, "input_file_id");
        String endpoint = text(body, "endpoint");
        if (!Endpoints.OPENAI.contains(endpoint)) {
            throw Requests.bad("endpoint", "endpoint: '" + Echo.of(endpoint) + "' is not supported; use one of "
                    + String.join(", ", Endpoints.OPENAI) + ".", "invalid_endpoint");
        }
        String window = text(body, "completion_window");
        if (!"24h".equals(window)) {
            throw Requests.bad("completion_window", "completion_window: must be \"24h\".", "invalid_completion_window");
        }
        JsonNode metadata = body.get("metadata");
        if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
            throw Requests.bad("metadata", "metadata: must be an object of strings.", "invalid_metadata");
        }
        String owner = owner(call);
        String dataClass = call.header().apply("x-freeport-data-class");
        return batches.blocking(() -> {
            Batch.File f = batches.store.file(fileId, owner).orElseThrow(() -> Requests.notFound("file", fileId));
            if (!"batch".equals(f.purpose())) {
                throw Requests.bad("input_file_id", "input_file_id: the file " + fileId + " was not uploaded with"
                        + " purpose \"batch\".", "invalid_input_file");
            }
            return Requests.openAi(batches.store.content(fileId, owner).orElseThrow(), endpoint);
        }).compose(lines -> batches.create(owner, "openai", endpoint, fileId, metadata == null || metadata.isNull()
                ? null : new String(Json.bytes(metadata), StandardCharsets.UTF_8), dataClass, lines))
                .map(b -> QueryHandler.Reply.json(batchJson(b)));
    }

    private Future<QueryHandler.Reply> list(QueryHandler.Call call) {
        int limit = limit(call.query().apply("limit"));
        return batches.list(owner(call), "openai", call.query().apply("after"), limit + 1).map(found -> {
            ObjectNode list = Json.MAPPER.createObjectNode();
            list.put("object", "list");
            var data = list.putArray("data");
            found.stream().limit(limit).forEach(b -> data.add(batchJson(b)));
            list.put("first_id", found.isEmpty() ? null : found.getFirst().id());
            list.put("last_id", found.isEmpty() ? null : found.get(Math.min(limit, found.size()) - 1).id());
            list.put("has_more", found.size() > limit);
            return QueryHandler.Reply.json(list);
        });
    }

    static int limit(String value) {
        if (value == null) {
            return 20;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1 && n <= 100) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the error below
        }
        throw Requests.bad("limit", "limit: must be an integer from 1 to 100, got '" + Echo.of(value) + "'.", null);
    }

    private static String text(ObjectNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw Requests.bad(field, field + ": required, a string.", "missing_" + field);
        }
        return v.asText();
    }

    static ObjectNode fileJson(Batch.File f) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", f.id());
        o.put("object", "file");
        o.put("bytes", f.bytes());
        o.put("created_at", f.createdMs() / 1000);
        o.put("filename", f.filename());
        o.put("purpose", f.purpose());
        o.put("status", "processed");
        return o;
    }

    static ObjectNode batchJson(Batch b) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", b.id());
        o.put("object", "batch");
        o.put("endpoint", b.endpoint());
        o.putNull("errors");
        o.put("input_file_id", b.inputFileId());
        o.put("completion_window", "24h");
        o.put("status", b.status());
        o.put("output_file_id", b.outputFileId());
        o.put("error_file_id", b.errorFileId());
        o.put("created_at", b.createdMs() / 1000);
        o.put("in_progress_at", b.createdMs() / 1000);
        o.put("expires_at", b.expiresMs() / 1000);
        Long ended = b.endedMs() == null ? null : b.endedMs() / 1000;
        o.put("finalizing_at", ended);
        o.put("completed_at", Batch.COMPLETED.equals(b.status()) ? ended : null);
        o.putNull("failed_at");
        o.put("expired_at", Batch.EXPIRED.equals(b.status()) ? ended : null);
        o.put("cancelling_at", b.cancelMs() == null ? null : b.cancelMs() / 1000);
        o.put("cancelled_at", Batch.CANCELLED.equals(b.status()) ? ended : null);
        ObjectNode counts = o.putObject("request_counts");
        Batch.Counts c = b.counts();
        counts.put("total", c.total());
        counts.put("completed", c.succeeded());
        counts.put("failed", c.errored() + c.canceled() + c.expired());
        if (b.metadata() == null) {
            o.putNull("metadata");
        } else {
            try {
                o.set("metadata", Json.MAPPER.readTree(b.metadata()));
            } catch (Exception e) {
                o.putNull("metadata");
            }
        }
        return o;
    }
}
