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
 * the alias itself): OpenAI chat JSONL (one chat request body per line), OpenAI Batch API input files (lines of
 * {@code {custom_id, method, url, body}}, chat completions only), or a plain prompts file (one user prompt per
 * line; a JSONL file is recognised by its first non-blank character). A sample's id is a hash of its request, so
 * importing a file twice keeps one sample per request. Lines that are not requests are counted, never fatal.
 */
public final class RequestImport {
    /** The samples read and how many lines were skipped (with the first reason). */
    public record Imported(List<LabSample> samples, int skipped, String firstProblem) {
    }

    private RequestImport() {
    }

    public static Imported read(Path file, String alias, long nowMillis) throws IOException {
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
                request.put("model", alias);
                request.remove("stream");
                request.remove("stream_options");
                out.add(new LabSample("imp_" + hash(request), alias, "import", nowMillis, null, null, null, request,
                        null));
            }
        }
        return new Imported(out, skipped, problem);
    }

    /** A chat body, or a batch line's body. */
    static ObjectNode request(JsonNode line) {
        JsonNode body = line.has("custom_id") && line.has("body") ? line.get("body") : line;
        if (line.has("url") && !line.path("url").asText().endsWith("/chat/completions")) {
            throw new IllegalArgumentException("not a chat completions request (" + line.path("url").asText() + ")");
        }
        if (!body.isObject() || !body.path("messages").isArray() || body.path("messages").isEmpty()) {
            throw new IllegalArgumentException("no messages");
        }
        return ((ObjectNode) body).deepCopy();
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
