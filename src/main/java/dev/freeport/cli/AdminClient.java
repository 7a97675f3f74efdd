package dev.freeport.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.json.Json;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;

/**
 * Calls to a running gateway's admin API, failing with a {@link CliFailure} that says what to do: start the
 * gateway or point --url at it, pass an admin key and how, or the gateway's own message.
 */
final class AdminClient {
    private static final Duration CONNECT = Duration.ofSeconds(5);

    private final AdminOptions.Sourced url;
    private final AdminOptions.Sourced key;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT).build();

    AdminClient(AdminOptions.Sourced url, AdminOptions.Sourced key) {
        this.url = url;
        this.key = key;
    }

    JsonNode call(String method, String path, ObjectNode body) {
        URI uri;
        try {
            uri = URI.create(url.value() + path);
        } catch (IllegalArgumentException e) {
            throw CliFailure.usage("not a URL: " + url.value() + " (from " + url.source() + ")");
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body)));
        if (key.value() != null) {
            b.header("authorization", "Bearer " + key.value());
        }
        String user = System.getProperty("user.name");
        if (user != null && !user.isBlank()) {
            b.header("x-freeport-cli-user", user); // for the admin audit log: who ran the command
        }
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | IllegalArgumentException e) {
            throw CliFailure.failed("cannot reach " + url.value() + ": " + why(e)
                    + " — is `freeport serve` running there? use --url (or FREEPORT_URL)"
                    + (url.source().equals("--url") || url.source().equals("the default") ? ""
                    : "; the URL came from " + url.source()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliFailure.failed("interrupted");
        }
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(r.body());
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.isContainerNode()) {
            throw CliFailure.failed(url.value() + " answered " + r.statusCode() + " with a body that is not JSON:"
                    + " is it a Freeport gateway? use --url (or FREEPORT_URL)");
        }
        if (r.statusCode() >= 300) {
            throw refused(r.statusCode(), json.path("error"));
        }
        return json;
    }

    private CliFailure refused(int status, JsonNode error) {
        String message = error.path("message").asText("HTTP " + status);
        return switch (error.path("code").asText("")) {
            case "missing_api_key" -> CliFailure.failed("the gateway at " + url.value() + " needs an admin key: pass"
                    + " --admin-key KEY, or set FREEPORT_ADMIN_KEY (FREEPORT_MASTER_KEY works too), or --config"
                    + " with the gateway's config file (its server.admin_key, else master_key) (HTTP " + status + ")");
            case "invalid_api_key" -> CliFailure.failed("the gateway at " + url.value() + " refused the admin key"
                    + " from " + key.source() + ": " + message + " It takes its server.admin_key, else its"
                    + " master_key (HTTP " + status + ")");
            case "admin_forbidden" -> CliFailure.failed("the gateway at " + url.value() + " has no admin key and"
                    + " takes admin calls only from its own machine: set server.admin_key in its config (HTTP "
                    + status + ")");
            default -> CliFailure.failed(message + " (HTTP " + status + ")");
        };
    }

    /** Why a connection failed, in words ("connection refused", "unknown host gpu-box"). */
    static String why(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return "unknown host";
            }
        }
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within " + CONNECT.toSeconds() + " s";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer in time";
        }
        if (e instanceof ConnectException) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t.getMessage() != null) {
                    return t.getMessage().toLowerCase(java.util.Locale.ROOT);
                }
            }
            return "connection refused";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
