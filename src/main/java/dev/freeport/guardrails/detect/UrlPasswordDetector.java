package dev.freeport.guardrails.detect;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Passwords in URLs: {@code scheme://user:password@host}. Only the password is reported (masking it keeps the
 * URL useful). Stand-ins are not flagged: {@code ${DB_PASS}}, {@code $PASSWORD}, {@code <password>},
 * {@code {{pw}}}, {@code ****}, {@code password}, {@code pass}, {@code secret}, {@code xxx}, {@code %s}.
 */
public final class UrlPasswordDetector implements Detector {
    private static final Set<String> STAND_INS = Set.of("password", "pass", "passwd", "pwd", "secret", "pw",
            "yourpassword", "your_password", "mypassword", "changeme", "p", "pass123", "token");

    @Override
    public Set<Kind> kinds() {
        return EnumSet.of(Kind.URL_PASSWORD);
    }

    @Override
    public void scan(String s, List<Finding> out) {
        int from = 0;
        for (int sep = s.indexOf("://"); sep >= 0; sep = s.indexOf("://", from)) {
            from = sep + 3;
            if (sep == 0 || !Chars.isAsciiLetter(s.charAt(sep - 1)) && !Chars.isDigit(s.charAt(sep - 1))) {
                continue;
            }
            int u = sep + 3;
            int colon = u;
            while (colon < s.length() && isUserChar(s.charAt(colon))) {
                colon++;
            }
            if (Chars.at(s, colon) != ':') {
                continue;
            }
            // the password runs to the last '@' before the path, query or whitespace ('#' is allowed: people
            // write it unencoded in passwords)
            int p = colon + 1;
            int stop = p;
            int at = -1;
            while (stop < s.length() && stop - p < 256) {
                char c = s.charAt(stop);
                if (c == '/' || c == '?' || Character.isWhitespace(c) || c == '"' || c == '\''
                        || c == '`' || c == '>') {
                    break;
                }
                if (c == '@') {
                    at = stop;
                }
                stop++;
            }
            if (at <= p || !isHostStart(Chars.at(s, at + 1))) {
                continue;
            }
            if (!isStandIn(s.substring(p, at))) {
                out.add(new Finding(Kind.URL_PASSWORD, p, at));
            }
            from = at;
        }
    }

    private static boolean isUserChar(char c) {
        return !(c == ':' || c == '/' || c == '@' || c == '?' || c == '#' || Character.isWhitespace(c)
                || c == '"' || c == '\'' || c == '<' || c == '>');
    }

    private static boolean isHostStart(char c) {
        return Chars.isAlnum(c) || c == '[' || Character.isLetter(c);
    }

    private static boolean isStandIn(String pw) {
        String l = pw.toLowerCase(Locale.ROOT);
        if (STAND_INS.contains(l) || l.startsWith("$") || l.startsWith("%") || l.startsWith("<") || l.contains("{")
                || l.startsWith(":")) {
            return true;
        }
        return Chars.longestRepeat(pw) == pw.length() || Chars.looksLikePlaceholder(pw);
    }
}
