package dev.freeport.guardrails.detect;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Numbers that are personal data: payment cards, US SSNs, phone numbers and IPv4 addresses. Each maximal run of
 * digit groups ({@link NumberRun}) is judged whole; when the whole run is none of them, its space-separated
 * parts are tried, longest first ("room 12 020 7946 0958").
 * <ul>
 *   <li>cards: 13-19 digits, unseparated or in groups of four (Amex 4-6-5, Diners 4-6-4) with one separator,
 *   Luhn-valid, a known issuer range for that length, not all one digit;</li>
 *   <li>SSNs: 3-2-4 with '-' or ' ', or 9 digits right after "SSN"/"social security", valid area/group/serial;</li>
 *   <li>phones: '+' and 8-15 digits (E.164); NANP 3-3-4 with area and exchange 2-9 ("(555) 123-4567",
 *   "1-800-555-0199"); national numbers with a trunk 0 in two or more groups of 2+ digits, 9-12 digits
 *   ("020 7946 0958", "06 12 34 56 78"); "00" international prefix. A lone run of digits is never a phone;</li>
 *   <li>IPv4: four dot-separated octets without leading zeros, in scope ({@link IpRanges}), not after "version".</li>
 * </ul>
 */
public final class NumberDetector implements Detector {
    private static final Set<String> VERSION_WORDS = Set.of("version", "ver", "v", "release", "build", "rev",
            "revision", "firmware", "oid");

    private final IpScope scope;

    public NumberDetector(IpScope scope) {
        this.scope = scope;
    }

    @Override
    public Set<Kind> kinds() {
        return EnumSet.of(Kind.PAYMENT_CARD, Kind.US_SSN, Kind.PHONE, Kind.IP_ADDRESS);
    }

    @Override
    public void scan(String s, List<Finding> out) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            boolean digit = Chars.isDigit(c);
            if (!digit && !((c == '+' || c == '(') && (Chars.isDigit(Chars.at(s, i + 1))
                    || (c == '+' && Chars.at(s, i + 1) == '(')))) {
                i++;
                continue;
            }
            char b = Chars.before(s, i);
            if (Chars.isWord(b) || b == '.' || b == '-' || b == '+' || b == '/' || b == '\\' || b == '#'
                    || b == '@') {
                i++;
                continue;
            }
            NumberRun r = NumberRun.parse(s, i);
            if (r == null) {
                i++;
                continue;
            }
            int end = r.end();
            char after = Chars.at(s, end);
            if (!Chars.isWord(after) && after != '@' && !(after == '.' && Chars.isDigit(Chars.at(s, end + 1)))) {
                judge(r, 0, r.groups, out);
            }
            i = Math.max(end, i + 1);
        }
    }

    private void judge(NumberRun r, int a, int b, List<Finding> out) {
        if (b <= a) {
            return;
        }
        Finding f = match(r, a, b);
        if (f != null) {
            out.add(f);
            return;
        }
        if (b - a >= 3 && cardGrouping(r, a, b)) {
            return; // a card- or IBAN-like block of fours: its parts are not separate numbers
        }
        for (int len = b - a - 1; len >= 1; len--) {
            for (int g = a; g + len <= b; g++) {
                if ((g == a || r.sep[g - 1] == ' ') && (g + len == b || r.sep[g + len - 1] == ' ')) {
                    f = match(r, g, g + len);
                    if (f != null) {
                        out.add(f);
                        judge(r, a, g, out);
                        judge(r, g + len, b, out);
                        return;
                    }
                }
            }
        }
    }

    private Finding match(NumberRun r, int a, int b) {
        boolean plus = a == 0 && r.plus;
        boolean paren = a == 0 && r.paren;
        int start = a == 0 ? r.start : r.groupStart[a];
        int end = r.groupEnd[b - 1];
        int groups = b - a;
        boolean parenSep = false;
        boolean dotSep = false;
        for (int g = a; g < b - 1; g++) {
            parenSep |= r.sep[g] == 'p';
            dotSep |= r.sep[g] == '.';
        }
        boolean plain = !plus && !paren && !parenSep;
        if (plain && groups == 4 && r.seps(a, b, '.')) {
            return ipv4(r, a, start, end);
        }
        String d = r.digitString(a, b);
        int nd = d.length();
        if (plain && !dotSep && ssn(r, a, b, d, start)) {
            return new Finding(Kind.US_SSN, start, end);
        }
        if (plain && !dotSep && nd >= 13 && nd <= 19 && cardGrouping(r, a, b) && NumberRules.luhn(d)
                && NumberRules.knownIssuer(d) && Chars.longestRepeat(d) < nd) {
            return new Finding(Kind.PAYMENT_CARD, start, end);
        }
        return phone(r, a, b, d, plus, paren, dotSep) ? new Finding(Kind.PHONE, start, end) : null;
    }

    private Finding ipv4(NumberRun r, int a, int start, int end) {
        int[] octets = new int[4];
        for (int k = 0; k < 4; k++) {
            int g = a + k;
            if (r.len(g) > 3 || (r.len(g) > 1 && r.text.charAt(r.groupStart[g]) == '0')) {
                return null;
            }
            octets[k] = Integer.parseInt(r.text, r.groupStart[g], r.groupEnd[g], 10);
            if (octets[k] > 255) {
                return null;
            }
        }
        if (afterVersionWord(r.text, start)) {
            return null;
        }
        return scope == IpScope.ALL || IpRanges.isPublicV4(octets) ? new Finding(Kind.IP_ADDRESS, start, end) : null;
    }

    private static boolean ssn(NumberRun r, int a, int b, String d, int start) {
        if (d.length() != 9) {
            return false;
        }
        boolean shaped = b - a == 3 && r.len(a) == 3 && r.len(a + 1) == 2 && r.len(a + 2) == 4
                && (r.seps(a, b, '-') || r.seps(a, b, ' '));
        boolean named = b - a == 1 && ssnNamed(r.text, start);
        return (shaped || named) && NumberRules.validSsn(d);
    }

    private static boolean ssnNamed(String s, int start) {
        String before = s.substring(Math.max(0, start - 40), start).toLowerCase(Locale.ROOT);
        return before.contains("ssn") || before.contains("social security") || before.contains("soc. sec");
    }

    private static boolean cardGrouping(NumberRun r, int a, int b) {
        int groups = b - a;
        if (groups == 1) {
            return true;
        }
        if (!r.seps(a, b, ' ') && !r.seps(a, b, '-')) {
            return false;
        }
        if (groups == 3 && r.len(a) == 4 && r.len(a + 1) == 6 && (r.len(a + 2) == 5 || r.len(a + 2) == 4)) {
            return true;
        }
        for (int g = a; g < b - 1; g++) {
            if (r.len(g) != 4) {
                return false;
            }
        }
        return r.len(b - 1) >= 1 && r.len(b - 1) <= 4;
    }

    private static boolean phone(NumberRun r, int a, int b, String d, boolean plus, boolean paren, boolean dots) {
        int nd = d.length();
        int groups = b - a;
        if (plus) {
            return nd >= 8 && nd <= 15 && d.charAt(0) != '0' && (groups > 1 || nd >= 10);
        }
        if (groups < 2 || (groups == 3 && r.len(a) == 3 && r.len(a + 1) == 2 && r.len(a + 2) == 4)) {
            return false; // a lone number, or shaped like an SSN
        }
        // NANP: [1] NXX NXX XXXX
        int first = r.len(a) == 1 && d.charAt(0) == '1' && groups == 4 ? 1 : 0;
        if (groups - first == 3 && r.len(a + first) == 3 && r.len(a + first + 1) == 3 && r.len(a + first + 2) == 4) {
            String area = r.text.substring(r.groupStart[a + first], r.groupEnd[a + first]);
            String exchange = r.text.substring(r.groupStart[a + first + 1], r.groupEnd[a + first + 1]);
            boolean consistent = !dots || r.seps(a, b, '.');
            return consistent && NumberRules.nanp(area, exchange) && (!paren || first == 0);
        }
        if (dots) {
            return false;
        }
        for (int g = a; g < b; g++) {
            if (r.len(g) < 2) {
                return false;
            }
        }
        if (d.startsWith("00")) {
            return nd >= 10 && nd <= 17 && d.charAt(2) != '0';
        }
        return d.charAt(0) == '0' && nd >= 9 && nd <= 12;
    }

    private static boolean afterVersionWord(String s, int start) {
        int j = start - 1;
        while (j >= 0 && (s.charAt(j) == ' ' || s.charAt(j) == ':')) {
            j--;
        }
        int e = j + 1;
        while (j >= 0 && Chars.isAsciiLetter(s.charAt(j))) {
            j--;
        }
        return e > j + 1 && VERSION_WORDS.contains(s.substring(j + 1, e).toLowerCase(Locale.ROOT));
    }
}
