package dev.freeport.guardrails.detect;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Prefixed credentials ({@link TokenRules}), Azure AD client secrets ({@code xxx8Q~...}) and AWS secret access
 * keys near an access key id. One pass: at each word start, only the rules whose prefix begins with that
 * character are tried, longest prefix first.
 */
public final class TokenDetector implements Detector {
    private static final Set<Kind> KINDS = EnumSet.of(Kind.OPENAI_KEY, Kind.ANTHROPIC_KEY, Kind.AI_VENDOR_KEY,
            Kind.GOOGLE_API_KEY, Kind.AWS_ACCESS_KEY_ID, Kind.AWS_SECRET_KEY, Kind.GITHUB_TOKEN, Kind.GITLAB_TOKEN,
            Kind.SLACK_TOKEN, Kind.STRIPE_KEY, Kind.HUGGINGFACE_TOKEN, Kind.AZURE_KEY, Kind.SERVICE_TOKEN);
    /** How far from an AWS access key id its secret key is looked for. */
    private static final int AWS_WINDOW = 300;

    private final TokenRule[][] byFirstChar = new TokenRule[128][];
    /** Per first character, the second characters some prefix has (a 128-bit set): most words fail here. */
    private final long[][] secondChars = new long[128][2];

    public TokenDetector() {
        List<List<TokenRule>> lists = new ArrayList<>();
        for (int i = 0; i < 128; i++) {
            lists.add(new ArrayList<>());
        }
        for (TokenRule r : TokenRules.ALL) {
            char first = r.prefix().charAt(0);
            char second = r.prefix().charAt(1);
            lists.get(first).add(r);
            secondChars[first][second >> 6] |= 1L << (second & 63);
        }
        for (int i = 0; i < 128; i++) {
            List<TokenRule> l = lists.get(i);
            if (!l.isEmpty()) {
                l.sort((a, b) -> Integer.compare(b.prefix().length(), a.prefix().length()));
                byFirstChar[i] = l.toArray(TokenRule[]::new);
            }
        }
    }

    @Override
    public Set<Kind> kinds() {
        return KINDS;
    }

    @Override
    public void scan(String text, List<Finding> out) {
        int n = text.length();
        int awsIds = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            TokenRule[] rules = c < 128 ? byFirstChar[c] : null;
            if (rules == null || i + 1 >= n) {
                continue;
            }
            char second = text.charAt(i + 1);
            if (second >= 128 || (secondChars[c][second >> 6] & 1L << (second & 63)) == 0 || !startsToken(text, i)) {
                continue;
            }
            for (TokenRule r : rules) {
                int end = match(text, i, r);
                if (end > 0) {
                    Kind kind = r.classify().apply(text.substring(i, end));
                    if (kind != null) {
                        out.add(new Finding(kind, i + r.valueFrom(), end));
                        awsIds += kind == Kind.AWS_ACCESS_KEY_ID ? 1 : 0;
                        i = end - 1;
                        break;
                    }
                }
            }
        }
        azureClientSecrets(text, out);
        if (awsIds > 0) {
            awsSecrets(text, out);
        }
    }

    private static boolean startsToken(String s, int i) {
        char b = Chars.before(s, i);
        return !(Chars.isAlnum(b) || b == '_' || b == '-' || b == '.' || b == '/' || b == '+');
    }

    /** The end of the token when {@code r} matches at {@code i}, else -1. */
    private static int match(String s, int i, TokenRule r) {
        if (!s.startsWith(r.prefix(), i)) {
            return -1;
        }
        int from = i + r.prefix().length();
        int j = from;
        int limit = Math.min(s.length(), from + r.max() + 1);
        while (j < limit && r.body().has(s.charAt(j))) {
            j++;
        }
        int len = j - from;
        if (len < r.min() || len > r.max() || (j < s.length() && r.body().has(s.charAt(j)))) {
            return -1;
        }
        if (r.body() == TokenRule.Body.BASE64) {
            for (int pad = 0; pad < 2 && j < s.length() && s.charAt(j) == '='; pad++) {
                j++;
            }
        }
        char after = Chars.at(s, j);
        if (Chars.isAlnum(after) || after == '_') {
            return -1;
        }
        String body = s.substring(from, from + len);
        return TokenRules.randomLooking(body, 2.5) ? j : -1;
    }

    /** Azure AD (Entra) client secrets: three characters, a digit, "Q~", then 31 to 34 more. */
    private static void azureClientSecrets(String s, List<Finding> out) {
        for (int q = s.indexOf("Q~"); q >= 0; q = s.indexOf("Q~", q + 2)) {
            int start = q - 4;
            if (start < 0 || !Chars.isDigit(s.charAt(q - 1))) {
                continue;
            }
            boolean ok = !isAzureChar(Chars.before(s, start));
            for (int k = start; k < q - 1 && ok; k++) {
                ok = isAzureChar(s.charAt(k));
            }
            int j = q + 2;
            while (ok && j < s.length() && (isAzureChar(s.charAt(j)) || s.charAt(j) == '-')) {
                j++;
            }
            int len = j - q - 2;
            if (ok && len >= 31 && len <= 34 && TokenRules.randomLooking(s.substring(q + 2, j), 3.5)) {
                out.add(new Finding(Kind.AZURE_KEY, start, j));
            }
        }
    }

    private static boolean isAzureChar(char c) {
        return Chars.isAlnum(c) || c == '_' || c == '~' || c == '.';
    }

    /** A 40-character base64 run (mixed case, a digit, high entropy) near an AWS access key id. */
    private static void awsSecrets(String s, List<Finding> out) {
        List<Finding> ids = out.stream().filter(f -> f.kind() == Kind.AWS_ACCESS_KEY_ID).toList();
        for (Finding id : ids) {
            int from = Math.max(0, id.start() - AWS_WINDOW);
            int to = Math.min(s.length(), id.end() + AWS_WINDOW);
            int i = from;
            while (i < to) {
                if (!Chars.isBase64(s.charAt(i)) || (i > 0 && Chars.isBase64(s.charAt(i - 1)) && i != from)) {
                    i++;
                    continue;
                }
                int j = i;
                while (j < s.length() && Chars.isBase64(s.charAt(j))) {
                    j++;
                }
                if (j - i == 40 && (i == 0 || !Chars.isBase64(s.charAt(i - 1)))) {
                    String v = s.substring(i, j);
                    if (Chars.hasDigit(v) && Chars.hasUpperAndLower(v) && TokenRules.randomLooking(v, 4)) {
                        Finding f = new Finding(Kind.AWS_SECRET_KEY, i, j);
                        if (!out.contains(f)) {
                            out.add(f);
                        }
                    }
                }
                i = j;
            }
        }
    }
}
