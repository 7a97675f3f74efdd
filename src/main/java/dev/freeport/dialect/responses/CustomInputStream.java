package dev.freeport.dialect.responses;

/**
 * Streams a custom tool's raw input out of the chat arguments as they arrive: the arguments are JSON,
 * {@code {"input": "<text>"}}, cut anywhere; {@link #feed} returns the newly decoded characters of the string value
 * (escapes resolved, a high surrogate held back until its pair arrives). Arguments that do not start that way (a
 * model ignoring the schema) yield nothing here; {@link #rest} then gives the whole input at the end. Not
 * thread-safe; one per tool call.
 */
final class CustomInputStream {
    private static final String PREFIX = "{\"" + ToolsMapper.CUSTOM_INPUT + "\":\"";
    /** where whitespace may come in PREFIX: before '{', before '"input"', before ':' and before the value */
    private static final int KEY_END = PREFIX.length() - 2;

    private enum State { PREFIX, VALUE, ESCAPE, UNICODE, DONE, GAVE_UP }

    private final StringBuilder arguments = new StringBuilder();
    private final StringBuilder emitted = new StringBuilder();
    private State state = State.PREFIX;
    private int prefixAt;
    private final StringBuilder hex = new StringBuilder(4);
    private char pendingHigh;

    /** Feeds one arguments fragment; returns the input text it completes (possibly empty). */
    String feed(String fragment) {
        arguments.append(fragment);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < fragment.length(); i++) {
            step(fragment.charAt(i), out);
        }
        emitted.append(out);
        return out.toString();
    }

    /** Everything fed so far. */
    String arguments() {
        return arguments.toString();
    }

    /**
     * The final input ({@link OutputItems#customInput}) and what of it was not streamed yet: the remainder when the
     * streamed text is its beginning, else "" (the done event carries the whole input anyway).
     */
    String[] finish() {
        String input = OutputItems.customInput(arguments.toString());
        String sent = emitted.toString();
        return new String[] {input, input.startsWith(sent) ? input.substring(sent.length()) : ""};
    }

    private void step(char c, StringBuilder out) {
        switch (state) {
            case PREFIX -> {
                if (c == PREFIX.charAt(prefixAt)) {
                    prefixAt++;
                    if (prefixAt == PREFIX.length()) {
                        state = State.VALUE;
                    }
                } else if (!Character.isWhitespace(c) || !spaceAllowed()) {
                    state = State.GAVE_UP;
                }
            }
            case VALUE -> {
                if (c == '\\') {
                    state = State.ESCAPE;
                } else if (c == '"') {
                    state = State.DONE;
                } else {
                    emit(c, out);
                }
            }
            case ESCAPE -> {
                state = State.VALUE;
                switch (c) {
                    case 'n' -> emit('\n', out);
                    case 't' -> emit('\t', out);
                    case 'r' -> emit('\r', out);
                    case 'b' -> emit('\b', out);
                    case 'f' -> emit('\f', out);
                    case 'u' -> {
                        state = State.UNICODE;
                        hex.setLength(0);
                    }
                    default -> emit(c, out); // \" \\ \/
                }
            }
            case UNICODE -> {
                hex.append(c);
                if (hex.length() == 4) {
                    state = State.VALUE;
                    try {
                        emit((char) Integer.parseInt(hex.toString(), 16), out);
                    } catch (NumberFormatException e) {
                        state = State.GAVE_UP;
                    }
                }
            }
            case DONE, GAVE_UP -> {
            }
        }
    }

    private boolean spaceAllowed() {
        return prefixAt <= 1 || prefixAt >= KEY_END;
    }

    private void emit(char c, StringBuilder out) {
        if (Character.isHighSurrogate(c)) {
            pendingHigh = c;
            return;
        }
        if (pendingHigh != 0) {
            if (Character.isLowSurrogate(c)) {
                out.append(pendingHigh);
            }
            pendingHigh = 0;
        }
        out.append(c);
    }
}
