package dev.freeport.guardrails.testset;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/**
 * Synthetic values in the formats the detectors look for, with valid checksums where the format has one (Luhn,
 * IBAN mod-97), made from a seeded {@link Random}: never anyone's real secret or data.
 */
public final class FakeValues {
    static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    static final String DIGITS = "0123456789";
    static final String ALNUM = UPPER + LOWER + DIGITS;
    static final String B64URL = ALNUM + "-_";
    static final String B64 = ALNUM + "+/";
    static final String HEX = "0123456789abcdef";

    final Random rnd;

    public FakeValues(long seed) {
        this.rnd = new Random(seed);
    }

    String pick(String... options) {
        return options[rnd.nextInt(options.length)];
    }

    int between(int lo, int hi) {
        return lo + rnd.nextInt(hi - lo + 1);
    }

    String chars(String alphabet, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    String digits(int n) {
        return chars(DIGITS, n);
    }

    String openAiProject() {
        return "sk-proj-" + chars(B64URL, 74) + "T3BlbkFJ" + chars(B64URL, 74);
    }

    String openAiLegacy() {
        return "sk-" + chars(ALNUM, 20) + "T3BlbkFJ" + chars(ALNUM, 20);
    }

    String anthropic() {
        return "sk-ant-api03-" + chars(B64URL, 93) + "AA";
    }

    String aiVendor() {
        return switch (rnd.nextInt(4)) {
            case 0 -> "sk-" + chars(HEX, 32);
            case 1 -> "gsk_" + chars(ALNUM, 52);
            case 2 -> "xai-" + chars(ALNUM, 80);
            default -> "sk-or-v1-" + chars(HEX, 64);
        };
    }

    String google() {
        return "AIza" + chars(B64URL, 35);
    }

    String awsId() {
        return pick("AKIA", "ASIA") + chars(UPPER + "234567", 16);
    }

    String awsSecret() {
        String s;
        do {
            s = chars(B64, 40);
        } while (!s.matches(".*[0-9].*") || !s.matches(".*[a-z].*") || !s.matches(".*[A-Z].*"));
        return s;
    }

    String github() {
        return rnd.nextBoolean() ? pick("ghp_", "gho_", "ghs_") + chars(ALNUM, 36)
                : "github_pat_" + chars(UPPER + DIGITS, 22) + "_" + chars(ALNUM, 59);
    }

    String gitlab() {
        return "glpat-" + chars(B64URL, 20);
    }

    String slack() {
        return pick("xoxb-", "xoxp-") + digits(11) + "-" + digits(12) + "-" + chars(ALNUM, 24);
    }

    String stripe() {
        return pick("sk_live_", "rk_live_", "sk_test_") + chars(ALNUM, 24 + rnd.nextInt(76));
    }

    String huggingFace() {
        return "hf_" + chars(UPPER + LOWER, 34);
    }

    String azureStorageKey() {
        return chars(B64, 86) + "==";
    }

    String azureAdSecret() {
        return chars(ALNUM, 3) + rnd.nextInt(10) + "Q~" + chars(ALNUM + "_~.-", 34);
    }

    String serviceToken() {
        return rnd.nextBoolean() ? "npm_" + chars(ALNUM, 36) : "SG." + chars(B64URL, 22) + "." + chars(B64URL, 43);
    }

    String privateKey(String label) {
        StringBuilder b = new StringBuilder("-----BEGIN " + label + "-----\n");
        for (int i = 0; i < 6; i++) {
            b.append(chars(B64, 64)).append('\n');
        }
        return b.append(chars(B64, 20)).append("==\n-----END ").append(label).append("-----").toString();
    }

    String jwt() {
        Base64.Encoder e = Base64.getUrlEncoder().withoutPadding();
        String header = "{\"alg\":\"" + pick("HS256", "RS256", "ES256") + "\",\"typ\":\"JWT\"}";
        String payload = "{\"sub\":\"" + digits(8) + "\",\"name\":\"" + chars(LOWER, 6) + "\",\"iat\":1" + digits(9) + "}";
        return e.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + e.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + chars(B64URL, 43);
    }

    String password() {
        return chars(ALNUM, 4) + pick("!", "-", "_", "") + chars(ALNUM, 8);
    }

    String secretValue() {
        return rnd.nextBoolean() ? chars(HEX, 32) : chars(ALNUM, between(20, 40)) + rnd.nextInt(10);
    }

    String email() {
        return pick("jane", "omar", "li.wei", "k.novak", "maria_g", "tom+billing", "a.okafor", "sven")
                + between(1, 99) + "@" + pick("mailbox.org", "corp-mail.net", "fastpost.io", "uni-kassel.de",
                "helpdesk.co.uk", "outlook.com", "proton.me", "acme-industries.com");
    }

    String phone() {
        return switch (rnd.nextInt(7)) {
            case 0 -> "+44 20 7946 " + digits(4);
            case 1 -> "(" + between(201, 989) + ") " + between(200, 999) + "-" + digits(4);
            case 2 -> "+49 30 " + digits(8);
            case 3 -> "06 " + digits(2) + " " + digits(2) + " " + digits(2) + " " + digits(2);
            case 4 -> between(201, 989) + "-" + between(200, 999) + "-" + digits(4);
            case 5 -> "+1 " + between(201, 989) + " " + between(200, 999) + " " + digits(4);
            default -> "+33 6 " + digits(2) + " " + digits(2) + " " + digits(2) + " " + digits(2);
        };
    }

    String card(boolean valid) {
        String prefix = pick("4", "51", "55", "2221", "34", "37", "6011", "3528", "62");
        int len = prefix.startsWith("3") && !prefix.equals("3528") ? 15 : 16;
        String body = prefix + digits(len - prefix.length() - 1);
        int check = luhnCheckDigit(body);
        String d = body + (valid ? check : (check + 1 + rnd.nextInt(9)) % 10);
        if (len == 15) {
            return rnd.nextBoolean() ? d : d.substring(0, 4) + " " + d.substring(4, 10) + " " + d.substring(10);
        }
        String sep = pick(" ", "-", "");
        return d.substring(0, 4) + sep + d.substring(4, 8) + sep + d.substring(8, 12) + sep + d.substring(12);
    }

    static int luhnCheckDigit(String body) {
        int sum = 0;
        boolean dbl = true;
        for (int i = body.length() - 1; i >= 0; i--) {
            int d = body.charAt(i) - '0';
            if (dbl) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
            dbl = !dbl;
        }
        return (10 - sum % 10) % 10;
    }

    String iban(boolean valid) {
        String[][] countries = {{"DE", "18"}, {"FR", "23"}, {"NL", "14"}, {"ES", "20"}, {"IT", "23"}, {"BE", "12"},
                {"GB", "18"}, {"CH", "17"}, {"AT", "16"}, {"PL", "24"}};
        String[] c = countries[rnd.nextInt(countries.length)];
        int n = Integer.parseInt(c[1]);
        String bban = c[0].equals("GB") || c[0].equals("NL") ? chars(UPPER, 4) + digits(n - 4)
                : c[0].equals("IT") ? chars(UPPER, 1) + digits(n - 1) : digits(n);
        int check = 98 - mod97(bban + c[0] + "00");
        if (!valid) {
            check = check == 97 ? 2 : check + 1;
        }
        String iban = c[0] + String.format("%02d", check) + bban;
        return rnd.nextBoolean() ? iban : iban.replaceAll("(.{4})(?!$)", "$1 ");
    }

    static int mod97(String s) {
        int r = 0;
        for (char ch : s.toCharArray()) {
            int v = Character.isDigit(ch) ? ch - '0' : ch - 'A' + 10;
            r = v < 10 ? (r * 10 + v) % 97 : (r * 100 + v) % 97;
        }
        return r;
    }

    String ssn() {
        int area;
        do {
            area = between(1, 899);
        } while (area == 666);
        return String.format("%03d-%02d-%04d", area, between(1, 99), between(1, 9999));
    }

    String publicIpv4() {
        return pick("81", "85", "91", "145", "151", "185", "212", "37", "62", "88") + "." + between(0, 255) + "."
                + between(0, 255) + "." + between(1, 254);
    }

    String publicIpv6() {
        return pick("2a01:4f8:", "2a02:26f0:", "2600:1f18:", "2001:67c:") + Integer.toHexString(between(1, 0xffff))
                + "::" + Integer.toHexString(between(1, 0xffff));
    }

    String uuid() {
        return chars(HEX, 8) + "-" + chars(HEX, 4) + "-4" + chars(HEX, 3) + "-a" + chars(HEX, 3) + "-" + chars(HEX, 12);
    }
}
