package dev.freeport.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;
import dev.freeport.front.Endpoint;
import dev.freeport.front.ErrorShape;
import dev.freeport.front.Front;
import dev.freeport.front.QueryHandler;
import dev.freeport.front.anthropic.AnthropicFront;
import dev.freeport.json.Json;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Anthropic's Message Batches: {@code POST /v1/messages/batches}, {@code GET /v1/messages/batches} (list),
 * {@code GET}/{@code DELETE /v1/messages/batches/{id}}, {@code POST .../{id}/cancel}, {@code GET .../{id}/results}
 * (JSON Lines); objects in Anthropic's shapes ({@code processing_status} in_progress, canceling, ended;
 * {@code request_counts}; ISO times; {@code results_url} once ended, on this gateway), errors in Anthropic's format.
 */
final class AnthropicBatchFront implements Front {
    private static final String PATH = "/v1/messages/batches";
    private final Batches batches;
    private final String scheme;
    private final List<Endpoint> endpoints;

    /** {@code scheme}: how callers reach this gateway ("https" with server TLS), for results_url. */
    AnthropicBatchFront(Batches batches, String scheme) {
        this.batches = batches;
        this.scheme = scheme;
        List<Endpoint> e = new ArrayList<>();
        add(e, HttpMethod.POST, "", this::create);
        add(e, HttpMethod.GET, "", this::list);
        add(e, HttpMethod.GET, "/{id}", call -> batches.get(owner(call), id(call), "message batch")
                .map(b -> QueryHandler.Reply.json(batchJson(b, base(call)))));
        add(e, HttpMethod.POST, "/{id}/cancel", call -> batches.cancel(owner(call), id(call), "message batch")
                .map(b -> QueryHandler.Reply.json(batchJson(b, base(call)))));
        add(e, HttpMethod.GET, "/{id}/results", this::results);
        add(e, HttpMethod.DELETE, "/{id}", this::delete);
        this.endpoints = List.copyOf(e);
    }

    private void add(List<Endpoint> e, HttpMethod method, String path,
                     Function<QueryHandler.Call, Future<QueryHandler.Reply>> handler) {
        e.add(Batches.query(this, method, List.of(PATH + path), handler));
    }

    @Override
    public String name() {
        return "anthropic";
    }

    @Override
    public List<Endpoint> endpoints() {
        return endpoints;
    }

    @Override
    public ErrorShape errors() {
        return AnthropicFront.INSTANCE.errors();
    }

    private static String owner(QueryHandler.Call call) {
        return Batches.owner(call);
    }

    private static String id(QueryHandler.Call call) {
        return call.params().get("id");
    }

    private String base(QueryHandler.Call call) {
        String host = call.header().apply("host");
        String proto = call.header().apply("x-forwarded-proto");
        return (proto != null && proto.matches("https?") ? proto : scheme) + "://" + (host == null ? "localhost"
                : host);
    }

    private Future<QueryHandler.Reply> create(QueryHandler.Call call) {
        // parsed on a worker: a batch body can be large
        return batches.blocking(() -> Requests.anthropic(Json.parseObject(call.body())))
                .compose(lines -> batches.create(owner(call), "anthropic", Endpoints.MESSAGES, null, null,
                        call.header().apply("x-freeport-data-class"), lines))
                .map(b -> QueryHandler.Reply.json(batchJson(b, base(call))));
    }

    private Future<QueryHandler.Reply> list(QueryHandler.Call call) {
        int limit = OpenAiBatchFront.limit(call.query().apply("limit"));
        String after = call.query().apply("after_id");
        return batches.list(owner(call), "anthropic", after, limit + 1).map(found -> {
            ObjectNode list = Json.MAPPER.createObjectNode();
            var data = list.putArray("data");
            found.stream().limit(limit).forEach(b -> data.add(batchJson(b, base(call))));
            list.put("has_more", found.size() > limit);
            list.put("first_id", found.isEmpty() ? null : found.getFirst().id());
            list.put("last_id", found.isEmpty() ? null : found.get(Math.min(limit, found.size()) - 1).id());
            return QueryHandler.Reply.json(list);
        });
    }

    private Future<QueryHandler.Reply> results(QueryHandler.Call call) {
        String owner = owner(call);
        String id = id(call);
        return batches.blocking(() -> {
            ended(owner, id, "its results are ready when processing_status is ended");
            return Outputs.anthropicResults(batches.store.lines(id, false));
        }).map(bytes -> new QueryHandler.Reply(200, "application/x-jsonl", Buffer.buffer(bytes)));
    }

    private Future<QueryHandler.Reply> delete(QueryHandler.Call call) {
        String owner = owner(call);
        String id = id(call);
        return batches.blocking(() -> {
            ended(owner, id, "cancel it and wait until it has ended before deleting it");
            batches.store.delete(id, owner);
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.put("id", id);
            o.put("type", "message_batch_deleted");
            return QueryHandler.Reply.json(o);
        });
    }

    /** The owner's batch {@code id} once it has ended (blocking); 404 for none, 400 saying {@code why} while it runs. */
    private void ended(String owner, String id, String why) {
        Batch b = batches.store.batch(id, owner).orElseThrow(() -> Requests.notFound("message batch", id));
        if (b.running()) {
            throw new GatewayError(ErrorKind.INVALID_REQUEST, 400, "The message batch " + id + " is still "
                    + status(b) + "; " + why + ".", null, null, null).toException();
        }
    }

    static String status(Batch b) {
        return Batch.IN_PROGRESS.equals(b.status()) ? "in_progress" : Batch.CANCELLING.equals(b.status())
                ? "canceling" : "ended";
    }

    static ObjectNode batchJson(Batch b, String base) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", b.id());
        o.put("type", "message_batch");
        String status = status(b);
        o.put("processing_status", status);
        ObjectNode counts = o.putObject("request_counts");
        Batch.Counts c = b.counts();
        counts.put("processing", c.pending());
        counts.put("succeeded", c.succeeded());
        counts.put("errored", c.errored());
        counts.put("canceled", c.canceled());
        counts.put("expired", c.expired());
        o.put("ended_at", iso(b.endedMs()));
        o.put("created_at", iso(b.createdMs()));
        o.put("expires_at", iso(b.expiresMs()));
        o.putNull("archived_at");
        o.put("cancel_initiated_at", iso(b.cancelMs()));
        o.put("results_url", "ended".equals(status) ? base + PATH + "/" + b.id() + "/results" : null);
        return o;
    }

    private static String iso(Long ms) {
        return ms == null ? null : Instant.ofEpochMilli(ms).toString();
    }
}
