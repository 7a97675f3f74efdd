package dev.freeport.provider.http;

import java.util.regex.Pattern;

/**
 * The one scrubbing of upstream error text before it reaches a caller, a log or the ledger: the provider's own API
 * key, bearer tokens, and strings shaped like the keys of common vendors (OpenAI/Anthropic/Groq/xAI {@code sk-…},
 * Google {@code AIza…}) are replaced by {@code [redacted]}; whitespace is collapsed and the message bounded.
 */
public final class Redaction {
    /** The longest message a caller sees from an upstream error, "provider: " included. */
    public static final int MAX_MESSAGE = 500;
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]{8,}");
    private static final Pattern KEY_LIKE = Pattern.compile(
            "\\b(?:(?:sk|pk|gsk|xai|key)-[A-Za-z0-9_-]{16,}|AIza[0-9A-Za-z_-]{30,})");

    private Redaction() {
    }

    /** {@code text} without the key, bearer tokens or key-shaped strings. */
    public static String redact(String text, String apiKey) {
        if (text == null) {
            return "";
        }
        String r = text;
        if (apiKey != null && apiKey.length() >= 4) {
            r = r.replace(apiKey, "[redacted]");
        }
        r = BEARER.matcher(r).replaceAll("$1[redacted]");
        return KEY_LIKE.matcher(r).replaceAll("[redacted]");
    }

    /** "provider: message", redacted, whitespace collapsed, at most {@link #MAX_MESSAGE} characters. */
    public static String message(String provider, String upstreamMessage, String apiKey) {
        String m = provider + ": " + collapse(redact(upstreamMessage, apiKey));
        return m.length() > MAX_MESSAGE ? m.substring(0, MAX_MESSAGE - 3) + "..." : m;
    }

    /** A short redacted token (an error type or code), at most 100 characters; null stays null. */
    public static String token(String s, String apiKey) {
        if (s == null) {
            return null;
        }
        String r = redact(s, apiKey);
        return r.length() > 100 ? r.substring(0, 100) : r;
    }

    public static String collapse(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }
}
