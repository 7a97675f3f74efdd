package dev.freeport.dialect.gemini;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * OpenAI tool-call ids for Gemini function calls, and back. Gemini often sends a functionCall without an id, so
 * one is made up, deterministically ({@code call_} + 24 hex digits of SHA-256 over name, arguments and the call's
 * index in the answer), so a stream and a whole answer agree. Gemini 3 attaches a {@code thoughtSignature} to
 * function-call parts and rejects the next turn (400) when it is not sent back; OpenAI clients echo tool-call ids
 * verbatim, so the signature rides inside the id: {@code <id>__ts_<base64url(signature)>}. Ids stay in
 * {@code [A-Za-z0-9_-]} when the base id does. Made-up ids are never sent to Gemini; Gemini's own ids are.
 */
final class ToolCallIds {
    static final String SIGNATURE_MARKER = "__ts_";
    private static final Pattern SYNTHETIC = Pattern.compile("call_[0-9a-f]{24}");

    private ToolCallIds() {
    }

    /** What an OpenAI tool-call id carries back to Gemini. */
    record Parsed(String geminiId, String thoughtSignature) {
    }

    /**
     * @param geminiId        the functionCall's own id, or null
     * @param name            the function name
     * @param argumentsJson   the arguments as JSON text
     * @param index           the call's index among the function calls of this answer (candidate)
     * @param signature       the part's thoughtSignature, or null
     */
    static String forCall(String geminiId, String name, String argumentsJson, int index, String signature) {
        String base = geminiId != null && !geminiId.isEmpty() ? geminiId : synthesize(name, argumentsJson, index);
        if (signature == null || signature.isEmpty()) {
            return base;
        }
        return base + SIGNATURE_MARKER + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(signature.getBytes(StandardCharsets.UTF_8));
    }

    static String synthesize(String name, String argumentsJson, int index) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] d = sha.digest((name + "\n" + argumentsJson + "\n" + index).getBytes(StandardCharsets.UTF_8));
            return "call_" + HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Splits an OpenAI tool-call id into the Gemini id to send (null for made-up ones) and the signature. */
    static Parsed parse(String openAiId) {
        String base = openAiId;
        String signature = null;
        int at = openAiId.indexOf(SIGNATURE_MARKER);
        if (at > 0) {
            try {
                signature = new String(Base64.getUrlDecoder().decode(openAiId.substring(at + SIGNATURE_MARKER.length())),
                        StandardCharsets.UTF_8);
                base = openAiId.substring(0, at);
            } catch (IllegalArgumentException notOurs) {
                signature = null;
            }
        }
        return new Parsed(SYNTHETIC.matcher(base).matches() ? null : base, signature);
    }
}
