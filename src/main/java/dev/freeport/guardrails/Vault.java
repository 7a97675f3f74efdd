package dev.freeport.guardrails;

import dev.freeport.guardrails.detect.Kind;

import java.util.HashMap;
import java.util.Map;

/**
 * The originals behind one request's pseudonyms ({@code <<EMAIL_1>>} → the address), for restoring the answer.
 * It holds the values, so it lives only as long as the request and is never logged: {@link #toString()} shows
 * the count only. Immutable once built; {@link #EMPTY} when nothing was pseudonymised.
 */
public final class Vault {
    public static final Vault EMPTY = new Vault(Map.of(), 0);

    private final Map<String, String> originals;
    private final int longest;

    private Vault(Map<String, String> originals, int longest) {
        this.originals = originals;
        this.longest = longest;
    }

    public boolean isEmpty() {
        return originals.isEmpty();
    }

    public int size() {
        return originals.size();
    }

    /** The original behind a placeholder, or null. */
    String original(String placeholder) {
        return originals.get(placeholder);
    }

    /** The longest placeholder's length: a stream restorer never needs to hold back more. */
    int longestPlaceholder() {
        return longest;
    }

    /** True when {@code s[from, end)} is the start of some placeholder of this vault. */
    boolean couldStart(CharSequence s, int from, int end) {
        for (String p : originals.keySet()) {
            int n = end - from;
            if (n <= p.length()) {
                boolean ok = true;
                for (int k = 0; k < n && ok; k++) {
                    ok = p.charAt(k) == s.charAt(from + k);
                }
                if (ok) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Plain text with every placeholder replaced by its original. */
    public String restore(String text) {
        return Placeholders.restore(text, this, false);
    }

    /** JSON text (tool-call arguments) with every placeholder replaced by its original, escaped as string content. */
    public String restoreJson(String json) {
        return Placeholders.restore(json, this, true);
    }

    /** A restorer for one stream of deltas: content ({@code json=false}) or one tool call's arguments ({@code json=true}). */
    public StreamRestorer streamRestorer(boolean json) {
        return new StreamRestorer(this, json);
    }

    @Override
    public String toString() {
        return "Vault[" + originals.size() + " pseudonyms]";
    }

    /** Builds the vault while a request is rewritten: one placeholder per distinct value, numbered per kind. */
    static final class Builder {
        private final Map<String, String> byValue = new HashMap<>();
        private final Map<String, String> originals = new HashMap<>();
        private final int[] counters = new int[Kind.values().length];
        private int longest;

        String pseudonym(Kind kind, String value) {
            String p = byValue.get(value);
            if (p == null) {
                p = Placeholders.placeholder(kind, ++counters[kind.ordinal()]);
                byValue.put(value, p);
                originals.put(p, value);
                longest = Math.max(longest, p.length());
            }
            return p;
        }

        Vault build() {
            return originals.isEmpty() ? EMPTY : new Vault(Map.copyOf(originals), longest);
        }
    }
}
