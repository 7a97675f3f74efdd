package dev.freeport.dialect.openai;

import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.List;

/**
 * One entry of a request's {@code tools}, read by {@link PromptScan}: validated as {@link ChatDecoder} validates it
 * (a function or custom tool with a callable name and an object or null for parameters, or one of Moonshot's
 * built-in tools), its share of the token bound counted as {@code TokenCounter} counts it from the tree (its
 * {@code function}'s name, description and printed parameters).
 */
final class ToolScan {
    private static final int OTHER = 0;
    private static final int FUNCTION = 1;
    private static final int CUSTOM = 2;
    private static final int BUILTIN = 3;

    private final PromptScan r;

    ToolScan(PromptScan reader) {
        this.r = reader;
    }

    /** A function's (or custom tool's) members as read. */
    private static final class Fn {
        String name;
        boolean callable;
        boolean builtin;
        long nameBytes;
        long descriptionBytes;
        long parametersBytes;
        boolean parametersOther;
    }

    /** The tool at {@code t}; its callable name added to {@code names}; returns its bound beyond the fixed 7. */
    long read(JsonToken t, List<String> names) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            throw BodyReader.bail();
        }
        int type = -1;
        Fn function = null;
        Fn custom = null;
        r.beginObject();
        int k = 0;
        for (JsonToken f = r.next(); f == JsonToken.FIELD_NAME; f = r.next()) {
            String name = r.p.currentName();
            JsonToken v = r.next();
            if (!r.member(name, k++)) {
                r.walkUnhashed(v);
                continue;
            }
            switch (name) {
                case "type" -> {
                    if (v != JsonToken.VALUE_STRING) {
                        throw BodyReader.bail(); // null: no type, refused; another value: refused
                    }
                    r.string();
                    type = r.textIs("function") ? FUNCTION : r.textIs("custom") ? CUSTOM
                            : r.textIs("builtin_function") ? BUILTIN : OTHER;
                }
                case "function" -> {
                    if (v == JsonToken.START_OBJECT) {
                        function = fn();
                    } else {
                        r.walk(v);
                    }
                }
                case "custom" -> {
                    if (v == JsonToken.START_OBJECT) {
                        custom = fn();
                    } else {
                        r.walk(v);
                    }
                }
                default -> r.walk(v);
            }
        }
        r.endObject();
        if (!(type == BUILTIN && function != null && function.builtin)) {
            Fn checked = type == FUNCTION ? function : type == CUSTOM ? custom : null;
            if (checked == null || !checked.callable || checked.parametersOther) {
                throw BodyReader.bail();
            }
            names.add(checked.name);
        }
        return function == null ? 0 : function.nameBytes + function.descriptionBytes + function.parametersBytes;
    }

    private Fn fn() throws IOException {
        Fn fn = new Fn();
        r.beginObject();
        int k = 0;
        for (JsonToken f = r.next(); f == JsonToken.FIELD_NAME; f = r.next()) {
            String name = r.p.currentName();
            JsonToken v = r.next();
            if (!r.member(name, k++)) {
                r.walkUnhashed(v);
                continue;
            }
            switch (name) {
                case "name" -> {
                    if (v == JsonToken.VALUE_STRING) {
                        r.string();
                        fn.name = r.text();
                        fn.callable = r.textIsToolName(0);
                        fn.builtin = r.textLength() > 0 && r.textAt(0) == '$' && r.textIsToolName(1);
                        fn.nameBytes = r.textUtf8();
                    } else if (v == JsonToken.VALUE_NULL) {
                        r.walk(v);
                    } else {
                        throw BodyReader.bail();
                    }
                }
                case "description" -> {
                    if (v == JsonToken.VALUE_STRING) {
                        r.string();
                        fn.descriptionBytes = r.textUtf8();
                    } else if (v == JsonToken.VALUE_NULL) {
                        r.walk(v);
                    } else {
                        throw BodyReader.bail(); // counted as its text by the tree walk
                    }
                }
                case "parameters" -> {
                    if (v == JsonToken.START_OBJECT) {
                        fn.parametersBytes = r.measured(v);
                    } else {
                        fn.parametersOther = v != JsonToken.VALUE_NULL;
                        r.walk(v);
                    }
                }
                default -> r.walk(v);
            }
        }
        r.endObject();
        return fn;
    }
}
