package dev.freeport.guardrails.detect;

/**
 * A maximal run of digit groups joined by single separators ({@code ' '}, {@code '-'}, {@code '.'}, with
 * parentheses around a group), optionally led by {@code '+'} or {@code '('}: "+44 20 7946 0958",
 * "(555) 123-4567", "4111 1111 1111 1111", "192.168.0.1". Taking the whole run first keeps detectors from
 * finding a phone number inside a longer card-like number or an order number.
 */
final class NumberRun {
    static final int MAX_GROUPS = 12;

    final String text;
    final int start;
    final int[] groupStart = new int[MAX_GROUPS];
    final int[] groupEnd = new int[MAX_GROUPS];
    /** The separator after group i: ' ', '-', '.', or 'p' for one with a parenthesis. */
    final char[] sep = new char[MAX_GROUPS];
    int groups;
    boolean plus;
    boolean paren;

    private NumberRun(String text, int start) {
        this.text = text;
        this.start = start;
    }

    /** Parses the run that starts at {@code i} (a digit, '+' or '('); null when there is none. */
    static NumberRun parse(String s, int i) {
        NumberRun r = new NumberRun(s, i);
        int j = i;
        int open = 0;
        if (s.charAt(j) == '+') {
            r.plus = true;
            j++;
            if (Chars.at(s, j) == ' ') {
                return null;
            }
        }
        if (Chars.at(s, j) == '(') {
            r.paren = true;
            open++;
            j++;
        }
        while (r.groups < MAX_GROUPS) {
            int g = j;
            while (j < s.length() && Chars.isDigit(s.charAt(j))) {
                j++;
            }
            if (j == g) {
                return r.groups == 0 ? null : r;
            }
            r.groupStart[r.groups] = g;
            r.groupEnd[r.groups] = j;
            r.groups++;
            // a separator: optional ')', optional one of " -.", optional '(' (at most 3 characters), then a digit
            int k = j;
            char kind = 0;
            if (Chars.at(s, k) == ')' && open > 0) {
                open--;
                kind = 'p';
                k++;
            }
            char c = Chars.at(s, k);
            if (c == ' ' || c == '-' || c == '.' || c == '\u00a0') {
                kind = kind == 'p' ? 'p' : c == '\u00a0' ? ' ' : c;
                k++;
            }
            if (Chars.at(s, k) == '(' && open == 0 && k > j) {
                open++;
                kind = 'p';
                k++;
            }
            if (k == j || k >= s.length() || !Chars.isDigit(s.charAt(k))) {
                return r;
            }
            r.sep[r.groups - 1] = kind;
            j = k;
        }
        return r;
    }

    /** The end of the run (after its last digit). */
    int end() {
        return groupEnd[groups - 1];
    }

    int digits(int from, int to) {
        int n = 0;
        for (int g = from; g < to; g++) {
            n += groupEnd[g] - groupStart[g];
        }
        return n;
    }

    int len(int g) {
        return groupEnd[g] - groupStart[g];
    }

    /** The digits of groups [from, to) as one string. */
    String digitString(int from, int to) {
        StringBuilder b = new StringBuilder(24);
        for (int g = from; g < to; g++) {
            b.append(text, groupStart[g], groupEnd[g]);
        }
        return b.toString();
    }

    /** True when every separator between groups [from, to) is {@code c}. */
    boolean seps(int from, int to, char c) {
        for (int g = from; g < to - 1; g++) {
            if (sep[g] != c) {
                return false;
            }
        }
        return true;
    }
}
