package dev.freeport.dialect.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.json.JsonFields;

import java.util.Locale;

/**
 * One OpenAI content part → one Anthropic content block: text, image_url (data: URL → base64 source, http(s) →
 * url source) and file with PDF data (→ document block). Audio and file ids have no equivalent and are refused.
 */
final class ContentParts {
    private ContentParts() {
    }

    /**
     * @param part  the OpenAI content part
     * @param where e.g. "messages[2].content[1]", for error messages
     */
    static ObjectNode toBlock(JsonNode part, String where, String provider) {
        if (!part.isObject()) {
            throw ClientErrors.badRequest(where + " must be an object");
        }
        String type = JsonFields.text(part, "type");
        if (type == null) {
            throw ClientErrors.badRequest(where + ".type is missing");
        }
        return switch (type) {
            case "text", "refusal" -> textBlock(part, type, where);
            case "image_url" -> image(part.get("image_url"), where);
            case "file" -> file(part.get("file"), where, provider);
            default -> throw ClientErrors.unsupported(where + ".type=" + type, provider);
        };
    }

    /** A text block, copying a client-sent {@code cache_control} so prompt caching can be used through us. */
    static ObjectNode text(String text, JsonNode cacheControl) {
        ObjectNode b = JsonFields.object().put("type", "text").put("text", text);
        if (cacheControl != null && !cacheControl.isNull()) {
            b.set("cache_control", cacheControl.deepCopy());
        }
        return b;
    }

    private static ObjectNode textBlock(JsonNode part, String field, String where) {
        String text = JsonFields.text(part, field);
        if (text == null) {
            throw ClientErrors.badRequest(where + "." + field + " must be a string");
        }
        return text(text, part.get("cache_control"));
    }

    private static ObjectNode image(JsonNode imageUrl, String where) {
        String url = imageUrl == null ? null : imageUrl.isTextual() ? imageUrl.asText() : JsonFields.text(imageUrl, "url");
        if (url == null) {
            throw ClientErrors.badRequest(where + ".image_url.url is missing");
        }
        ObjectNode block = JsonFields.object().put("type", "image");
        block.set("source", imageSource(url, where + ".image_url.url"));
        return block;
    }

    /** An Anthropic image {@code source} for an OpenAI image URL (data: or http(s):). */
    static ObjectNode imageSource(String url, String where) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("data:")) {
            DataUrl d = DataUrl.parse(url, where);
            return JsonFields.object().put("type", "base64").put("media_type", d.mediaType()).put("data", d.data());
        }
        if (lower.startsWith("https://") || lower.startsWith("http://")) {
            return JsonFields.object().put("type", "url").put("url", url);
        }
        throw ClientErrors.badRequest(where + " must be a data: URL or an http(s) URL");
    }

    /** The OpenAI image URL for an Anthropic image {@code source} (the reverse of {@link #imageSource}). */
    static String imageUrl(JsonNode source) {
        if ("base64".equals(JsonFields.text(source, "type"))) {
            return "data:" + JsonFields.text(source, "media_type") + ";base64," + JsonFields.text(source, "data");
        }
        return JsonFields.text(source, "url");
    }

    private static ObjectNode file(JsonNode file, String where, String provider) {
        String data = JsonFields.text(file, "file_data");
        if (data == null) {
            throw ClientErrors.unsupported(where + " (file without file_data)", provider);
        }
        DataUrl d = DataUrl.parse(data, where + ".file.file_data");
        if (!"application/pdf".equals(d.mediaType())) {
            throw ClientErrors.unsupported(where + ".file with media type " + d.mediaType(), provider);
        }
        ObjectNode block = JsonFields.object().put("type", "document");
        block.putObject("source").put("type", "base64").put("media_type", d.mediaType()).put("data", d.data());
        return block;
    }

    /** A base64 data URL split into media type and payload. */
    record DataUrl(String mediaType, String data) {
        static DataUrl parse(String url, String where) {
            int comma = url.indexOf(',');
            String meta = comma < 0 ? "" : url.substring(5, comma);
            if (comma < 0 || !meta.toLowerCase(Locale.ROOT).endsWith(";base64")) {
                throw ClientErrors.badRequest(where + " must be a base64 data URL (data:<type>;base64,...)");
            }
            String mediaType = meta.substring(0, meta.length() - ";base64".length()).toLowerCase(Locale.ROOT);
            if (mediaType.isEmpty()) {
                throw ClientErrors.badRequest(where + " has no media type");
            }
            return new DataUrl(mediaType, url.substring(comma + 1));
        }
    }
}
