package dev.freeport.lab;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One answer to a lab sample, the primary's or a candidate's: where it came from, how it ended, what it cost and
 * how long it took, and the answer itself as an OpenAI chat completion (null when nothing came back).
 *
 * @param status "ok", "failed" (every attempt failed), or "refused" (the rules let no target of the candidate take
 *               the request: nothing was sent)
 */
public record LabAnswer(String provider, String model, String status, String error, long inputTokens,
                        long outputTokens, long costNanos, long latencyMillis, Long ttftMillis, String finishReason,
                        ObjectNode body) {
    public static final String OK = "ok";
    public static final String FAILED = "failed";
    public static final String REFUSED = "refused";

    public boolean ok() {
        return OK.equals(status);
    }

    /** Nothing sent: the request's rules refuse every target of the candidate. */
    public static LabAnswer refused(String why) {
        return new LabAnswer(null, null, REFUSED, why, 0, 0, 0, 0, null, null, null);
    }
}
