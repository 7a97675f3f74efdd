package dev.freeport.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.freeport.api.ChatRequest;
import dev.freeport.json.JsonChars;

import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Counts tokens with OpenAI's {@code cl100k_base} encoding. Used to estimate usage when an upstream reports none,
 * for budget reservations, and by the sandbox to report its usage. cl100k_base rather than o200k_base because it
 * is on the request path: jtokkit 1.1.0 pre-tokenises cl100k with a hand-written parser instead of a regex, which
 * measured 3-5x faster here; its counts are within a few percent of o200k's for English and code (slightly
 * higher, which errs on the safe side for budget reservations), and no estimate is exact for the open models
 * behind the gateway anyway: an upstream's own usage always wins.
 *
 * <p>Stateless and thread-safe (the jtokkit encoding is immutable). Text is counted as ordinary text: special-token
 * markers such as {@code <|endoftext|>} in user input are counted as plain characters, never rejected.
 *
 * <p>{@link #countPrompt} follows OpenAI's published approximation for chat messages: 3 tokens per message plus
 * the tokens of its role, content and name (+1 for a name), plus 3 tokens priming the reply. Tool calls count
 * their function name and arguments; tool definitions count name, description and parameter schema plus
 * {@value #TOKENS_PER_TOOL} per tool and {@value #TOKENS_TOOLS_END} once. An image part counts a fixed
 * {@value #IMAGE_TOKENS} tokens (a 1024x1024 high-detail image: 85 + 4 tiles x 170), or {@value #IMAGE_TOKENS_LOW}
 * with {@code "detail":"low"}; the image itself is never decoded. Only the small JSON schemas are serialised, never
 * the whole body.
 */
public final class TokenCounter {

    public static final int TOKENS_PER_MESSAGE = 3;
    public static final int TOKENS_PER_NAME = 1;
    public static final int REPLY_PRIMING = 3;
    public static final int TOKENS_PER_TOOL = 7;
    public static final int TOKENS_TOOLS_END = 12;
    public static final int IMAGE_TOKENS = 765;
    public static final int IMAGE_TOKENS_LOW = 85;

    private static final Encoding ENCODING =
            Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

    private TokenCounter() {
    }

    /** The encoding's name ("o200k_base"); calling it once at start-up loads the encoding ahead of traffic. */
    public static String encodingName() {
        return ENCODING.getName();
    }

    /** Tokens of {@code text}; 0 for null or empty. */
    public static int countText(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        return ENCODING.countTokensOrdinary(text);
    }

    /** Estimated prompt tokens of an OpenAI-format chat request (messages, tools, response schema). */
    public static int countPrompt(ChatRequest request) {
        return prompt(request, TokenCounter::countText, json -> countText(json.toString()));
    }

    /**
     * At least {@link #countPrompt}, computed without the encoder: every text counts its UTF-8 bytes (a token is at
     * least one byte), the fixed per-message, per-tool and image counts as there. About ten times cheaper; the
     * admission reserves this bound and counts exactly only when the bound does not fit a limit.
     */
    public static int promptUpperBound(ChatRequest request) {
        int read = request.promptBound(); // counted by the OpenAI decoder's one pass, as below
        // a schema's bytes counted on its tree, not written out (the same count: JsonChars.compactUtf8)
        return read >= 0 ? read
                : prompt(request, TokenCounter::utf8Bytes, json -> (int) JsonChars.compactUtf8(json));
    }

    /** UTF-8 length of {@code text}; 0 for null. */
    static int utf8Bytes(String text) {
        if (text == null) {
            return 0;
        }
        int n = text.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                bytes += c < 0x800 ? 1 : Character.isSurrogate(c) ? 1 : 2; // a surrogate pair: 4 bytes for 2 chars
            }
        }
        return bytes;
    }

    /** {@code countJson} counts a JSON schema as {@code countText} counts its compact JSON text. */
    private static int prompt(ChatRequest request, ToIntFunction<String> countText,
                              ToIntFunction<JsonNode> countJson) {
        JsonNode body = request.body();
        int total = REPLY_PRIMING;
        JsonNode messages = body.path("messages");
        for (JsonNode message : messages) {
            total += countMessage(message, countText);
        }
        JsonNode tools = body.path("tools");
        if (tools.isArray() && !tools.isEmpty()) {
            for (JsonNode tool : tools) {
                JsonNode fn = tool.path("function");
                total += TOKENS_PER_TOOL + countText.applyAsInt(fn.path("name").asText(""))
                        + countText.applyAsInt(fn.path("description").asText(""));
                JsonNode params = fn.path("parameters");
                if (params.isObject()) {
                    total += countJson.applyAsInt(params);
                }
            }
            total += TOKENS_TOOLS_END;
        }
        JsonNode schema = body.path("response_format").path("json_schema").path("schema");
        if (schema.isObject()) {
            total += countJson.applyAsInt(schema);
        }
        return total;
    }

    /** At least {@link #countEmbeddingInputs}: their UTF-8 bytes. */
    public static int embeddingUpperBound(List<String> inputs) {
        int total = 0;
        for (String s : inputs) {
            total += utf8Bytes(s);
        }
        return total;
    }

    /** Tokens of embedding inputs (null entries, i.e. token-array inputs, count 0 here). */
    public static int countEmbeddingInputs(List<String> inputs) {
        int total = 0;
        for (String s : inputs) {
            total += countText(s);
        }
        return total;
    }

    private static int countMessage(JsonNode message, ToIntFunction<String> countText) {
        int total = TOKENS_PER_MESSAGE + countText.applyAsInt(message.path("role").asText(""));
        JsonNode name = message.get("name");
        if (name != null && name.isTextual()) {
            total += countText.applyAsInt(name.asText()) + TOKENS_PER_NAME;
        }
        total += countContent(message.get("content"), countText);
        JsonNode reasoning = message.get("reasoning_content");
        if (reasoning != null && reasoning.isTextual()) {
            total += countText.applyAsInt(reasoning.asText());
        }
        JsonNode toolCalls = message.get("tool_calls");
        if (toolCalls != null && toolCalls.isArray()) {
            for (JsonNode call : toolCalls) {
                JsonNode fn = call.path("function");
                total += countText.applyAsInt(fn.path("name").asText(""))
                        + countText.applyAsInt(fn.path("arguments").asText(""));
            }
        }
        return total;
    }

    private static int countContent(JsonNode content, ToIntFunction<String> countText) {
        if (content == null || content.isNull()) {
            return 0;
        }
        if (content.isTextual()) {
            return countText.applyAsInt(content.asText());
        }
        int total = 0;
        if (content.isArray()) {
            for (JsonNode part : content) {
                String type = part.path("type").asText("");
                switch (type) {
                    case "text" -> total += countText.applyAsInt(part.path("text").asText(""));
                    case "refusal" -> total += countText.applyAsInt(part.path("refusal").asText(""));
                    case "image_url" -> total += "low".equals(part.path("image_url").path("detail").asText(""))
                            ? IMAGE_TOKENS_LOW : IMAGE_TOKENS;
                    default -> {
                        // audio/file parts: not counted (no fixed rule that would be better than none)
                    }
                }
            }
        }
        return total;
    }
}
