package dev.freeport.dialect.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.freeport.api.ChatRequest;
import dev.freeport.api.PromptDigest;
import dev.freeport.api.RequestTraits;
import dev.freeport.json.JsonBytes;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;

/**
 * An OpenAI-format chat body read in one pass over its bytes ({@link ByteTokens}), without a parser or a tree: the
 * fields the gateway acts on, the request's traits, the token bound and the ledger's prompt digest, and the same validation as the tree
 * decoder. It only answers for bodies it is sure of: any rule broken, any shape it does not read exactly as the tree
 * walks would (a decimal in the prompt, a function tool's description that is not a string, ...) gives null, and
 * {@link ChatDecoder} then reads the body as a tree, which gives the caller the same error and message as before
 * (or the request, on that slower path). The tree of a request read here is parsed from its bytes only when a step
 * asks for it ({@link ChatRequest#body()}).
 */
final class ChatScan extends PromptScan {
    private static final BigDecimal[] BOUNDS = {BigDecimal.valueOf(-2), BigDecimal.ZERO, BigDecimal.ONE,
            BigDecimal.valueOf(2)};

    private String model;
    private boolean stream;
    private boolean includeUsage;
    private Integer maxCompletion;
    private Integer maxTokens;
    private String user;
    private boolean json;
    private boolean reasoning;
    private long schemaBytes;
    private boolean toolChoiceRequired;
    private boolean toolChoiceFunction;
    private String toolChoiceName;
    /** where the tools' and the output format's values start when they must be hashed again, else -1 */
    private long toolsAt = -1;
    private long formatAt = -1;

    private ChatScan(ByteTokens p) {
        super(p);
    }

    /** The request, or null when the tree decoder must read this body. */
    static ChatRequest read(JsonBytes bytes) {
        if (bytes.length() == 0) {
            return null;
        }
        ByteTokens tokens = new ByteTokens(bytes.array(), bytes.from(), bytes.to());
        try {
            ChatScan scan = new ChatScan(tokens);
            scan.body();
            return scan.request(bytes);
        } catch (IOException | RuntimeException e) { // Bail, or what the tree decoder will name
            return null;
        } finally {
            tokens.release();
        }
    }

    private void body() throws IOException {
        if (next() != JsonToken.START_OBJECT) {
            throw bail();
        }
        for (JsonToken f = next(); f == JsonToken.FIELD_NAME; f = next()) {
            String name = p.currentName();
            JsonToken v = next();
            switch (name) {
                case "model" -> {
                    if (v != JsonToken.VALUE_STRING) {
                        throw bail();
                    }
                    model = p.getText();
                    if (model.isBlank()) {
                        throw bail();
                    }
                }
                case "messages" -> messages(v);
                case "stream" -> stream = bool(v);
                case "stream_options" -> streamOptions(v);
                case "max_completion_tokens" -> maxCompletion = integer(v, 1, Integer.MAX_VALUE);
                case "max_tokens" -> maxTokens = integer(v, 1, Integer.MAX_VALUE);
                case "temperature" -> number(v, 1, 3);
                case "top_p" -> number(v, 1, 2);
                case "frequency_penalty", "presence_penalty" -> number(v, 0, 3);
                case "n" -> integer(v, 1, 128);
                case "seed" -> integer(v, Long.MIN_VALUE, Long.MAX_VALUE);
                case "stop" -> stop(v);
                case "tools" -> {
                    long at = p.tokenOffset();
                    tools(v);
                    toolsAt = toolsHashed ? -1 : at;
                }
                case "tool_choice" -> toolChoice(v);
                case "response_format" -> {
                    long at = p.tokenOffset();
                    boolean inPlace = toolsHashed && toolsAt < 0;
                    hashInto(inPlace ? whole : null, null);
                    responseFormat(v);
                    hashInto(null, null);
                    formatAt = inPlace ? -1 : at;
                }
                case "user" -> user = optString(v);
                case "metadata" -> metadata(v);
                case "reasoning_effort" -> {
                    if (v == JsonToken.VALUE_STRING) {
                        string();
                        reasoning |= !textIs("none");
                    } else {
                        reasoning |= v != JsonToken.VALUE_NULL;
                        skip(v);
                    }
                }
                case "thinking" -> thinking(v);
                default -> skip(v);
            }
        }
        if (next() != null || model == null || messages < 0) {
            throw bail(); // trailing tokens: refused by the tree parser
        }
        if (toolChoiceRequired && !tools
                || toolChoiceFunction && (toolChoiceName == null || !toolNames.contains(toolChoiceName))) {
            throw bail();
        }
    }

    private ChatRequest request(JsonBytes bytes) throws IOException {
        rehash(bytes);
        whole.text(model);
        boolean hasPrefix = lastUser > 0;
        PromptDigest digest = new PromptDigest(whole.value(), prefix.value(), hasPrefix,
                hasPrefix ? prefix.chars() : 0, conversation.value(), messages, tools, whole.chars());
        RequestTraits traits = new RequestTraits(tools, vision, json, reasoning, promptChars);
        long promptBound = bound + schemaBytes;
        return ChatRequest.scanned(model, stream, stream && includeUsage,
                maxCompletion != null ? maxCompletion : maxTokens, user, bytes, p.members(bytes), traits,
                digest, promptBound > Integer.MAX_VALUE ? -1 : (int) promptBound);
    }

    /**
     * The prompt hash covers the messages, then the tools, then the output format: a tools or format member that
     * came before what it follows there is hashed now, by a second reader from where its value starts.
     */
    private void rehash(JsonBytes bytes) throws IOException {
        if (toolsAt >= 0) {
            hashAgain(bytes, toolsAt);
        }
        if (formatAt >= 0) {
            hashInto(whole, null);
            hashAgainInto(bytes, formatAt);
        }
    }

    private void hashAgain(JsonBytes bytes, long at) throws IOException {
        hashInto(whole, prefix);
        hashAgainInto(bytes, at);
    }

    private void hashAgainInto(JsonBytes bytes, long at) throws IOException {
        ByteTokens first = p;
        try {
            p = new ByteTokens(bytes.array(), bytes.from() + (int) at, bytes.to()); // the thread's buffer is taken
            measuring = false;
            walk(next());
        } finally {
            p = first;
            hashInto(null, null);
        }
    }

    private boolean bool(JsonToken v) {
        if (v == JsonToken.VALUE_TRUE || v == JsonToken.VALUE_FALSE) {
            return v == JsonToken.VALUE_TRUE;
        }
        if (v != JsonToken.VALUE_NULL) {
            throw bail();
        }
        return false;
    }

    private Integer integer(JsonToken v, long min, long max) throws IOException {
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        if (v != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw bail(); // a decimal such as 5.0 is taken by the tree decoder
        }
        long n = p.getLongValue();
        if (n < min || n > max) {
            throw bail();
        }
        return (int) n;
    }

    /** A number within {@code BOUNDS[min]} and {@code BOUNDS[max]}, compared exactly as the tree decoder does. */
    private void number(JsonToken v, int min, int max) throws IOException {
        if (v == JsonToken.VALUE_NULL) {
            return;
        }
        BigDecimal n;
        if (v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            long x = p.getLongValue();
            if (x >= BOUNDS[min].longValue() && x <= BOUNDS[max].longValue()) {
                return;
            }
            throw bail();
        } else if (v == JsonToken.VALUE_NUMBER_FLOAT) {
            n = p.getDecimalValue();
        } else {
            throw bail();
        }
        if (n.compareTo(BOUNDS[min]) < 0 || n.compareTo(BOUNDS[max]) > 0) {
            throw bail();
        }
    }

    private String optString(JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        if (v != JsonToken.VALUE_STRING) {
            throw bail();
        }
        return p.getText();
    }

    private void streamOptions(JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_NULL) {
            return;
        }
        if (v != JsonToken.START_OBJECT) {
            throw bail();
        }
        for (JsonToken f = next(); f == JsonToken.FIELD_NAME; f = next()) {
            String name = p.currentName();
            JsonToken o = next();
            if (name.equals("include_usage")) {
                includeUsage = bool(o);
            } else {
                skip(o);
            }
        }
    }

    private void stop(JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_NULL || v == JsonToken.VALUE_STRING) {
            skip(v);
            return;
        }
        if (v != JsonToken.START_ARRAY) {
            throw bail();
        }
        int n = 0;
        for (JsonToken s = next(); s != JsonToken.END_ARRAY; s = next()) {
            if (s != JsonToken.VALUE_STRING || ++n > 4) {
                throw bail();
            }
            skip(s);
        }
    }

    private void toolChoice(JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_NULL) {
            return;
        }
        if (v == JsonToken.VALUE_STRING) {
            string();
            toolChoiceRequired = textIs("required");
            if (!toolChoiceRequired && !textIs("none") && !textIs("auto")) {
                throw bail();
            }
            return;
        }
        if (v != JsonToken.START_OBJECT) {
            throw bail();
        }
        for (JsonToken f = next(); f == JsonToken.FIELD_NAME; f = next()) {
            String name = p.currentName();
            JsonToken o = next();
            if (name.equals("type") && o == JsonToken.VALUE_STRING) {
                string();
                toolChoiceFunction = textIs("function");
            } else if (name.equals("function") && o == JsonToken.START_OBJECT) {
                for (JsonToken g = next(); g == JsonToken.FIELD_NAME; g = next()) {
                    String inner = p.currentName();
                    JsonToken w = next();
                    if (inner.equals("name") && w == JsonToken.VALUE_STRING) {
                        toolChoiceName = p.getText();
                    } else if (inner.equals("name") && w != JsonToken.VALUE_NULL) {
                        throw bail(); // a number or an object read as its text by the tree decoder
                    } else {
                        skip(w);
                    }
                }
            } else {
                skip(o);
            }
        }
    }

    private void responseFormat(JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_NULL) {
            walk(v);
            return;
        }
        if (v != JsonToken.START_OBJECT) {
            throw bail();
        }
        int type = -1; // 0 text or json_object, 1 json_schema
        boolean named = false;
        boolean schemaOk = true;
        boolean schemaObject = false;
        beginObject();
        int k = 0;
        for (JsonToken f = next(); f == JsonToken.FIELD_NAME; f = next()) {
            String name = p.currentName();
            JsonToken o = next();
            if (!member(name, k++)) {
                walkUnhashed(o);
            } else if (name.equals("type")) {
                if (o != JsonToken.VALUE_STRING) {
                    throw bail();
                }
                string();
                json = textIs("json_object") || textIs("json_schema");
                type = textIs("text") || textIs("json_object") ? 0 : textIs("json_schema") ? 1 : -2;
            } else if (name.equals("json_schema") && o == JsonToken.START_OBJECT) {
                schemaObject = true;
                beginObject();
                int j = 0;
                for (JsonToken g = next(); g == JsonToken.FIELD_NAME; g = next()) {
                    String inner = p.currentName();
                    JsonToken w = next();
                    if (!member(inner, j++)) {
                        walkUnhashed(w);
                    } else if (inner.equals("schema") && w == JsonToken.START_OBJECT) {
                        schemaBytes = measured(w);
                    } else {
                        schemaOk &= !inner.equals("schema") || w == JsonToken.VALUE_NULL;
                        named |= inner.equals("name") && w == JsonToken.VALUE_STRING;
                        walk(w);
                    }
                }
                endObject();
            } else {
                walk(o);
            }
        }
        endObject();
        if (type < 0 || type == 1 && (!schemaObject || !named || !schemaOk)) {
            throw bail();
        }
    }

    private void metadata(JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_NULL) {
            return;
        }
        if (v != JsonToken.START_OBJECT) {
            throw bail();
        }
        for (JsonToken f = next(); f == JsonToken.FIELD_NAME; f = next()) {
            JsonToken o = next();
            if (o != JsonToken.VALUE_STRING) {
                throw bail();
            }
            skip(o);
        }
    }

    /** Anthropic-style {@code thinking}: reasoning when its type is "enabled". */
    private void thinking(JsonToken v) throws IOException {
        if (v != JsonToken.START_OBJECT) {
            skip(v);
            return;
        }
        for (JsonToken f = next(); f == JsonToken.FIELD_NAME; f = next()) {
            String name = p.currentName();
            JsonToken o = next();
            if (name.equals("type") && o == JsonToken.VALUE_STRING) {
                string();
                reasoning |= textIs("enabled");
            } else {
                skip(o);
            }
        }
    }

    /** The tool names, for a test. */
    List<String> names() {
        return toolNames;
    }
}
