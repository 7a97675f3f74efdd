package dev.freeport.lab;

import java.util.Locale;

/**
 * A judge's verdict on a candidate's answer against the incumbent's to the same request: the candidate is better,
 * the same, or worse, with the judge's reason and what the judging cost (both orders).
 */
public record Verdict(String sampleId, String candidate, String alias, String judge, long timeMillis, Kind verdict,
                      String reason, long costNanos) {

    /** The candidate compared with the incumbent. */
    public enum Kind {
        BETTER, SAME, WORSE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Kind parse(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }
    }
}
