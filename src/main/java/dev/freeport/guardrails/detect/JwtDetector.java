package dev.freeport.guardrails.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * JSON web tokens, checked for structure: three base64url segments where the header decodes to a JSON object
 * with a string {@code alg} and the payload to a JSON object; the signature may be empty only for
 * {@code alg: none}.
 */
public final class JwtDetector implements Detector {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_SEGMENT = 16 * 1024;

    @Override
    public Set<Kind> kinds() {
        return EnumSet.of(Kind.JWT);
    }

    @Override
    public void scan(String s, List<Finding> out) {
        int from = 0;
        for (int i = s.indexOf("eyJ"); i >= 0; i = s.indexOf("eyJ", from)) {
            from = i + 3;
            char b = Chars.before(s, i);
            if (Chars.isBase64Url(b) || b == '.') {
                continue;
            }
            int d1 = segmentEnd(s, i);
            if (Chars.at(s, d1) != '.') {
                continue;
            }
            int d2 = segmentEnd(s, d1 + 1);
            if (d2 == d1 + 1 || Chars.at(s, d2) != '.') {
                continue;
            }
            int end = segmentEnd(s, d2 + 1);
            char after = Chars.at(s, end);
            if (after == '.' || Chars.isBase64Url(after)) {
                continue;
            }
            String alg = alg(s.substring(i, d1));
            if (alg == null || !isObject(s.substring(d1 + 1, d2))) {
                continue;
            }
            if (end == d2 + 1 && !alg.equalsIgnoreCase("none")) {
                continue;
            }
            out.add(new Finding(Kind.JWT, i, end));
            from = end;
        }
    }

    private static int segmentEnd(String s, int i) {
        int j = i;
        while (j < s.length() && j - i <= MAX_SEGMENT && Chars.isBase64Url(s.charAt(j))) {
            j++;
        }
        return j;
    }

    private static String alg(String segment) {
        JsonNode n = decode(segment);
        JsonNode alg = n == null ? null : n.get("alg");
        return alg != null && alg.isTextual() ? alg.asText() : null;
    }

    private static boolean isObject(String segment) {
        return decode(segment) != null;
    }

    private static JsonNode decode(String segment) {
        try {
            JsonNode n = JSON.readTree(Base64.getUrlDecoder().decode(segment));
            return n != null && n.isObject() ? n : null;
        } catch (Exception e) {
            return null;
        }
    }
}
