package dev.freeport.guardrails;

import dev.freeport.guardrails.detect.Kind;

/** The placeholder and mask formats, and replacing placeholders in a complete text. */
final class Placeholders {
    static final String OPEN = "<<";
    static final String CLOSE = ">>";

    private Placeholders() {
    }

    /** {@code <<EMAIL_1>>}: stable within a request, numbered per kind from 1. */
    static String placeholder(Kind kind, int n) {
        return OPEN + kind.label() + "_" + n + CLOSE;
    }

    /** {@code [EMAIL]}: the irreversible mask, the kind's label in brackets. */
    static String mask(Kind kind) {
        return "[" + kind.label() + "]";
    }

    static boolean isNameChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    /** The end of the placeholder of {@code vault} at {@code i}, or -1. */
    static int placeholderEnd(CharSequence s, int i, Vault vault) {
        int j = i + OPEN.length();
        int limit = Math.min(s.length(), i + vault.longestPlaceholder());
        while (j < limit && isNameChar(s.charAt(j))) {
            j++;
        }
        if (j + 2 <= s.length() && s.charAt(j) == '>' && s.charAt(j + 1) == '>'
                && vault.original(s.subSequence(i, j + 2).toString()) != null) {
            return j + 2;
        }
        return -1;
    }

    static String restore(String text, Vault vault, boolean json) {
        if (text == null || vault.isEmpty() || text.indexOf(OPEN) < 0) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length() + 32);
        int from = 0;
        for (int i = text.indexOf(OPEN); i >= 0; i = text.indexOf(OPEN, i + 1)) {
            if (i < from) {
                continue;
            }
            int end = placeholderEnd(text, i, vault);
            if (end > 0) {
                String original = vault.original(text.substring(i, end));
                b.append(text, from, i).append(json ? JsonText.escape(original) : original);
                from = end;
                i = end - 1;
            }
        }
        return from == 0 ? text : b.append(text, from, text.length()).toString();
    }
}
