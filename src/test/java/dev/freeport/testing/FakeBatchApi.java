package dev.freeport.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake of the back ends' own batch APIs on a real socket (port 0), speaking their wire formats: OpenAI's Files
 * and Batches under {@code /v1} ({@code POST /files} multipart purpose batch, {@code POST /batches},
 * {@code GET /batches/{id}}, {@code GET /files/{id}/content}, {@code POST /batches/{id}/cancel}) and Anthropic's
 * Message Batches ({@code POST /v1/messages/batches}, {@code GET .../{id}}, {@code .../results}, {@code .../cancel}).
 * A batch ends after {@code polls} reads of it; each request is answered with a fixed usage (1,000 tokens in, 1,000
 * out), or an error answer when its first message says "FAIL". It records every request it got, the batches
 * created and cancelled, and the bodies of the contained requests.
 */
public final class FakeBatchApi implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final Map<String, String> files = new LinkedHashMap<>();
    private final Map<String, Upstream> batches = new LinkedHashMap<>();
    private final List<JsonNode> received = new ArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger creates = new AtomicInteger();
    private final AtomicInteger cancels = new AtomicInteger();
    private final AtomicInteger fetches = new AtomicInteger();
    private volatile int polls = 2;
    private volatile String endAs = null;

    private static final class Upstream {
        final String id;
        final boolean anthropic;
        final List<JsonNode> lines;
        int reads;
        boolean cancelled;

        Upstream(String id, boolean anthropic, List<JsonNode> lines) {
            this.id = id;
            this.anthropic = anthropic;
            this.lines = lines;
        }
    }

    private FakeBatchApi() throws Exception {
        server = vertx.createHttpServer().requestHandler(this::handle).listen(0).toCompletionStage()
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    public static FakeBatchApi start() {
        try {
            return new FakeBatchApi();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The base URL for a provider (OpenAI's and Anthropic's both end in /v1). */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort() + "/v1";
    }

    /** How many reads of a batch before it ends. */
    public FakeBatchApi polls(int n) {
        this.polls = n;
        return this;
    }

    /** How OpenAI batches end: null (completed), "expired" or "failed". */
    public FakeBatchApi endAs(String status) {
        this.endAs = status;
        return this;
    }

    public int creates() {
        return creates.get();
    }

    public int cancels() {
        return cancels.get();
    }

    /** How many times the answers of a batch were read (an output or error file, or Message Batches results). */
    public int fetches() {
        return fetches.get();
    }

    public int requests() {
        return requests.get();
    }

    /** The contained requests' bodies (OpenAI: the line's body; Anthropic: the params), as received. */
    public synchronized List<JsonNode> received() {
        return List.copyOf(received);
    }

    private synchronized void handle(HttpServerRequest req) {
        requests.incrementAndGet();
        req.body().onSuccess(body -> {
            synchronized (this) {
                try {
                    route(req, body);
                } catch (Exception e) {
                    req.response().setStatusCode(500).end("{\"error\":{\"message\":\"" + e + "\"}}");
                }
            }
        });
    }

    private void route(HttpServerRequest req, Buffer body) throws Exception {
        String path = req.path();
        String m = req.method().name();
        if (path.equals("/v1/files") && m.equals("POST")) {
            String text = body.toString();
            int start = text.indexOf("\r\n\r\n", text.indexOf("name=\"file\"")) + 4;
            int end = text.lastIndexOf("\r\n--");
            String id = "file-up" + (files.size() + 1);
            files.put(id, text.substring(start, end));
            json(req, 200, "{\"id\":\"" + id + "\",\"object\":\"file\",\"purpose\":\"batch\"}");
        } else if (path.equals("/v1/batches") && m.equals("POST")) {
            JsonNode create = JSON.readTree(body.toString());
            List<JsonNode> lines = new ArrayList<>();
            for (String l : files.get(create.path("input_file_id").asText()).split("\n")) {
                if (!l.isBlank()) {
                    JsonNode line = JSON.readTree(l);
                    lines.add(line);
                    received.add(line.path("body"));
                }
            }
            Upstream u = new Upstream("batch_up" + creates.incrementAndGet(), false, lines);
            batches.put(u.id, u);
            json(req, 200, openAi(u, "validating").toString());
        } else if (path.matches("/v1/batches/[^/]+") && m.equals("GET")) {
            Upstream u = batches.get(path.substring("/v1/batches/".length()));
            u.reads++;
            String status = u.reads < polls ? (u.cancelled ? "cancelling" : "in_progress")
                    : u.cancelled ? "cancelled" : endAs == null ? "completed" : endAs;
            json(req, 200, openAi(u, status).toString());
        } else if (path.matches("/v1/batches/[^/]+/cancel")) {
            Upstream u = batches.get(path.split("/")[3]);
            u.cancelled = true;
            cancels.incrementAndGet();
            json(req, 200, openAi(u, "cancelling").toString());
        } else if (path.matches("/v1/files/[^/]+/content")) {
            if (path.contains("-out") || path.contains("-err")) {
                fetches.incrementAndGet();
            }
            json(req, 200, files.get(path.split("/")[3]));
        } else if (path.equals("/v1/messages/batches") && m.equals("POST")) {
            JsonNode create = JSON.readTree(body.toString());
            List<JsonNode> lines = new ArrayList<>();
            for (JsonNode r : create.path("requests")) {
                lines.add(r);
                received.add(r.path("params"));
            }
            Upstream u = new Upstream("msgbatch_up" + creates.incrementAndGet(), true, lines);
            batches.put(u.id, u);
            json(req, 200, anthropic(u, "in_progress").toString());
        } else if (path.matches("/v1/messages/batches/[^/]+") && m.equals("GET")) {
            Upstream u = batches.get(path.split("/")[4]);
            u.reads++;
            json(req, 200, anthropic(u, u.reads < polls ? (u.cancelled ? "canceling" : "in_progress") : "ended")
                    .toString());
        } else if (path.matches("/v1/messages/batches/[^/]+/cancel")) {
            Upstream u = batches.get(path.split("/")[4]);
            u.cancelled = true;
            cancels.incrementAndGet();
            json(req, 200, anthropic(u, "canceling").toString());
        } else if (path.matches("/v1/messages/batches/[^/]+/results")) {
            Upstream u = batches.get(path.split("/")[4]);
            fetches.incrementAndGet();
            StringBuilder out = new StringBuilder();
            for (JsonNode l : u.lines) {
                ObjectNode line = JSON.createObjectNode();
                line.put("custom_id", l.path("custom_id").asText());
                ObjectNode result = line.putObject("result");
                if (u.cancelled) {
                    result.put("type", "canceled");
                } else if (fails(l.path("params"))) {
                    result.put("type", "errored");
                    result.set("error", JSON.readTree("{\"type\":\"error\",\"error\":{\"type\":"
                            + "\"invalid_request_error\",\"message\":\"the fake refused this request\"}}"));
                } else {
                    result.put("type", "succeeded");
                    result.set("message", JSON.readTree("{\"id\":\"msg_fake\",\"type\":\"message\",\"role\":"
                            + "\"assistant\",\"model\":\"" + l.path("params").path("model").asText() + "\","
                            + "\"content\":[{\"type\":\"text\",\"text\":\"answer to " + l.path("custom_id").asText()
                            + "\"}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":{"
                            + "\"input_tokens\":1000,\"output_tokens\":1000}}"));
                }
                out.append(line).append('\n');
            }
            req.response().putHeader("content-type", "application/binary").end(out.toString());
        } else {
            json(req, 404, "{\"error\":{\"message\":\"no route " + path + "\"}}");
        }
    }

    private ObjectNode openAi(Upstream u, String status) throws Exception {
        ObjectNode b = JSON.createObjectNode();
        b.put("id", u.id);
        b.put("object", "batch");
        b.put("endpoint", "/v1/chat/completions");
        b.put("status", status);
        if (status.equals("failed")) {
            b.set("errors", JSON.readTree("{\"object\":\"list\",\"data\":[{\"code\":\"invalid_request\","
                    + "\"message\":\"the fake failed the batch\",\"line\":1}]}"));
        }
        if (List.of("completed", "expired", "cancelled").contains(status) && !files.containsKey(u.id + "-out")) {
            StringBuilder out = new StringBuilder();
            StringBuilder err = new StringBuilder();
            for (JsonNode l : u.lines) {
                String cid = l.path("custom_id").asText();
                if (!status.equals("completed")) {
                    String code = status.equals("expired") ? "batch_expired" : "batch_cancelled";
                    err.append("{\"id\":\"r\",\"custom_id\":\"").append(cid).append("\",\"response\":null,")
                            .append("\"error\":{\"code\":\"").append(code).append("\",\"message\":\"x\"}}\n");
                } else if (fails(l.path("body"))) {
                    err.append("{\"id\":\"r\",\"custom_id\":\"").append(cid).append("\",\"response\":{")
                            .append("\"status_code\":400,\"request_id\":\"q\",\"body\":{\"error\":{\"message\":")
                            .append("\"the fake refused this request\",\"type\":\"invalid_request_error\",")
                            .append("\"param\":null,\"code\":null}}},\"error\":null}\n");
                } else {
                    out.append("{\"id\":\"r\",\"custom_id\":\"").append(cid).append("\",\"response\":{")
                            .append("\"status_code\":200,\"request_id\":\"q\",\"body\":{\"id\":\"chatcmpl-f\",")
                            .append("\"object\":\"chat.completion\",\"created\":1,\"model\":\"")
                            .append(l.path("body").path("model").asText()).append("\",\"choices\":[{\"index\":0,")
                            .append("\"message\":{\"role\":\"assistant\",\"content\":\"answer to ").append(cid)
                            .append("\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1000,")
                            .append("\"completion_tokens\":1000,\"total_tokens\":2000}}},\"error\":null}\n");
                }
            }
            files.put(u.id + "-out", out.toString());
            files.put(u.id + "-err", err.toString());
        }
        if (files.containsKey(u.id + "-out")) {
            if (!files.get(u.id + "-out").isEmpty()) {
                b.put("output_file_id", u.id + "-out");
            }
            if (!files.get(u.id + "-err").isEmpty()) {
                b.put("error_file_id", u.id + "-err");
            }
        }
        return b;
    }

    private static ObjectNode anthropic(Upstream u, String status) {
        ObjectNode b = JSON.createObjectNode();
        b.put("id", u.id);
        b.put("type", "message_batch");
        b.put("processing_status", status);
        return b;
    }

    private static boolean fails(JsonNode body) {
        return body.toString().contains("FAIL");
    }

    private static void json(HttpServerRequest req, int status, String body) {
        req.response().setStatusCode(status).putHeader("content-type", "application/json").end(body);
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
