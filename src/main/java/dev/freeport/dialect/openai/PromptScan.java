package dev.freeport.dialect.openai;

import com.fasterxml.jackson.core.JsonToken;
import dev.freeport.json.JsonHash;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The prompt's part of {@link ChatScan}: the messages and the tools, validated as {@link ChatDecoder} validates
 * them (anything it would refuse ends the scan, and the tree decoder then says why), with what the flow reads
 * from them counted on the way: the traits' characters and image flag, the token bound
 * ({@code TokenCounter.promptUpperBound}) and the ledger's prompt hashes ({@code Fingerprints}), each the value the
 * tree walks give.
 */
class PromptScan extends BodyReader {
    private static final String[] ROLES = {"system", "developer", "user", "assistant", "tool", "function"};
    private static final int USER = 2;
    private static final int ASSISTANT = 3;
    private static final int TOOL = 4;
    private static final String[] PART_TYPES = {"text", "image_url", "input_audio", "file", "refusal"};
    private static final int TEXT = 0;
    private static final int IMAGE = 1;
    private static final int REFUSAL = 4;

    // the traits and the token bound
    boolean vision;
    long promptChars;
    long bound = 3; // TokenCounter.REPLY_PRIMING
    boolean tools;
    List<String> toolNames = List.of();

    // the prompt hashes
    final JsonHash whole = new JsonHash();
    final JsonHash prefix = new JsonHash();
    final JsonHash conversation = new JsonHash();
    private final JsonHash candidate = new JsonHash();
    int messages = -1; // -1: not read yet
    int lastUser = -1;
    boolean toolsHashed;

    PromptScan(ByteTokens p) {
        super(p);
    }

    /** The {@code messages} member's value, at {@code t}. */
    void messages(JsonToken t) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            throw bail();
        }
        JsonHash before = new JsonHash();
        int i = 0;
        boolean firstUserSeen = false;
        for (JsonToken m = next(); m != JsonToken.END_ARRAY; m = next()) {
            before.set(whole);
            candidate.set(conversation);
            hashInto(whole, candidate);
            int role = message(m);
            if (role == USER) {
                lastUser = i;
                prefix.set(before);
            }
            if (role == 0 || role == 1 || role == USER && !firstUserSeen) {
                conversation.set(candidate);
                firstUserSeen |= role == USER;
            }
            i++;
        }
        hashInto(null, null);
        if (i == 0) {
            throw bail();
        }
        messages = i;
    }

    /** One message: its role's index. */
    private int message(JsonToken t) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            throw bail();
        }
        int role = -1;
        boolean content = false;
        boolean toolCalls = false;
        boolean refusal = false;
        boolean audio = false;
        boolean toolCallId = false;
        long messageBound = 3; // TokenCounter.TOKENS_PER_MESSAGE
        beginObject();
        int k = 0;
        for (JsonToken f = next(); f == JsonToken.FIELD_NAME; f = next()) {
            String name = p.currentName();
            JsonToken v = next();
            if (!member(name, k++)) {
                walkUnhashed(v);
                continue;
            }
            switch (name) {
                case "role" -> {
                    if (v != JsonToken.VALUE_STRING) {
                        throw bail();
                    }
                    string();
                    role = oneOf(ROLES);
                    messageBound += textUtf8();
                }
                case "content" -> {
                    if (v == JsonToken.VALUE_STRING) {
                        promptChars += string();
                        messageBound += textUtf8();
                        content = true;
                    } else if (v == JsonToken.START_ARRAY) {
                        messageBound += parts();
                        content = true;
                    } else if (v == JsonToken.VALUE_NULL) {
                        walk(v);
                    } else {
                        throw bail();
                    }
                }
                case "tool_calls" -> {
                    if (v == JsonToken.START_ARRAY) {
                        messageBound += toolCalls();
                        toolCalls = true;
                    } else if (v == JsonToken.VALUE_NULL) {
                        walk(v);
                    } else {
                        throw bail();
                    }
                }
                case "function_call" -> {
                    toolCalls |= v != JsonToken.VALUE_NULL;
                    walk(v);
                }
                case "refusal" -> {
                    refusal = v != JsonToken.VALUE_NULL;
                    walk(v);
                }
                case "audio" -> {
                    audio = true;
                    walk(v);
                }
                case "tool_call_id" -> {
                    toolCallId = v == JsonToken.VALUE_STRING;
                    walk(v);
                }
                case "name", "reasoning_content" -> {
                    walk(v);
                    if (v == JsonToken.VALUE_STRING) {
                        messageBound += textUtf8() + (name.equals("name") ? 1 : 0); // TOKENS_PER_NAME
                    }
                }
                default -> walk(v);
            }
        }
        endObject();
        if (role < 0 || !content && (role != ASSISTANT || !toolCalls && !refusal && !audio)
                || role == TOOL && !toolCallId) {
            throw bail();
        }
        bound += messageBound;
        return role;
    }

    /** The index of the string just read in {@code names}; a string not among them leaves the body to the tree. */
    private int oneOf(String[] names) {
        for (int i = 0; i < names.length; i++) {
            if (textIs(names[i])) {
                return i;
            }
        }
        throw bail();
    }

    /** A message's content parts: their share of the token bound. */
    private long parts() throws IOException {
        long partsBound = 0;
        beginArray();
        int j = 0;
        for (JsonToken t = next(); t != JsonToken.END_ARRAY; t = next()) {
            element(j++);
            if (t != JsonToken.START_OBJECT) {
                throw bail();
            }
            int type = -1;
            int textChars = -1;
            int textBytes = 0;
            int refusalBytes = 0;
            boolean url = false;
            boolean low = false;
            beginObject();
            int k = 0;
            for (JsonToken f = next(); f == JsonToken.FIELD_NAME; f = next()) {
                String name = p.currentName();
                JsonToken v = next();
                if (!member(name, k++)) {
                    walkUnhashed(v);
                    continue;
                }
                switch (name) {
                    case "type" -> {
                        if (v != JsonToken.VALUE_STRING) {
                            throw bail();
                        }
                        string();
                        type = oneOf(PART_TYPES);
                    }
                    case "text" -> {
                        walk(v);
                        if (v == JsonToken.VALUE_STRING) {
                            textChars = textLength();
                            textBytes = textUtf8();
                        }
                    }
                    case "refusal" -> {
                        walk(v);
                        if (v == JsonToken.VALUE_STRING) {
                            refusalBytes = textUtf8();
                        } else if (v != JsonToken.VALUE_NULL) {
                            throw bail(); // counted as its text by the tree walk
                        }
                    }
                    case "image_url" -> {
                        if (v == JsonToken.START_OBJECT) {
                            int found = imageUrl();
                            url = (found & 1) != 0;
                            low = (found & 2) != 0;
                        } else {
                            walk(v);
                        }
                    }
                    default -> walk(v);
                }
            }
            endObject();
            if (type < 0 || type == TEXT && textChars < 0 || type == IMAGE && !url) {
                throw bail();
            }
            if (type == IMAGE) {
                vision = true;
                partsBound += low ? 85 : 765; // TokenCounter.IMAGE_TOKENS_LOW, IMAGE_TOKENS
            } else {
                if (textChars >= 0) {
                    promptChars += textChars;
                }
                partsBound += type == TEXT ? textBytes : type == REFUSAL ? refusalBytes : 0;
            }
        }
        endArray();
        return partsBound;
    }

    /** An image part's {@code image_url}: 1 when its url is a string, plus 2 when its detail is "low". */
    private int imageUrl() throws IOException {
        int found = 0;
        beginObject();
        int k = 0;
        for (JsonToken f = next(); f == JsonToken.FIELD_NAME; f = next()) {
            String name = p.currentName();
            JsonToken v = next();
            if (!member(name, k++)) {
                walkUnhashed(v);
                continue;
            }
            walk(v);
            if (v == JsonToken.VALUE_STRING && name.equals("url")) {
                found |= 1;
            } else if (v == JsonToken.VALUE_STRING && name.equals("detail") && textIs("low")) {
                found |= 2;
            }
        }
        endObject();
        return found;
    }

    /** A message's tool calls: their share of the token bound. */
    private long toolCalls() throws IOException {
        long callsBound = 0;
        beginArray();
        int j = 0;
        for (JsonToken t = next(); t != JsonToken.END_ARRAY; t = next()) {
            element(j++);
            if (t != JsonToken.START_OBJECT) {
                throw bail();
            }
            boolean id = false;
            long function = -1;
            beginObject();
            int k = 0;
            for (JsonToken f = next(); f == JsonToken.FIELD_NAME; f = next()) {
                String name = p.currentName();
                JsonToken v = next();
                if (!member(name, k++)) {
                    walkUnhashed(v);
                } else if (name.equals("function")) {
                    if (v != JsonToken.START_OBJECT) {
                        throw bail();
                    }
                    function = function();
                } else {
                    walk(v);
                    id |= name.equals("id") && v == JsonToken.VALUE_STRING;
                }
            }
            endObject();
            if (!id || function < 0) {
                throw bail();
            }
            callsBound += function;
        }
        endArray();
        return callsBound;
    }

    /** A tool call's {@code function}: its name's and arguments' UTF-8 bytes; bails without both as strings. */
    private long function() throws IOException {
        int name = -1;
        int arguments = -1;
        beginObject();
        int k = 0;
        for (JsonToken f = next(); f == JsonToken.FIELD_NAME; f = next()) {
            String field = p.currentName();
            JsonToken v = next();
            if (!member(field, k++)) {
                walkUnhashed(v);
                continue;
            }
            walk(v);
            if (v == JsonToken.VALUE_STRING && field.equals("name")) {
                name = textUtf8();
            } else if (v == JsonToken.VALUE_STRING && field.equals("arguments")) {
                arguments = textUtf8();
                promptChars += textLength();
            }
        }
        endObject();
        if (name < 0 || arguments < 0) {
            throw bail();
        }
        return name + arguments;
    }

    /**
     * The {@code tools} member's value, at {@code t}: validated, measured (the traits count its printed length, the
     * bound each function's name, description and printed parameters), hashed into the whole prompt and its prefix
     * when the messages came before it (else {@code toolsHashed} stays false and the caller hashes it again).
     */
    void tools(JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            skip(t);
            return;
        }
        if (t != JsonToken.START_ARRAY) {
            throw bail();
        }
        toolsHashed = messages >= 0;
        hashInto(toolsHashed ? whole : null, toolsHashed ? prefix : null);
        measuring = true;
        long charsBefore = measuredChars;
        List<String> names = new ArrayList<>(4);
        long toolsBound = 0;
        beginArray();
        int i = 0;
        for (JsonToken e = next(); e != JsonToken.END_ARRAY; e = next()) {
            element(i++);
            toolsBound += 7 + new ToolScan(this).read(e, names); // TokenCounter.TOKENS_PER_TOOL
        }
        endArray();
        measuring = false;
        hashInto(null, null);
        if (i > 0) {
            tools = true;
            promptChars += measuredChars - charsBefore;
            bound += toolsBound + 12; // TokenCounter.TOKENS_TOOLS_END
        }
        toolNames = names;
    }

    /** The printed UTF-8 length of the value at {@code t}, which the caller has checked is an object. */
    long measured(JsonToken t) throws IOException {
        boolean was = measuring;
        measuring = true;
        long before = measuredBytes;
        walk(t);
        measuring = was;
        return measuredBytes - before;
    }
}
