package dev.freeport.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.json.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Request sets from files, as lab samples of an alias (source "import", no incumbent answer until a replay runs
 * the alias itself): OpenAI chat JSONL (one chat request body per line, or a logged {@code {"request": {...}}}
 * line as the audit reads them), OpenAI Batch API input files (lines of {@code {custom_id, method, url, body}}, chat
 * completions only), LiteLLM spend logs with messages (rows with {@code proxy_server_request} or {@code messages},
 * as JSONL or one JSON array), or a plain prompts file (one user prompt per line; JSON is recognised by the first
 * non-blank character). A sample's id is a hash of its request, so
 * importing a file twice keeps one sample per request. Lines that are not requests are counted, never fatal.
 */
public final class RequestImport {
    /** The samples read and how many lines were skipped (with the first reason). */
    public record Imported(List<LabSample> samples, int skipped, String firstProblem) {
    }

    private RequestImport() {
    }

    public static Imported read(Path file, String alias, long nowMillis) throws IOException {
        String head = firstNonBlank(file);
        if (head.startsWith("[")) {
            return array(file, alias, nowMillis);
        }
        List<LabSample> out = new ArrayList<>();
        int skipped = 0;
        String problem = null;
        Boolean jsonl = null;
        int line = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String text = r.readLine(); text != null; text = r.readLine()) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                if (jsonl == null) {
                    jsonl = text.strip().startsWith("{");
                }
                ObjectNode request;
                try {
                    request = jsonl ? request(Json.MAPPER.readTree(text)) : prompt(text.strip());
                } catch (IOException | IllegalArgumentException e) {
                    skipped++;
                    if (problem == null) {
                        problem = "line " + line + ": " + (e instanceof IOException ? "not JSON" : e.getMessage());
                    }
                    continue;
                }
                out.add(sample(request, alias, nowMillis));
            }
        }
        return new Imported(out, skipped, problem);
    }

    /** A JSON array of rows (LiteLLM's spend-log export). */
    private static Imported array(Path file, String alias, long nowMillis) throws IOException {
        JsonNode rows = Json.MAPPER.readTree(file.toFile());
        List<LabSample> out = new ArrayList<>();
        int skipped = 0;
        String problem = null;
        for (int i = 0; i < rows.size(); i++) {
            try {
                out.add(sample(request(rows.get(i)), alias, nowMillis));
            } catch (IllegalArgumentException e) {
                skipped++;
                problem = problem == null ? "row " + (i + 1) + ": " + e.getMessage() : problem;
            }
        }
        return new Imported(out, skipped, problem);
    }

    private static LabSample sample(ObjectNode request, String alias, long nowMillis) {
        request.put("model", alias);
        request.remove("stream");
        request.remove("stream_options");
        return new LabSample("imp_" + hash(request), alias, "import", nowMillis, null, null, null, request, null);
    }

    private static String firstNonBlank(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String t = r.readLine(); t != null; t = r.readLine()) {
                if (!t.isBlank()) {
                    return t.strip();
                }
            }
        }
        return "";
    }

    /** A chat body, a batch line's body, a logged line's request, or a LiteLLM spend-log row's. */
    static ObjectNode request(JsonNode line) {
        JsonNode body = line.has("custom_id") && line.has("body") ? line.get("body")
                : line.path("request").isObject() ? line.get("request") : line;
        if (line.has("proxy_server_request") || line.has("spend") && !line.path("messages").isMissingNode()) {
            body = litellm(line);
        }
        if (line.has("url") && !line.path("url").asText().endsWith("/chat/completions")) {
            throw new IllegalArgumentException("not a chat completions request (" + line.path("url").asText() + ")");
        }
        if (!body.isObject() || !body.path("messages").isArray() || body.path("messages").isEmpty()) {
            throw new IllegalArgumentException("no messages");
        }
        return ((ObjectNode) body).deepCopy();
    }

    /** A LiteLLM spend-log row: its proxy_server_request, else its messages (either may be a JSON string). */
    private static JsonNode litellm(JsonNode row) {
        JsonNode req = embedded(row.path("proxy_server_request"));
        if (req.path("messages").isArray()) {
            return req;
        }
        JsonNode messages = embedded(row.path("messages"));
        if (!messages.isArray()) {
            throw new IllegalArgumentException("a spend-log row without messages (was message logging on?)");
        }
        ObjectNode body = Json.NODES.objectNode();
        body.set("messages", messages);
        return body;
    }

    private static JsonNode embedded(JsonNode n) {
        if (n.isTextual()) {
            try {
                return Json.MAPPER.readTree(n.textValue());
            } catch (IOException e) {
                return Json.NODES.missingNode();
            }
        }
        return n;
    }

    static ObjectNode prompt(String text) {
        ObjectNode body = Json.NODES.objectNode();
        body.putArray("messages").addObject().put("role", "user").put("content", text);
        return body;
    }

    private static String hash(ObjectNode request) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(Json.bytes(request));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
