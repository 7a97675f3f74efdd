package dev.freeport.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.json.Json;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The options and HTTP calls every keys/teams command shares: a running gateway's admin API. */
final class AdminClient {

    /** Thrown with a message for the user (the gateway's error message, or why it could not be reached). */
    static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    /** --url and --admin-key, mixed into each command. */
    static final class Options {
        @Option(names = "--url", defaultValue = "http://127.0.0.1:4000",
                description = "The gateway's base URL (default: ${DEFAULT-VALUE}).")
        String url;

        @Option(names = "--admin-key", defaultValue = "${env:FREEPORT_ADMIN_KEY}",
                description = "The admin key (server.admin_key, else the master key); default: $FREEPORT_ADMIN_KEY.")
        String adminKey;
    }

    private final Options options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    AdminClient(Options options) {
        this.options = options;
    }

    JsonNode call(String method, String path, ObjectNode body) {
        String base = options.url.endsWith("/") ? options.url.substring(0, options.url.length() - 1) : options.url;
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body)));
        if (options.adminKey != null && !options.adminKey.isEmpty()) {
            b.header("authorization", "Bearer " + options.adminKey);
        }
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Failure("cannot reach the gateway at " + base + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted");
        }
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new Failure("the gateway answered " + r.statusCode() + " with a body that is not JSON");
        }
        if (r.statusCode() >= 300) {
            String msg = json.path("error").path("message").asText("HTTP " + r.statusCode());
            throw new Failure(msg + " (HTTP " + r.statusCode() + ")");
        }
        return json;
    }
}
