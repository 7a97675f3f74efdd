package dev.freeport.error;

/**
 * The one way a caller's own string (a model name, a header value, a field value) goes back into a message:
 * at most {@link #MAX} characters, with the full length said when cut, so a 100 KB model name never makes a
 * 100 KB error.
 */
public final class Echo {
    /** the most characters of a caller's string a message repeats */
    public static final int MAX = 200;

    private Echo() {
    }

    /** the longest error message: a safety net for every message that repeats something a caller sent */
    public static final int MAX_MESSAGE = 4096;

    /** A whole message, cut at {@link #MAX_MESSAGE} characters when longer. */
    public static String bounded(String message) {
        if (message == null || message.length() <= MAX_MESSAGE) {
            return message;
        }
        int end = Character.isHighSurrogate(message.charAt(MAX_MESSAGE - 1)) ? MAX_MESSAGE - 1 : MAX_MESSAGE;
        return message.substring(0, end) + "... (message cut at " + MAX_MESSAGE + " of " + message.length()
                + " characters)";
    }

    /** {@code s} itself when short, else its first {@link #MAX} characters and "... (N characters)". */
    public static String of(String s) {
        if (s == null) {
            return "null";
        }
        if (s.length() <= MAX) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(MAX - 1)) ? MAX - 1 : MAX;
        return s.substring(0, end) + "... (" + s.length() + " characters)";
    }
}
