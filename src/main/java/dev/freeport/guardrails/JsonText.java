package dev.freeport.guardrails;

import java.util.ArrayList;
import java.util.List;

/**
 * String values inside a JSON text kept as text (tool-call arguments): where each value's characters are in the
 * raw text, its decoded content, and JSON escaping for writing values back. Tolerant: a broken document yields
 * the literals found up to the break. Object keys are left alone (renaming them would break the tool's schema).
 */
final class JsonText {
    /** A string value: raw [rawStart, rawEnd) between its quotes; {@code map[k]} is where decoded char k starts. */
    record Literal(int rawStart, int rawEnd, String decoded, int[] map) {
        int raw(int decodedOffset) {
            return map == null ? rawStart + decodedOffset : map[decodedOffset];
        }
    }

    private JsonText() {
    }

    /** True when the text is meant as JSON (its first non-blank character opens an object or array). */
    static boolean looksLikeJson(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '{' || c == '[';
            }
        }
        return false;
    }

    static List<Literal> stringValues(String s) {
        List<Literal> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            if (s.charAt(i) != '"') {
                i++;
                continue;
            }
            int start = i + 1;
            StringBuilder b = null;
            int[] map = null;
            int j = start;
            boolean closed = false;
            while (j < n) {
                char c = s.charAt(j);
                if (c == '"') {
                    closed = true;
                    break;
                }
                if (c == '\\' && j + 1 < n) {
                    if (b == null) {
                        b = new StringBuilder(s.substring(start, j));
                        map = new int[Math.max(16, 2 * b.length())];
                        for (int k = 0; k < b.length(); k++) {
                            map[k] = start + k;
                        }
                    }
                    map = room(map, b.length() + 1);
                    int at = j;
                    char e = s.charAt(j + 1);
                    char d;
                    int len = 2;
                    switch (e) {
                        case 'n' -> d = '\n';
                        case 't' -> d = '\t';
                        case 'r' -> d = '\r';
                        case 'b' -> d = '\b';
                        case 'f' -> d = '\f';
                        case 'u' -> {
                            if (j + 6 > n) {
                                return out;
                            }
                            try {
                                d = (char) Integer.parseInt(s.substring(j + 2, j + 6), 16);
                            } catch (NumberFormatException x) {
                                return out;
                            }
                            len = 6;
                        }
                        default -> d = e;
                    }
                    map[b.length()] = at;
                    b.append(d);
                    j += len;
                    continue;
                }
                if (b != null) {
                    map = room(map, b.length() + 1);
                    map[b.length()] = j;
                    b.append(c);
                }
                j++;
            }
            if (!closed) {
                return out;
            }
            if (!isKey(s, j + 1)) {
                String decoded = b == null ? s.substring(start, j) : b.toString();
                if (map != null) {
                    map = room(map, decoded.length() + 1);
                    map[decoded.length()] = j;
                }
                out.add(new Literal(start, j, decoded, map));
            }
            i = j + 1;
        }
        return out;
    }

    /** {@code map} with room for index {@code need - 1} (doubling, so a literal costs O(its length)). */
    private static int[] room(int[] map, int need) {
        return need <= map.length ? map : java.util.Arrays.copyOf(map, Math.max(need, 2 * map.length));
    }

    private static boolean isKey(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i < s.length() && s.charAt(i) == ':';
    }

    /** The JSON string-content form of {@code v} (without quotes). */
    static String escape(String v) {
        StringBuilder b = null;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            String r = switch (c) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                case '\b' -> "\\b";
                case '\f' -> "\\f";
                default -> c < 0x20 ? String.format("\\u%04x", (int) c) : null;
            };
            if (r != null && b == null) {
                b = new StringBuilder(v.length() + 16).append(v, 0, i);
            }
            if (b != null) {
                if (r != null) {
                    b.append(r);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? v : b.toString();
    }
}
