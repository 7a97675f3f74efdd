package dev.freeport.guardrails.detect;

/** Checksums and number plans: Luhn with card IIN ranges, US SSN validity, NANP area codes. */
final class NumberRules {
    private NumberRules() {
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean dbl = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }

    /** A known issuer range for the number's length: Visa, Mastercard, Amex, Discover, Diners, JCB, UnionPay, Maestro, Mir. */
    static boolean knownIssuer(String d) {
        int len = d.length();
        int p1 = d.charAt(0) - '0';
        int p2 = Integer.parseInt(d.substring(0, 2));
        int p3 = Integer.parseInt(d.substring(0, 3));
        int p4 = Integer.parseInt(d.substring(0, 4));
        int p6 = Integer.parseInt(d.substring(0, 6));
        if (p1 == 4) {
            return len == 13 || len == 16 || len == 19;                                // Visa
        }
        if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) {
            return len == 16;                                                           // Mastercard
        }
        if (p2 == 34 || p2 == 37) {
            return len == 15;                                                           // American Express
        }
        if (p4 == 6011 || (p3 >= 644 && p3 <= 649) || p2 == 65 || (p6 >= 622126 && p6 <= 622925)) {
            return len >= 16 && len <= 19;                                              // Discover
        }
        if ((p3 >= 300 && p3 <= 305) || p2 == 36 || p2 == 38 || p2 == 39) {
            return len >= 14 && len <= 19;                                              // Diners Club
        }
        if (p4 >= 3528 && p4 <= 3589) {
            return len >= 16 && len <= 19;                                              // JCB
        }
        if (p2 == 62) {
            return len >= 16 && len <= 19;                                              // UnionPay
        }
        if (p4 >= 2200 && p4 <= 2204) {
            return len == 16;                                                           // Mir
        }
        if (p4 == 5018 || p4 == 5020 || p4 == 5038 || p4 == 5893 || p4 == 6304 || p4 == 6759
                || (p4 >= 6761 && p4 <= 6763)) {
            return len >= 12 && len <= 19;                                              // Maestro
        }
        return false;
    }

    /**
     * A number the SSA could issue: area not 000, 666 or 900-999; group not 00; serial not 0000; and not one of
     * the numbers known from advertising (078-05-1120, 219-09-9999, 123-45-6789).
     */
    static boolean validSsn(String d) {
        int area = Integer.parseInt(d.substring(0, 3));
        int group = Integer.parseInt(d.substring(3, 5));
        int serial = Integer.parseInt(d.substring(5));
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0
                && !d.equals("078051120") && !d.equals("219099999") && !d.equals("123456789");
    }

    /** NANP: area and exchange start with 2-9; N11 codes are service numbers. */
    static boolean nanp(String area, String exchange) {
        return area.charAt(0) >= '2' && !area.endsWith("11") && exchange.charAt(0) >= '2' && !exchange.endsWith("11");
    }
}
