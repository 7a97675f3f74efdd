package dev.freeport.dialect.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.freeport.api.ChunkFacts;
import dev.freeport.api.Usage;
import dev.freeport.json.Json;

import java.io.IOException;

/**
 * Reads what the gateway needs from an OpenAI chat.completion answer without building its tree: that it has a
 * {@code choices} array, the first choice's finish reason, and the usage. Anything else (no choices, an error, not
 * one JSON object) is null, for the tree path and its precise error. The common answer is read from its bytes by
 * {@link AnswerBytes} (no parser); what it leaves, by Jackson's streaming parser.
 */
public final class AnswerScan {

    /** What an answer says, and where its top-level model string is (null when none). */
    public record Answer(Usage usage, String finishReason, ChunkFacts.Span model) {
    }

    private AnswerScan() {
    }

    public static Answer scan(byte[] json) {
        return scan(json, 0, json.length);
    }

    /**
     * Scans {@code json[from, to)} in place (a received buffer's own array: no copy); the model span is in the
     * array's indices.
     */
    public static Answer scan(byte[] json, int from, int to) {
        Answer read = AnswerBytes.read(json, from, to);
        return read != null ? read : parsed(json, from, to);
    }

    /** As {@link #scan(byte[], int, int)}, with Jackson's streaming parser. */
    static Answer parsed(byte[] json, int from, int to) {
        try (JsonParser p = Json.MAPPER.createParser(json, from, to - from)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            boolean choices = false;
            String finish = null;
            Usage usage = Usage.NONE;
            ChunkFacts.Span model = null;
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (name.equals("choices") && v == JsonToken.START_ARRAY) {
                    choices = true;
                    finish = firstFinish(p);
                } else if (name.equals("usage") && v == JsonToken.START_OBJECT) {
                    usage = OpenAiUsage.from(p);
                } else if (name.equals("model") && v == JsonToken.VALUE_STRING) {
                    model = shifted(ChunkScan.valueSpan(p), from);
                } else {
                    p.skipChildren();
                }
            }
            return choices && p.nextToken() == null ? new Answer(usage, finish, model) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The parser counts bytes from where its input starts. */
    private static ChunkFacts.Span shifted(ChunkFacts.Span span, int by) {
        return by == 0 ? span : new ChunkFacts.Span(span.start() + by, span.end() + by);
    }

    /** Walks the choices array; the first choice's finish_reason as text, or null. */
    private static String firstFinish(JsonParser p) throws IOException {
        String finish = null;
        boolean first = true;
        for (JsonToken c = p.nextToken(); c != JsonToken.END_ARRAY; c = p.nextToken()) {
            if (c != JsonToken.START_OBJECT || !first) {
                p.skipChildren();
                first = false;
                continue;
            }
            first = false;
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (name.equals("finish_reason") && v.isScalarValue() && v != JsonToken.VALUE_NULL) {
                    finish = p.getText();
                } else {
                    p.skipChildren();
                }
            }
        }
        return finish;
    }
}
