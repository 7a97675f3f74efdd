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
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.freeport.error.Echo;
import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /**
     * Reads a caller's body: a field repeated in one object is refused, because a relayed body is sent on as its
     * bytes (dialect/openai) and an upstream may read the first of two values where the gateway (its validation,
     * guardrails and cache key) read the last.
     */
    private static final ObjectReader CALLER_BODY = MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private Json() {
    }

    /** Parses a request body that must be one JSON object, or throws a 400 that says what is wrong. */
    public static ObjectNode parseObject(Buffer body) {
        return parseObject(JsonBytes.of(body));
    }

    /** As {@link #parseObject(Buffer)}, on bytes read in place. */
    public static ObjectNode parseObject(JsonBytes body) {
        if (body.length() == 0) {
            throw GatewayError.of(ErrorKind.INVALID_REQUEST,
                    "The request body is empty; expected a JSON object.").toException();
        }
        JsonNode node;
        try {
            node = CALLER_BODY.readTree(body.array(), body.from(), body.length());
        } catch (IOException e) {
            throw new GatewayError(ErrorKind.INVALID_REQUEST, 400,
                    "We could not parse the JSON body of your request: " + plainWords(e) + ".", null, "invalid_json",
                    null).toException();
        }
        if (node == null || !node.isObject()) {
            throw new GatewayError(ErrorKind.INVALID_REQUEST, 400,
                    "The request body must be a JSON object, got " + (node == null ? "nothing" : node.getNodeType()
                            .name().toLowerCase(java.util.Locale.ROOT)) + ".", null, "invalid_json", null)
                    .toException();
        }
        return (ObjectNode) node;
    }

    /**
     * What is wrong with unparsable JSON, in plain words and with where (never the parser's class or feature
     * names, which mean nothing to a caller).
     */
    static String plainWords(IOException e) {
        String m = e.getMessage() == null ? "" : e.getMessage().split("\n", 2)[0];
        String what;
        if (e instanceof StreamConstraintsException) {
            what = m.contains("nesting depth") ? "it is nested more than 200 levels deep"
                    : m.contains("Number") ? "a number in it is longer than 100 digits"
                    : "a string in it is longer than 64 MiB";
        } else if (m.startsWith("Duplicate field")) {
            Matcher c = QUOTED.matcher(m);
            what = "the field " + (c.find() ? Echo.of(c.group()) : "") + " appears twice in one object (send each "
                    + "field once)";
        } else if (m.startsWith("Trailing token")) {
            what = "there is more after the JSON object (send exactly one JSON object)";
        } else if (e instanceof JsonEOFException || m.contains("end-of-input")) {
            what = "it ends before the JSON is complete";
        } else if (m.startsWith("Unexpected character")) {
            Matcher c = QUOTED.matcher(m);
            what = "unexpected character " + (c.find() ? c.group() : "") + expected(m);
        } else if (m.startsWith("Unrecognized token")) {
            Matcher c = QUOTED.matcher(m);
            what = "unexpected text " + (c.find() ? Echo.of(c.group()) : "")
                    + " (a value is a string in double quotes, a number, an object, an array, true, false or null)";
        } else if (m.contains("UTF-8") || m.contains("UTF8") || m.contains("surrogate")) {
            what = "it is not valid UTF-8 text";
        } else if (m.contains("control character")) {
            what = "a string in it holds an unescaped control character (write it as \\n, \\t or \\u00XX)";
        } else {
            what = "it is not valid JSON";
        }
        JsonLocation at = e instanceof JsonProcessingException j ? j.getLocation() : null;
        return at == null || at.getLineNr() < 1 ? what
                : what + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    private static final Pattern QUOTED = Pattern.compile("'[^']{0,64}'?");

    private static String expected(String m) {
        int i = m.indexOf("was expecting ");
        if (i < 0) {
            return "";
        }
        String rest = m.substring(i + "was expecting ".length());
        if (rest.startsWith("double-quote")) {
            return ": expected a field name in double quotes";
        }
        if (rest.startsWith("comma")) {
            return ": expected a comma between entries";
        }
        if (rest.startsWith("a colon")) {
            return ": expected a colon after a field name";
        }
        return "";
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
