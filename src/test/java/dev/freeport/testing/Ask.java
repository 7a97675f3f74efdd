package dev.freeport.testing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;

/**
 * The few request fields that shape the answer's format, read with a streaming parser that skips everything else
 * (messages, tools) so the hot path never builds a tree.
 */
record Ask(String model, boolean stream, boolean includeUsage) {
    private static final JsonFactory FACTORY = new JsonFactory();
    static final String UNKNOWN_MODEL = "unknown-model";

    static Ask peek(Buffer body) {
        String model = UNKNOWN_MODEL;
        boolean stream = false;
        boolean includeUsage = false;
        byte[] bytes = body.getBytes();
        try (JsonParser p = FACTORY.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return new Ask(model, false, false);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "model" -> model = value == JsonToken.VALUE_STRING ? p.getText() : model;
                    case "stream" -> stream = value == JsonToken.VALUE_TRUE;
                    case "stream_options" -> includeUsage = readIncludeUsage(p, value);
                    default -> p.skipChildren();
                }
            }
        } catch (IOException e) {
            // not JSON: answer with the defaults; the recorded request keeps the raw text
        }
        return new Ask(model, stream, includeUsage);
    }

    private static boolean readIncludeUsage(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            p.skipChildren();
            return false;
        }
        boolean include = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if ("include_usage".equals(name)) {
                include = v == JsonToken.VALUE_TRUE;
            } else {
                p.skipChildren();
            }
        }
        return include;
    }
}
