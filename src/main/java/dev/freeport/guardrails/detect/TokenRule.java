package dev.freeport.guardrails.detect;

import java.util.function.Function;

/**
 * A credential recognised by its literal prefix: the prefix, the characters its body is made of and the body's
 * length range. {@code classify} sees the whole token and returns its kind, or null to reject it (a structure
 * check, a checksum, a vendor told apart by a marker). {@code valueFrom} is where the secret starts inside the
 * match (0 for the whole token; the length of {@code AccountKey=} when only the value is secret).
 */
record TokenRule(String prefix, Body body, int min, int max, Function<String, Kind> classify, int valueFrom) {

    /** The characters a token's body may hold; the body is the longest run of them after the prefix. */
    enum Body {
        ALNUM, BASE64URL, BASE64URL_DOT, BASE64, HEX_LOWER, LETTERS, UPPER_ALNUM, ALNUM_UNDERSCORE, ALNUM_DASH, SLACK_URL;

        boolean has(char c) {
            return switch (this) {
                case ALNUM -> Chars.isAlnum(c);
                case BASE64URL -> Chars.isBase64Url(c);
                case BASE64URL_DOT -> Chars.isBase64Url(c) || c == '.';
                case BASE64 -> Chars.isBase64(c);
                case HEX_LOWER -> Chars.isDigit(c) || (c >= 'a' && c <= 'f');
                case LETTERS -> Chars.isAsciiLetter(c);
                case UPPER_ALNUM -> Chars.isUpper(c) || Chars.isDigit(c);
                case ALNUM_UNDERSCORE -> Chars.isAlnum(c) || c == '_';
                case ALNUM_DASH -> Chars.isAlnum(c) || c == '-';
                case SLACK_URL -> Chars.isAlnum(c) || c == '/';
            };
        }
    }

    static TokenRule of(String prefix, Body body, int min, int max, Kind kind) {
        return new TokenRule(prefix, body, min, max, t -> kind, 0);
    }

    static TokenRule of(String prefix, Body body, int min, int max, Function<String, Kind> classify) {
        return new TokenRule(prefix, body, min, max, classify, 0);
    }
}
