package dev.freeport.guardrails.detect;

import java.util.Locale;

/** Character classes, entropy and "looks like a placeholder" checks the detectors share. */
final class Chars {
    private static final String[] PLACEHOLDER_WORDS = {
            "example", "your", "xxxx", "redacted", "placeholder", "dummy", "changeme", "sample", "insert", "replace",
            "here", "fake", "secret_key", "0000000", "1234567", "abcdefg", "<", ">", "...", "…", "${", "{{", "%s"
    };

    private Chars() {
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    static boolean isAsciiLetter(char c) {
        return isUpper(c) || isLower(c);
    }

    static boolean isAlnum(char c) {
        return isDigit(c) || isAsciiLetter(c);
    }

    /** Letters (any script), digits and '_': what continues a word. */
    static boolean isWord(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }

    static boolean isHex(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    static boolean isBase64(char c) {
        return isAlnum(c) || c == '+' || c == '/';
    }

    static boolean isBase64Url(char c) {
        return isAlnum(c) || c == '-' || c == '_';
    }

    /** The character before {@code i}, or a space at the start. */
    static char before(String s, int i) {
        return i > 0 ? s.charAt(i - 1) : ' ';
    }

    /** The character at {@code i}, or a space past the end. */
    static char at(String s, int i) {
        return i < s.length() ? s.charAt(i) : ' ';
    }

    /** Shannon entropy of s[start, end) in bits per character. */
    static double entropy(CharSequence s, int start, int end) {
        int n = end - start;
        if (n <= 0) {
            return 0;
        }
        int[] counts = new int[128];
        java.util.Map<Character, Integer> other = null;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c < 128) {
                counts[c]++;
            } else {
                if (other == null) {
                    other = new java.util.HashMap<>();
                }
                other.merge(c, 1, Integer::sum);
            }
        }
        double h = 0;
        for (int c : counts) {
            h += term(c, n);
        }
        if (other != null) {
            for (int c : other.values()) {
                h += term(c, n);
            }
        }
        return h;
    }

    private static double term(int count, int n) {
        if (count == 0) {
            return 0;
        }
        double p = (double) count / n;
        return -p * (Math.log(p) / Math.log(2));
    }

    /** True for documentation stand-ins: YOUR_API_KEY, sk-xxxx, <token>, ${TOKEN}, AKIA...EXAMPLE, 1234567... */
    static boolean looksLikePlaceholder(String v) {
        String l = v.toLowerCase(Locale.ROOT);
        for (String w : PLACEHOLDER_WORDS) {
            if (l.contains(w)) {
                return true;
            }
        }
        return longestRepeat(v) >= 6;
    }

    /** The longest run of one repeated character. */
    static int longestRepeat(String v) {
        int best = 0;
        int run = 0;
        for (int i = 0; i < v.length(); i++) {
            run = i > 0 && v.charAt(i) == v.charAt(i - 1) ? run + 1 : 1;
            best = Math.max(best, run);
        }
        return best;
    }

    static boolean hasDigit(String v) {
        for (int i = 0; i < v.length(); i++) {
            if (isDigit(v.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    static boolean hasUpperAndLower(String v) {
        boolean up = false;
        boolean low = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            up |= isUpper(c);
            low |= isLower(c);
        }
        return up && low;
    }
}
