package dev.freeport.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;

/** The one Jackson mapper of the request path, with limits that keep hostile bodies cheap to reject. */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(200)
                            .maxNumberLength(100)
                            .maxStringLength(64 * 1024 * 1024)
                            .build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // decimals kept exactly as sent (passed on unchanged; 1e400 stays a number, not Infinity)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Reads one value in the middle of a parser's input (the mapper itself rejects trailing tokens). */
    private static final ObjectReader IN_PLACE = MAPPER.reader()
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    /** Parses a request body that must be one JSON object, or throws a 400 that says what is wrong. */
    public static ObjectNode parseObject(Buffer body) {
        if (body.length() == 0) {
            throw GatewayError.of(ErrorKind.INVALID_REQUEST,
                    "The request body is empty; expected a JSON object.").toException();
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body.getBytes());
        } catch (IOException e) {
            String why = e.getMessage() == null ? "" : e.getMessage().split("\n", 2)[0];
            throw new GatewayError(ErrorKind.INVALID_REQUEST, 400,
                    "We could not parse the JSON body of your request: " + why, null, "invalid_json", null)
                    .toException();
        }
        if (node == null || !node.isObject()) {
            throw new GatewayError(ErrorKind.INVALID_REQUEST, 400,
                    "The request body must be a JSON object, got " + (node == null ? "nothing" : node.getNodeType()
                            .name().toLowerCase(java.util.Locale.ROOT)) + ".", null, "invalid_json", null)
                    .toException();
        }
        return (ObjectNode) node;
    }

    /** The tree of the value at the parser's current token, leaving the parser at its last token. */
    public static JsonNode treeAt(JsonParser parser) throws IOException {
        return IN_PLACE.readTree(parser);
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise JSON", e);
        }
    }
}
