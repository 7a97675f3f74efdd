package dev.freeport.dialect.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.json.JsonFields;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * One OpenAI content part → one Gemini part: text (and refusal) → {@code text}; image_url with a base64 data: URL
 * → {@code inlineData}; image_url with an http(s) URL → {@code fileData} whose mimeType is guessed from the file
 * extension (400 when it cannot be); file with {@code file_data} → {@code inlineData}; input_audio → inlineData
 * audio/wav or audio/mp3. File ids have no Gemini equivalent and are refused.
 */
final class GeminiParts {
    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("webp", "image/webp"), Map.entry("gif", "image/gif"), Map.entry("heic", "image/heic"),
            Map.entry("heif", "image/heif"), Map.entry("pdf", "application/pdf"), Map.entry("mp3", "audio/mp3"),
            Map.entry("wav", "audio/wav"), Map.entry("mp4", "video/mp4"), Map.entry("txt", "text/plain"));

    private GeminiParts() {
    }

    static ObjectNode text(String text) {
        return JsonFields.object().put("text", text);
    }

    /**
     * @param part  the OpenAI content part
     * @param where e.g. "messages[2].content[1]", for error messages
     */
    static ObjectNode toPart(JsonNode part, String where, String provider) {
        if (part == null || !part.isObject()) {
            throw ClientErrors.badRequest(where + " must be an object");
        }
        String type = JsonFields.text(part, "type");
        if (type == null) {
            throw ClientErrors.badRequest(where + ".type is missing");
        }
        return switch (type) {
            case "text", "refusal" -> {
                String t = JsonFields.text(part, type);
                if (t == null) {
                    throw ClientErrors.badRequest(where + "." + type + " must be a string");
                }
                yield text(t);
            }
            case "image_url" -> image(part.get("image_url"), where + ".image_url.url");
            case "file" -> file(part.get("file"), where, provider);
            case "input_audio" -> audio(part.get("input_audio"), where);
            default -> throw ClientErrors.unsupported(where + ".type=" + type, provider);
        };
    }

    private static ObjectNode image(JsonNode imageUrl, String where) {
        String url = imageUrl == null ? null : imageUrl.isTextual() ? imageUrl.asText() : JsonFields.text(imageUrl, "url");
        if (url == null) {
            throw ClientErrors.badRequest(where + " is missing");
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("data:")) {
            return inline(url, where);
        }
        if (lower.startsWith("https://") || lower.startsWith("http://")) {
            String mime = guessMime(url);
            if (mime == null) {
                throw ClientErrors.badRequest(where + ": cannot tell the media type of " + shortUrl(url)
                        + " from its file extension (Gemini needs one); send it as a base64 data: URL instead");
            }
            ObjectNode p = JsonFields.object();
            p.putObject("fileData").put("mimeType", mime).put("fileUri", url);
            return p;
        }
        throw ClientErrors.badRequest(where + " must be a data: URL or an http(s) URL");
    }

    private static ObjectNode file(JsonNode file, String where, String provider) {
        String data = JsonFields.text(file, "file_data");
        if (data == null) {
            throw ClientErrors.unsupported(where + " (file without file_data)", provider);
        }
        return inline(data, where + ".file.file_data");
    }

    private static ObjectNode audio(JsonNode audio, String where) {
        String data = JsonFields.text(audio, "data");
        String format = JsonFields.text(audio, "format");
        if (data == null || format == null) {
            throw ClientErrors.badRequest(where + ".input_audio needs data and format");
        }
        ObjectNode p = JsonFields.object();
        p.putObject("inlineData").put("mimeType", "audio/" + format.toLowerCase(Locale.ROOT)).put("data", data);
        return p;
    }

    /** A base64 data URL as an inlineData part. */
    private static ObjectNode inline(String url, String where) {
        int comma = url.indexOf(',');
        String meta = comma < 0 ? "" : url.substring(5, comma);
        if (comma < 0 || !meta.toLowerCase(Locale.ROOT).endsWith(";base64")) {
            throw ClientErrors.badRequest(where + " must be a base64 data URL (data:<type>;base64,...)");
        }
        String mime = meta.substring(0, meta.length() - ";base64".length()).toLowerCase(Locale.ROOT);
        if (mime.isEmpty()) {
            throw ClientErrors.badRequest(where + " has no media type");
        }
        ObjectNode p = JsonFields.object();
        p.putObject("inlineData").put("mimeType", mime).put("data", url.substring(comma + 1));
        return p;
    }

    /** The media type for a URL's file extension (query and fragment ignored), or null. */
    static String guessMime(String url) {
        String path;
        try {
            path = URI.create(url).getPath();
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (path == null) {
            return null;
        }
        int dot = path.lastIndexOf('.');
        int slash = path.lastIndexOf('/');
        if (dot < 0 || dot < slash) {
            return null;
        }
        return BY_EXTENSION.get(path.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static String shortUrl(String url) {
        return url.length() > 100 ? url.substring(0, 100) + "..." : url;
    }
}
