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
