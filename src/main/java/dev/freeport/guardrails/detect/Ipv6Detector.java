package dev.freeport.guardrails.detect;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * IPv6 addresses, parsed strictly: eight groups of 1-4 hex digits, or fewer with one "::", optionally ending in
 * a dotted IPv4. Not flagged: times (10:30:00), MAC addresses (six groups), C++ scopes ({@code std::vector}),
 * slices ({@code a[1::2]}: a compressed address needs a group of 3+ digits), and addresses out of scope.
 */
public final class Ipv6Detector implements Detector {
    private final IpScope scope;

    public Ipv6Detector(IpScope scope) {
        this.scope = scope;
    }

    @Override
    public Set<Kind> kinds() {
        return EnumSet.of(Kind.IP_ADDRESS);
    }

    @Override
    public void scan(String s, List<Finding> out) {
        int from = 0;
        for (int c = s.indexOf(':'); c >= 0; c = s.indexOf(':', from)) {
            if (!isAddrChar(Chars.before(s, c)) && Chars.at(s, c + 1) != ':') {
                from = c + 1;          // "key": and "a: b": no address starts with a single ':'
                continue;
            }
            int start = c;
            while (start > 0 && c - start < 45 && isAddrChar(s.charAt(start - 1))) {
                start--;
            }
            int end = c;
            int colons = 0;
            while (end < s.length() && end - start < 50 && isAddrChar(s.charAt(end))) {
                colons += s.charAt(end) == ':' ? 1 : 0;
                end++;
            }
            from = end + 1;
            if (colons < 2) {
                continue;
            }
            if (Chars.isWord(Chars.before(s, start)) || Chars.isWord(Chars.at(s, end))) {
                continue;
            }
            while (end > start && s.charAt(end - 1) == '.') {
                end--;
            }
            int[] groups = parse(s.substring(start, end));
            if (groups != null && (scope == IpScope.ALL || IpRanges.isPublicV6(groups))) {
                out.add(new Finding(Kind.IP_ADDRESS, start, end));
            }
        }
    }

    private static boolean isAddrChar(char c) {
        return Chars.isHex(c) || c == ':' || c == '.';
    }

    /** The eight 16-bit groups, or null when {@code a} is no IPv6 address. */
    static int[] parse(String a) {
        int dbl = a.indexOf("::");
        if (dbl >= 0 && a.indexOf("::", dbl + 1) >= 0 || a.contains(":::")) {
            return null;
        }
        String head = dbl >= 0 ? a.substring(0, dbl) : a;
        String tail = dbl >= 0 ? a.substring(dbl + 2) : "";
        int[] h = new int[8];
        int[] hp = groups(head, h, 0, dbl < 0);
        if (hp == null) {
            return null;
        }
        int[] t = new int[8];
        int[] tp = dbl >= 0 ? groups(tail, t, 0, true) : new int[] {0, 0};
        if (tp == null) {
            return null;
        }
        int count = hp[0] + tp[0];
        if (dbl < 0 ? count != 8 : count > 7) {
            return null;
        }
        if (dbl >= 0 && !a.equals("::1") && !a.equals("::") && Math.max(hp[1], tp[1]) < 3) {
            return null;
        }
        System.arraycopy(t, 0, h, 8 - tp[0], tp[0]);
        return h;
    }

    /** Parses "g:g:g" (the last part may be an IPv4 when {@code last}) into out from {@code at}; [groups, longest]. */
    private static int[] groups(String part, int[] out, int at, boolean last) {
        if (part.isEmpty()) {
            return new int[] {0, 0};
        }
        String[] parts = part.split(":", -1);
        int n = at;
        int longest = 0;
        for (int k = 0; k < parts.length; k++) {
            String p = parts[k];
            if (p.contains(".")) {
                int[] v4 = k == parts.length - 1 && last ? ipv4(p) : null;
                if (v4 == null || n > 6) {
                    return null;
                }
                out[n++] = v4[0] << 8 | v4[1];
                out[n++] = v4[2] << 8 | v4[3];
                longest = 4;
                continue;
            }
            if (p.isEmpty() || p.length() > 4 || n >= 8) {
                return null;
            }
            out[n++] = Integer.parseInt(p, 16);
            longest = Math.max(longest, p.length());
        }
        return new int[] {n - at, longest};
    }

    private static int[] ipv4(String p) {
        String[] o = p.split("\\.", -1);
        if (o.length != 4) {
            return null;
        }
        int[] v = new int[4];
        for (int k = 0; k < 4; k++) {
            if (o[k].isEmpty() || o[k].length() > 3 || !o[k].chars().allMatch(Character::isDigit)) {
                return null;
            }
            v[k] = Integer.parseInt(o[k]);
            if (v[k] > 255) {
                return null;
            }
        }
        return v;
    }
}
