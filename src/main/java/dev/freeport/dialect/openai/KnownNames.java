package dev.freeport.dialect.openai;

import java.nio.charset.StandardCharsets;

/**
 * The member names a chat body's objects have, as shared Strings: {@link ByteTokens} looks a name it read up here
 * (by the String hash it computed on the way, then byte for byte against the name's own bytes) instead of making a
 * String per name per body. A name not here is made as before.
 */
final class KnownNames {
    /** the names a chat body's objects have, shared instead of made per body */
    private static final String[] NAMES = {"model", "messages", "stream", "stream_options", "include_usage",
            "max_completion_tokens", "max_tokens", "temperature", "top_p", "frequency_penalty", "presence_penalty",
            "n", "seed", "stop", "tools", "tool_choice", "response_format", "user", "metadata", "reasoning_effort",
            "thinking", "role", "content", "tool_calls", "function_call", "refusal", "audio", "tool_call_id", "name",
            "reasoning_content", "type", "text", "image_url", "url", "detail", "id", "function", "arguments",
            "description", "parameters", "strict", "json_schema", "schema", "cache_control", "properties",
            "required", "items", "enum", "additionalProperties", "logprobs", "top_logprobs", "parallel_tool_calls",
            "service_tier", "store", "modalities", "prediction", "logit_bias", "budget_tokens", "custom",
            "input_audio", "file", "format", "default", "title", "minimum", "maximum", "anyOf", "oneOf", "allOf",
            "$ref", "$defs", "definitions", "const", "pattern", "ttl", "web_search_options", "verbosity", "index"};
    private static final int TABLE_MASK = 255;
    private static final String[] TABLE = new String[TABLE_MASK + 1];
    /** per table slot: its name's bytes (ASCII), compared without the String's per-character checks */
    private static final byte[][] BYTES = new byte[TABLE_MASK + 1][];

    static {
        for (String name : NAMES) {
            int i = name.hashCode() & TABLE_MASK;
            while (TABLE[i] != null) {
                i = (i + 1) & TABLE_MASK;
            }
            TABLE[i] = name;
            BYTES[i] = name.getBytes(StandardCharsets.US_ASCII);
        }
    }

    private KnownNames() {
    }

    /** The name in {@code b[start, stop)} (ASCII, whose String hash is {@code hash}): a shared one when known. */
    static String shared(byte[] b, int start, int stop, int hash) {
        int n = stop - start;
        for (int i = hash & TABLE_MASK; TABLE[i] != null; i = (i + 1) & TABLE_MASK) {
            byte[] known = BYTES[i];
            if (known.length == n && TABLE[i].hashCode() == hash && same(b, start, known)) {
                return TABLE[i];
            }
        }
        return new String(b, start, n, StandardCharsets.ISO_8859_1);
    }

    private static boolean same(byte[] b, int at, byte[] known) {
        for (int i = 0; i < known.length; i++) {
            if (b[at + i] != known[i]) {
                return false;
            }
        }
        return true;
    }
}
