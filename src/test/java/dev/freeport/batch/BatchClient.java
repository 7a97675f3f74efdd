package dev.freeport.batch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.server.TestGateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** A caller of the OpenAI batch endpoints over plain HTTP (the SDK tests cover the SDKs): upload, create, poll. */
record BatchClient(String base, String key) {
    /** Patient upstream timeouts: on a loaded machine a slow answer must not be sent again by the router. */
    static final dev.freeport.api.Timeouts PATIENT = new dev.freeport.api.Timeouts(Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(60));
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** {@code n} chat requests to {@code model} with custom ids r0..r(n-1) and prompts "prompt 0".., one a line. */
    static String lines(String model, int n, int maxTokens) {
        return IntStream.range(0, n).mapToObj(i -> "{\"custom_id\":\"r" + i + "\",\"method\":\"POST\","
                + "\"url\":\"/v1/chat/completions\",\"body\":{\"model\":\"" + model + "\",\"max_tokens\":" + maxTokens
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"prompt " + i + "\"}]}}")
                .collect(Collectors.joining("\n"));
    }

    HttpResponse<String> upload(String content, String purpose) {
        String boundary = "fpboundary42";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\n" + purpose
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"in.jsonl\"\r\n"
                + "Content-Type: application/jsonl\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
        return send(request("/v1/files").header("content-type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    /** Uploads {@code content} and creates a chat batch of it; the batch object. */
    JsonNode start(String content, String... headers) {
        HttpResponse<String> up = upload(content, "batch");
        if (up.statusCode() != 200) {
            throw new AssertionError("upload: " + up.statusCode() + " " + up.body());
        }
        HttpResponse<String> r = post("/v1/batches", "{\"input_file_id\":\"" + TestGateway.json(up.body()).path("id")
                .asText() + "\",\"endpoint\":\"/v1/chat/completions\",\"completion_window\":\"24h\"}", headers);
        if (r.statusCode() != 200) {
            throw new AssertionError("create: " + r.statusCode() + " " + r.body());
        }
        return TestGateway.json(r.body());
    }

    HttpResponse<String> post(String path, String json, String... headers) {
        HttpRequest.Builder b = request(path).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b);
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    JsonNode batch(String id) {
        return TestGateway.json(get("/v1/batches/" + id).body());
    }

    /** Polls until the batch has ended (completed, cancelled, expired), at most 60 s. */
    JsonNode awaitEnd(String id) {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < until) {
            JsonNode b = batch(id);
            if (List.of("completed", "cancelled", "expired", "failed").contains(b.path("status").asText())) {
                return b;
            }
            sleep(50);
        }
        throw new AssertionError("batch " + id + " did not end: " + batch(id));
    }

    /** The lines of a file's content as JSON. */
    List<JsonNode> file(String fileId) {
        return get("/v1/files/" + fileId + "/content").body().lines().map(TestGateway::json).toList();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("authorization", "Bearer " + key);
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
