package dev.freeport.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What an embedding misses and a semantic hit must not: two turns that differ in their numbers ("is 2027 a leap
 * year" / "... 2028 ...") or that are the same words in another order ("convert 5 km to miles" / "convert 5 miles
 * to km") are never served for each other, however similar their embeddings (all-MiniLM-L6-v2 rates both pairs above
 * 0.95). Measured on the labelled set in docs/CACHE.md.
 */
final class TurnGuard {

    private TurnGuard() {
    }

    /** Whether a kept turn {@code kept} may answer {@code asked}, as far as numbers and word order go. */
    static boolean compatible(String kept, String asked) {
        List<String> a = words(kept);
        List<String> b = words(asked);
        if (!numbers(a).equals(numbers(b))) {
            return false;
        }
        return a.equals(b) || !sorted(a).equals(sorted(b));
    }

    static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        String lower = s.toLowerCase(Locale.ROOT);
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '.' && !w.isEmpty() && i + 1 < lower.length()
                    && Character.isDigit(lower.charAt(i + 1))) {
                w.append(c);
            } else if (!w.isEmpty()) {
                out.add(w.toString());
                w.setLength(0);
            }
        }
        if (!w.isEmpty()) {
            out.add(w.toString());
        }
        return out;
    }

    private static List<String> numbers(List<String> words) {
        return sorted(words.stream().filter(w -> w.chars().anyMatch(Character::isDigit)).toList());
    }

    private static List<String> sorted(List<String> words) {
        List<String> s = new ArrayList<>(words);
        s.sort(null);
        return s;
    }
}
