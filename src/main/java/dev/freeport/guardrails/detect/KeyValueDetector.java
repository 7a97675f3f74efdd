package dev.freeport.guardrails.detect;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Secrets in key-like contexts: {@code api_key = "..."}, {@code "token": "..."}, {@code secret: ...},
 * {@code DB_PASSWORD=...}, {@code Authorization: Bearer ...}, {@code 'password' => '...'}. The name decides the
 * sort ({@link KeyNames}); the value must not be code ({@code os.environ[...]}, {@code process.env.X},
 * {@code getenv(...)}), a variable name, a type, a literal like {@code null}, or a documentation stand-in. Tokens
 * and keys need at least 12 characters, a digit (or 20 characters in mixed case) and the entropy threshold;
 * passwords need 6 characters and are taken as they are (people choose them, so their entropy says little).
 */
public final class KeyValueDetector implements Detector {
    private static final Set<String> LITERALS = Set.of("null", "none", "nil", "true", "false", "undefined", "required",
            "optional", "string", "str", "number", "int", "bool", "boolean", "any", "object", "secret", "password",
            "token", "env", "os", "bearer", "basic", "hidden", "masked", "empty", "unset", "default", "n/a");
    private static final int MAX_VALUE = 512;
    /** A name as code spells it: snake_case, CONSTANT_CASE, camelCase or PascalCase (words of 3+ letters), kebab-case, dotted. */
    private static final Pattern NAMING = Pattern.compile("(?:[a-z][a-z_]*|[A-Z][A-Z_]*|[a-z]+(?:[A-Z][a-z]{2,})+"
            + "|[A-Z][a-z]{2,}(?:[A-Z][a-z]{2,})*|[a-z]+(?:-[a-z]+)+)(?:\\.[A-Za-z_][A-Za-z0-9_]*)*");

    private final double entropyThreshold;

    public KeyValueDetector(double entropyThreshold) {
        this.entropyThreshold = entropyThreshold;
    }

    @Override
    public Set<Kind> kinds() {
        return EnumSet.of(Kind.GENERIC_SECRET, Kind.AWS_SECRET_KEY);
    }

    @Override
    public void scan(String s, List<Finding> out) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c != '=' && c != ':') {
                continue;
            }
            int valueFrom = separatorEnd(s, i);
            if (valueFrom < 0) {
                continue;
            }
            String name = nameBefore(s, i);
            KeyNames.Sort sort = KeyNames.classify(name);
            if (sort != null) {
                int end = value(s, valueFrom, sort, out);
                if (end > i) {
                    i = end - 1;
                }
            }
        }
    }

    /** Where the value may start after the separator at i, or -1 when it is no assignment (==, ::, ://, <=). */
    private static int separatorEnd(String s, int i) {
        char c = s.charAt(i);
        char next = Chars.at(s, i + 1);
        char prev = Chars.before(s, i);
        if (c == '=') {
            if (next == '=' || prev == '=' || prev == '!' || prev == '<' || prev == '>') {
                return -1;
            }
            return next == '>' ? i + 2 : i + 1;
        }
        if (next == ':' || prev == ':' || (next == '/' && Chars.at(s, i + 2) == '/')) {
            return -1;
        }
        return next == '=' ? i + 2 : i + 1;
    }

    /** The name left of the separator: skips a closing quote and spaces, takes identifier characters. */
    private static String nameBefore(String s, int sep) {
        int j = sep - 1;
        if (j >= 0 && s.charAt(j) == ':' && s.charAt(sep) == '=') {
            j--;
        }
        int spaces = 0;
        while (j >= 0 && (s.charAt(j) == ' ' || s.charAt(j) == '\t') && spaces++ < 4) {
            j--;
        }
        if (j >= 0 && (s.charAt(j) == '"' || s.charAt(j) == '\'' || s.charAt(j) == '`' || s.charAt(j) == ']')) {
            j--;
        }
        int end = j + 1;
        while (j >= 0 && end - j <= 64 && isNameChar(s.charAt(j))) {
            j--;
        }
        return s.substring(j + 1, end);
    }

    private static boolean isNameChar(char c) {
        return Chars.isAlnum(c) || c == '_' || c == '-' || c == '.';
    }

    /** Reads the value from {@code i}; adds a finding when it is a secret; returns where the value ended. */
    private int value(String s, int i, KeyNames.Sort sort, List<Finding> out) {
        int n = s.length();
        while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        char q = Chars.at(s, i);
        boolean quoted = q == '"' || q == '\'' || q == '`';
        int start = quoted ? i + 1 : i;
        int end = quoted ? quotedEnd(s, start, q) : bareEnd(s, start);
        if (end < 0 || end == start) {
            return start;
        }
        String first = s.substring(start, end);
        String scheme = first.toLowerCase(Locale.ROOT);
        int space = scheme.indexOf(' ');
        if (!quoted && (scheme.equals("bearer") || scheme.equals("basic") || scheme.equals("token"))
                && Chars.at(s, end) == ' ') {
            start = end + 1;
            end = bareEnd(s, start);
        } else if (quoted && space > 0 && Set.of("bearer", "basic", "token").contains(scheme.substring(0, space))) {
            start += space + 1;
        }
        if (end <= start) {
            return start;
        }
        String v = s.substring(start, end);
        Kind kind = judge(v, sort, quoted);
        if (kind != null) {
            out.add(new Finding(kind, start, end));
        }
        return end;
    }

    private static int quotedEnd(String s, int start, char q) {
        for (int j = start; j < s.length() && j - start <= MAX_VALUE; j++) {
            char c = s.charAt(j);
            if (c == q && s.charAt(j - 1) != '\\') {
                return j;
            }
            if (c == '\n') {
                return -1;
            }
        }
        return -1;
    }

    private static int bareEnd(String s, int start) {
        int j = start;
        while (j < s.length() && j - start <= MAX_VALUE) {
            char c = s.charAt(j);
            if (Character.isWhitespace(c) || c == ',' || c == ';' || c == '"' || c == '\'' || c == '`' || c == '}'
                    || c == ']' || c == ')' || c == '>' || c == '<') {
                break;
            }
            j++;
        }
        // a sentence's full stop is not part of the value
        while (j > start && (s.charAt(j - 1) == '.' || s.charAt(j - 1) == ':')) {
            j--;
        }
        return j;
    }

    private Kind judge(String v, KeyNames.Sort sort, boolean quoted) {
        String l = v.toLowerCase(Locale.ROOT);
        if (LITERALS.contains(l) || Chars.looksLikePlaceholder(v) || Chars.longestRepeat(v) * 2 > v.length()
                || l.contains("process.env") || l.contains("os.environ") || l.contains("getenv")
                || l.startsWith("env.") || l.startsWith("env[") || l.startsWith("secrets.") || l.startsWith("vault:")) {
            return null;
        }
        if (!quoted && isCode(v)) {
            return null;
        }
        if (sort == KeyNames.Sort.PASSWORD) {
            return v.length() >= 6 && (quoted || !v.contains(" ")) && Chars.entropy(v, 0, v.length()) >= 1.5
                    ? Kind.GENERIC_SECRET : null;
        }
        if (v.indexOf(' ') >= 0 || v.length() < 12) {
            return null;
        }
        if (!Chars.hasDigit(v) && !(v.length() >= 20 && Chars.hasUpperAndLower(v))) {
            return null;
        }
        if (Chars.entropy(v, 0, v.length()) < entropyThreshold) {
            return null;
        }
        if (sort == KeyNames.Sort.AWS_SECRET && v.length() == 40 && v.chars().allMatch(c -> Chars.isBase64((char) c))) {
            return Kind.AWS_SECRET_KEY;
        }
        return Kind.GENERIC_SECRET;
    }

    /** An unquoted value that reads as code: a call, a reference, a plain identifier or a dotted path. */
    private static boolean isCode(String v) {
        char f = v.charAt(0);
        if (f == '$' || f == '%' || f == '{' || f == '[' || f == '(' || f == '&' || f == '*' || f == '@' || f == '#'
                || f == '!' || f == '<' || v.contains("(") || v.contains("[")) {
            return true;
        }
        return NAMING.matcher(v).matches();
    }
}
