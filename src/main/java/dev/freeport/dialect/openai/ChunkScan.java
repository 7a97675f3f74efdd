package dev.freeport.dialect.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.freeport.api.ChunkFacts;
import dev.freeport.api.Usage;
import dev.freeport.json.Json;

import java.io.IOException;

/**
 * Reads what the gateway needs from an OpenAI chat.completion.chunk without building its tree (one pass of the
 * streaming parser over the bytes): usage, finish reason, the text added, whether it has choices. A chunk that
 * needs more than that — an in-band error, usage in a host's own place (inside a choice, {@code x_groq}), or bytes
 * that are not one JSON object — is left to the tree path ({@link #FALLBACK}).
 */
public final class ChunkScan {
    /** The chunk needs its tree: an error, unusual usage, or not one JSON object. */
    public static final ChunkFacts FALLBACK = null;

    private ChunkScan() {
    }

    /** The facts of a chunk, or {@link #FALLBACK} (null). */
    public static ChunkFacts scan(byte[] json) {
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
                            model = valueSpan(p);
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
            return new ChunkFacts(usage, f.finish, f.text == null ? "" : f.text.toString(), f.choices, span[0],
                    span[1], model);
        } catch (IOException | RuntimeException e) {
            return FALLBACK;
        }
    }

    /** Where the string value at the parser's current token sits in the input, quotes included. */
    static ChunkFacts.Span valueSpan(JsonParser p) throws IOException {
        int start = (int) p.currentTokenLocation().getByteOffset();
        p.getTextLength(); // reads the whole string, so the location below is past its closing quote
        return new ChunkFacts.Span(start, (int) p.currentLocation().getByteOffset());
    }

    /**
     * The member {@code [start, end)} with the comma that separates it from its neighbour: the one before it, else
     * (it is the first member) the one after it, so that cutting the span leaves valid JSON.
     */
    static int[] withComma(byte[] json, int start, int end) {
        int before = start - 1;
        while (before >= 0 && isSpace(json[before])) {
            before--;
        }
        if (before >= 0 && json[before] == ',') {
            return new int[] {before, end};
        }
        int after = end;
        while (after < json.length && isSpace(json[after])) {
            after++;
        }
        return after < json.length && json[after] == ',' ? new int[] {start, after + 1} : new int[] {start, end};
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    private static final class Facts {
        String finish;
        StringBuilder text;
        boolean choices;

        void text(JsonParser p) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                if (text == null) {
                    text = new StringBuilder();
                }
                text.append(p.getText());
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
