package dev.freeport.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.api.ChatRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The cache key of a request: SHA-256 over its scope, its alias and its canonical body normalised, so neither key
 * order nor whitespace nor fields that do not change the answer ({@link #IGNORED}) split it: objects are hashed
 * with their fields sorted, numbers by value ({@code 0} = {@code 0.0}), {@code max_tokens} and
 * {@code max_completion_tokens} as the one output cap. For the semantic cache, {@code context} is the same hash with
 * the last user turn left out (what must be equal for two requests to differ only in that turn) and
 * {@code lastUser} that turn's text ({@code null} when the conversation does not end with a user turn).
 *
 * @param exact    the exact key (hex)
 * @param context  the key of everything but the last user turn (hex)
 * @param lastUser the last user turn's text, or null
 */
record RequestKey(String exact, String context, String lastUser) {

    /** Fields that do not change the answer (or are hashed another way: model, the output cap). */
    static final Set<String> IGNORED = Set.of("model", "stream", "stream_options", "user", "metadata", "store",
            "service_tier", "prompt_cache_key", "safety_identifier", "max_tokens", "max_completion_tokens");
    /** Anthropic's prompt-caching marks (inside messages and tools) do not change the answer either. */
    private static final String CACHE_CONTROL = "cache_control";

    static RequestKey of(String scope, String alias, ChatRequest request) {
        JsonNode body = request.body();
        JsonNode messages = body.path("messages");
        int last = messages.size() - 1;
        boolean endsWithUser = last >= 0 && "user".equals(messages.get(last).path("role").asText());
        Digest exact = new Digest();
        Digest context = new Digest();
        for (Digest d : List.of(exact, context)) {
            d.text(scope);
            d.text(alias);
            d.text(request.maxOutputTokens() == null ? "-" : request.maxOutputTokens().toString());
        }
        List<String> fields = fields(body);
        for (String f : fields) {
            if (IGNORED.contains(f)) {
                continue;
            }
            JsonNode v = body.get(f);
            exact.text(f);
            exact.node(v);
            context.text(f);
            if (f.equals("messages") && endsWithUser) {
                for (int i = 0; i < last; i++) {
                    context.node(messages.get(i));
                }
                context.text("<last user turn>");
            } else {
                context.node(v);
            }
        }
        return new RequestKey(exact.hex(), context.hex(), endsWithUser ? text(messages.get(last).get("content"))
                : null);
    }

    private static List<String> fields(JsonNode object) {
        List<String> names = new ArrayList<>(object.size());
        object.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        return names;
    }

    /** A message's text: a string, or the text parts of an array of parts. */
    static String text(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.textValue();
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : content) {
            JsonNode t = part.get("text");
            if (t != null && t.isTextual()) {
                if (!sb.isEmpty()) {
                    sb.append('\n');
                }
                sb.append(t.textValue());
            }
        }
        return sb.toString();
    }

    /** A SHA-256 over a type-tagged walk of JSON values. */
    private static final class Digest {
        /** cloned for each digest: cheaper than looking the algorithm up in the providers every time */
        private static final MessageDigest PROTOTYPE;

        static {
            try {
                PROTOTYPE = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        private final MessageDigest sha;

        Digest() {
            MessageDigest d;
            try {
                d = (MessageDigest) PROTOTYPE.clone();
            } catch (CloneNotSupportedException e) {
                try {
                    d = MessageDigest.getInstance("SHA-256");
                } catch (NoSuchAlgorithmException x) {
                    throw new IllegalStateException(x);
                }
            }
            sha = d;
        }

        void text(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            tag('s', b.length);
            sha.update(b);
        }

        private void tag(char kind, int length) {
            sha.update((byte) kind);
            sha.update((byte) (length >>> 24));
            sha.update((byte) (length >>> 16));
            sha.update((byte) (length >>> 8));
            sha.update((byte) length);
        }

        void node(JsonNode n) {
            if (n == null || n.isNull() || n.isMissingNode()) {
                tag('n', 0);
            } else if (n.isObject()) {
                List<String> names = fields(n);
                names.remove(CACHE_CONTROL);
                tag('o', names.size());
                for (String name : names) {
                    text(name);
                    node(n.get(name));
                }
            } else if (n.isArray()) {
                tag('a', n.size());
                Iterator<JsonNode> it = n.elements();
                while (it.hasNext()) {
                    node(it.next());
                }
            } else if (n.isNumber()) {
                tag('d', 0);
                text(n.decimalValue().stripTrailingZeros().toPlainString());
            } else if (n.isBoolean()) {
                tag(n.booleanValue() ? 't' : 'f', 0);
            } else {
                text(n.asText());
            }
        }

        String hex() {
            return HexFormat.of().formatHex(sha.digest());
        }
    }
}
