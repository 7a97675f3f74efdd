package dev.freeport.guardrails.detect;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * IBANs: a country code with its registered length, two check digits, the BBAN, written compact or in groups of
 * four separated by single spaces, passing the ISO 7064 mod-97 check (the number read with letters as 10-35,
 * after moving the first four characters to the end, leaves 1).
 */
public final class IbanDetector implements Detector {
    /** Lengths from the SWIFT IBAN registry (and territories that use their parent country's format). */
    private static final Map<String, Integer> LENGTHS = Map.ofEntries(
            Map.entry("AD", 24), Map.entry("AE", 23), Map.entry("AL", 28), Map.entry("AT", 20), Map.entry("AZ", 28),
            Map.entry("BA", 20), Map.entry("BE", 16), Map.entry("BG", 22), Map.entry("BH", 22), Map.entry("BI", 27),
            Map.entry("BR", 29), Map.entry("BY", 28), Map.entry("CH", 21), Map.entry("CR", 22), Map.entry("CY", 28),
            Map.entry("CZ", 24), Map.entry("DE", 22), Map.entry("DJ", 27), Map.entry("DK", 18), Map.entry("DO", 28),
            Map.entry("EE", 20), Map.entry("EG", 29), Map.entry("ES", 24), Map.entry("FI", 18), Map.entry("FK", 18),
            Map.entry("FO", 18), Map.entry("FR", 27), Map.entry("GB", 22), Map.entry("GE", 22), Map.entry("GI", 23),
            Map.entry("GL", 18), Map.entry("GR", 27), Map.entry("GT", 28), Map.entry("HN", 28), Map.entry("HR", 21),
            Map.entry("HU", 28), Map.entry("IE", 22), Map.entry("IL", 23), Map.entry("IQ", 23), Map.entry("IS", 26),
            Map.entry("IT", 27), Map.entry("JO", 30), Map.entry("KW", 30), Map.entry("KZ", 20), Map.entry("LB", 28),
            Map.entry("LC", 32), Map.entry("LI", 21), Map.entry("LT", 20), Map.entry("LU", 20), Map.entry("LV", 21),
            Map.entry("LY", 25), Map.entry("MC", 27), Map.entry("MD", 24), Map.entry("ME", 22), Map.entry("MK", 19),
            Map.entry("MN", 20), Map.entry("MR", 27), Map.entry("MT", 31), Map.entry("MU", 30), Map.entry("NI", 28),
            Map.entry("NL", 18), Map.entry("NO", 15), Map.entry("OM", 23), Map.entry("PK", 24), Map.entry("PL", 28),
            Map.entry("PS", 29), Map.entry("PT", 25), Map.entry("QA", 29), Map.entry("RO", 24), Map.entry("RS", 22),
            Map.entry("RU", 33), Map.entry("SA", 24), Map.entry("SC", 31), Map.entry("SD", 18), Map.entry("SE", 24),
            Map.entry("SI", 19), Map.entry("SK", 24), Map.entry("SM", 27), Map.entry("SO", 23), Map.entry("ST", 25),
            Map.entry("SV", 28), Map.entry("TL", 23), Map.entry("TN", 24), Map.entry("TR", 26), Map.entry("UA", 29),
            Map.entry("VA", 22), Map.entry("VG", 24), Map.entry("XK", 20), Map.entry("YE", 30),
            Map.entry("AX", 18), Map.entry("GF", 27), Map.entry("GP", 27), Map.entry("MQ", 27), Map.entry("RE", 27),
            Map.entry("PF", 27), Map.entry("TF", 27), Map.entry("YT", 27), Map.entry("NC", 27), Map.entry("BL", 27),
            Map.entry("MF", 27), Map.entry("PM", 27), Map.entry("WF", 27), Map.entry("IM", 22), Map.entry("JE", 22),
            Map.entry("GG", 22));

    @Override
    public Set<Kind> kinds() {
        return EnumSet.of(Kind.IBAN);
    }

    @Override
    public void scan(String s, List<Finding> out) {
        int n = s.length() - 4;
        for (int i = 0; i < n; i++) {
            if (!Chars.isUpper(s.charAt(i)) || !Chars.isUpper(s.charAt(i + 1)) || !Chars.isDigit(s.charAt(i + 2))
                    || !Chars.isDigit(s.charAt(i + 3)) || Chars.isWord(Chars.before(s, i))) {
                continue;
            }
            Integer len = LENGTHS.get(s.substring(i, i + 2));
            if (len == null) {
                continue;
            }
            int end = read(s, i, len);
            if (end > 0) {
                out.add(new Finding(Kind.IBAN, i, end));
                i = end - 1;
            }
        }
    }

    /** Reads {@code len} characters (spaces allowed only between groups of four); the end if valid, else -1. */
    private static int read(String s, int i, int len) {
        StringBuilder b = new StringBuilder(len);
        int j = i;
        while (b.length() < len && j < s.length()) {
            char c = s.charAt(j);
            if (Chars.isUpper(c) || Chars.isDigit(c)) {
                b.append(c);
                j++;
            } else if (c == ' ' && b.length() % 4 == 0 && b.length() > 0 && j + 1 < s.length()
                    && Chars.isAlnum(s.charAt(j + 1)) && s.charAt(j - 1) != ' ') {
                j++;
            } else {
                return -1;
            }
        }
        if (b.length() < len || Chars.isWord(Chars.at(s, j))) {
            return -1;
        }
        return mod97(b) == 1 ? j : -1;
    }

    static int mod97(CharSequence iban) {
        int r = 0;
        int n = iban.length();
        for (int k = 0; k < n; k++) {
            char c = iban.charAt((k + 4) % n);
            int v = Chars.isDigit(c) ? c - '0' : c - 'A' + 10;
            r = v < 10 ? (r * 10 + v) % 97 : (r * 100 + v) % 97;
        }
        return r;
    }
}
