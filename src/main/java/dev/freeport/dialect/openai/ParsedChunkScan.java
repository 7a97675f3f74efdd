package dev.freeport.dialect.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.freeport.api.ChunkFacts;
import dev.freeport.api.Usage;
import dev.freeport.json.Json;

import java.io.IOException;

/**
 * {@link ChunkScan}'s second reader: one pass of Jackson's streaming parser over a chunk the byte reader leaves to it
 * (one that reports usage, or carries something unusual), still without building its tree. A chunk that needs more
 * than that — an in-band error, usage in a host's own place (inside a choice, {@code x_groq}), or bytes that are not
 * one JSON object — is left to the tree path ({@link ChunkScan#FALLBACK}).
 */
final class ParsedChunkScan {
    private static final ChunkFacts FALLBACK = ChunkScan.FALLBACK;

    private ParsedChunkScan() {
    }

    /** The facts of a chunk (the whole array), or {@link ChunkScan#FALLBACK} (null). */
    static ChunkFacts scan(byte[] json) {
        try (JsonParser p = Json.MAPPER.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return FALLBACK;
            }
            Usage usage = null;
            int nullStart = -1;
            int nullEnd = -1;
            ChunkFacts.Span model = null;
            Facts f = new Facts();
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                int memberStart = (int) p.currentTokenLocation().getByteOffset();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "error" -> {
                        if (v != JsonToken.VALUE_NULL) {
                            return FALLBACK;
                        }
                    }
                    case "object" -> {
                        if (v == JsonToken.VALUE_STRING && "error".equals(p.getText())) {
                            return FALLBACK;
                        }
                    }
                    case "model" -> {
                        if (v == JsonToken.VALUE_STRING) {
                            model = ChunkScan.valueSpan(p);
                        } else {
                            p.skipChildren();
                        }
                    }
                    case "usage" -> {
                        if (v == JsonToken.START_OBJECT) {
                            usage = OpenAiUsage.from(Json.treeAt(p));
                        } else if (v == JsonToken.VALUE_NULL) {
                            nullStart = memberStart;
                            nullEnd = (int) p.currentLocation().getByteOffset();
                        } else {
                            p.skipChildren();
                        }
                    }
                    case "choices" -> {
                        if (v == JsonToken.START_ARRAY && !choices(p, f)) {
                            return FALLBACK;
                        }
                    }
                    case "x_groq" -> {
                        if (v == JsonToken.START_OBJECT && Json.treeAt(p).has("usage")) {
                            return FALLBACK;
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                return FALLBACK;
            }
            int[] span = nullStart < 0 ? new int[] {-1, -1} : withComma(json, nullStart, nullEnd);
            return new ChunkFacts(usage, f.finish, f.text == null ? ChunkFacts.NO_TEXT
                    : java.util.Arrays.copyOf(f.text, f.texts), f.choices, span[0], span[1], model);
        } catch (IOException | RuntimeException e) {
            return FALLBACK;
        }
    }

    /**
     * The member {@code [start, end)} with the comma that separates it from its neighbour: the one before it, else
     * (it is the first member) the one after it, so that cutting the span leaves valid JSON.
     */
    static int[] withComma(byte[] json, int start, int end) {
        return withComma(json, 0, json.length, start, end);
    }

    /** {@link #withComma(byte[], int, int)} for a member of the object {@code json[from, to)}. */
    static int[] withComma(byte[] json, int from, int to, int start, int end) {
        int before = spaceBefore(json, from, start);
        if (before >= from && json[before] == ',') {
            return new int[] {before, end};
        }
        int after = spaceAfter(json, to, end);
        return after < to && json[after] == ',' ? new int[] {start, after + 1} : new int[] {start, end};
    }

    /** The position of the last byte before {@code start} that is not white space ({@code from - 1}: none). */
    static int spaceBefore(byte[] json, int from, int start) {
        int before = start - 1;
        while (before >= from && isSpace(json[before])) {
            before--;
        }
        return before;
    }

    /** The position of the first byte from {@code end} on that is not white space ({@code to}: none). */
    static int spaceAfter(byte[] json, int to, int end) {
        int after = end;
        while (after < to && isSpace(json[after])) {
            after++;
        }
        return after;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    private static final class Facts {
        String finish;
        /** the text's pieces: pairs of start, end (the string's contents, escaped as they are in the bytes) */
        int[] text;
        int texts;
        boolean choices;

        void text(JsonParser p) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                ChunkFacts.Span quoted = ChunkScan.valueSpan(p);
                if (text == null) {
                    text = new int[4];
                } else if (texts + 2 > text.length) {
                    text = java.util.Arrays.copyOf(text, text.length * 2);
                }
                text[texts++] = quoted.start() + 1;
                text[texts++] = quoted.end() - 1;
            } else {
                p.skipChildren();
            }
        }
    }

    /** The choices array; false when a choice carries usage (Moonshot's place for it). */
    private static boolean choices(JsonParser p, Facts f) throws IOException {
        for (JsonToken c = p.nextToken(); c != JsonToken.END_ARRAY; c = p.nextToken()) {
            if (c != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            f.choices = true;
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "delta" -> {
                        if (v == JsonToken.START_OBJECT) {
                            delta(p, f);
                        }
                    }
                    case "finish_reason" -> {
                        if (v == JsonToken.VALUE_STRING) {
                            f.finish = p.getText();
                        }
                    }
                    case "usage" -> {
                        if (v != JsonToken.VALUE_NULL) {
                            return false;
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        }
        return true;
    }

    private static void delta(JsonParser p, Facts f) throws IOException {
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "content", "reasoning_content" -> f.text(p);
                case "tool_calls" -> toolCalls(p, f);
                default -> p.skipChildren();
            }
        }
    }

    private static void toolCalls(JsonParser p, Facts f) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            return;
        }
        for (JsonToken c = p.nextToken(); c != JsonToken.END_ARRAY; c = p.nextToken()) {
            if (c != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (name.equals("function") && v == JsonToken.START_OBJECT) {
                    for (JsonToken ft = p.nextToken(); ft == JsonToken.FIELD_NAME; ft = p.nextToken()) {
                        String fn = p.currentName();
                        p.nextToken();
                        if (fn.equals("name") || fn.equals("arguments")) {
                            f.text(p);
                        } else {
                            p.skipChildren();
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
    }
}
