package dev.freeport.guardrails.detect;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Private key blocks: {@code -----BEGIN [RSA |EC |OPENSSH |ENCRYPTED |DSA |PGP ]PRIVATE KEY[ BLOCK]-----}
 * through the matching END line, or to the end of the base64 body when the END line is missing (a truncated key
 * is still a key). Certificates and public keys are not flagged; neither is a block whose body is a stand-in
 * ("...") with fewer than 40 base64 characters.
 */
public final class PemDetector implements Detector {
    private static final String BEGIN = "-----BEGIN ";
    private static final int MIN_BODY = 40;
    private static final int MAX_BLOCK = 64 * 1024;

    @Override
    public Set<Kind> kinds() {
        return EnumSet.of(Kind.PRIVATE_KEY);
    }

    @Override
    public void scan(String s, List<Finding> out) {
        int from = 0;
        // where each label's next END line is: searched forward only, so many BEGIN lines cost one pass per label
        Map<String, Integer> nextEnd = new HashMap<>();
        for (int b = s.indexOf(BEGIN); b >= 0; b = s.indexOf(BEGIN, from)) {
            from = b + BEGIN.length();
            int labelEnd = s.indexOf("-----", from);
            if (labelEnd < 0 || labelEnd - from > 40) {
                continue;
            }
            String label = s.substring(from, labelEnd);
            if (!label.endsWith("PRIVATE KEY") && !label.endsWith("PRIVATE KEY BLOCK")) {
                continue;
            }
            int bodyStart = labelEnd + 5;
            String endLine = "-----END " + label + "-----";
            Integer known = nextEnd.get(label);
            int e = known != null && (known < 0 || known >= bodyStart) ? known : s.indexOf(endLine, bodyStart);
            nextEnd.put(label, e);
            int end;
            int bodyEnd;
            if (e >= 0 && e - bodyStart <= MAX_BLOCK) {
                bodyEnd = e;
                end = e + endLine.length();
            } else {
                bodyEnd = bodyStart;
                while (bodyEnd < s.length() && bodyEnd - bodyStart < MAX_BLOCK && isBodyChar(s.charAt(bodyEnd))) {
                    bodyEnd++;
                }
                while (bodyEnd > bodyStart && Character.isWhitespace(s.charAt(bodyEnd - 1))) {
                    bodyEnd--;
                }
                end = bodyEnd;
            }
            if (base64Count(s, bodyStart, bodyEnd) >= MIN_BODY) {
                out.add(new Finding(Kind.PRIVATE_KEY, b, end));
                from = end;
            }
        }
    }

    private static boolean isBodyChar(char c) {
        return Chars.isBase64(c) || c == '=' || c == '\\' || c == ':' || c == '-' || c == ','
                || Character.isWhitespace(c);
    }

    private static int base64Count(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n += Chars.isBase64(s.charAt(i)) ? 1 : 0;
        }
        return n;
    }
}
