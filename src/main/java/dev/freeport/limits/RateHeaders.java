package dev.freeport.limits;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The x-ratelimit-* headers as OpenAI sends them: limit, remaining and reset for requests and tokens, the reset
 * as a duration ("20ms", "1.5s", "6m0s"). With both a key and a team limit, each dimension reports the line with
 * the least remaining.
 */
final class RateHeaders {
    private RateHeaders() {
    }

    static Map<String, String> admitted(List<RateLine> lines, List<Counters.RateState> states) {
        Map<String, String> h = new LinkedHashMap<>();
        int rq = -1;
        int tk = -1;
        for (int i = 0; i < lines.size() && i < states.size(); i++) {
            RateLine l = lines.get(i);
            if (l.rpm() >= 0 && (rq < 0 || remainingRequests(l, states.get(i))
                    < remainingRequests(lines.get(rq), states.get(rq)))) {
                rq = i;
            }
            if (l.tpm() >= 0 && (tk < 0 || remainingTokens(l, states.get(i))
                    < remainingTokens(lines.get(tk), states.get(tk)))) {
                tk = i;
            }
        }
        if (rq >= 0) {
            put(h, "requests", lines.get(rq).rpm(), remainingRequests(lines.get(rq), states.get(rq)),
                    states.get(rq).requestsResetMillis());
        }
        if (tk >= 0) {
            put(h, "tokens", lines.get(tk).tpm(), remainingTokens(lines.get(tk), states.get(tk)),
                    states.get(tk).tokensResetMillis());
        }
        return h;
    }

    /** The rejecting line's limits, with nothing remaining in the dimension that refused. */
    static Map<String, String> rejected(RateLine line, Counters.Dimension dim, long retryMillis) {
        Map<String, String> h = new LinkedHashMap<>();
        if (line.rpm() >= 0) {
            h.put("x-ratelimit-limit-requests", Long.toString(line.rpm()));
        }
        if (line.tpm() >= 0) {
            h.put("x-ratelimit-limit-tokens", Long.toString(line.tpm()));
        }
        String name = switch (dim) {
            case REQUESTS -> "requests";
            case TOKENS -> "tokens";
            case PARALLEL -> null;
        };
        if (name != null) {
            h.put("x-ratelimit-remaining-" + name, "0");
            if (retryMillis >= 0) {
                h.put("x-ratelimit-reset-" + name, duration(retryMillis));
            }
        }
        return h;
    }

    private static long remainingRequests(RateLine l, Counters.RateState s) {
        return Math.max(0, l.rpm() - s.requestsUsed());
    }

    private static long remainingTokens(RateLine l, Counters.RateState s) {
        return Math.max(0, l.tpm() - s.tokensUsed());
    }

    private static void put(Map<String, String> h, String dim, long limit, long remaining, long resetMillis) {
        h.put("x-ratelimit-limit-" + dim, Long.toString(limit));
        h.put("x-ratelimit-remaining-" + dim, Long.toString(remaining));
        h.put("x-ratelimit-reset-" + dim, duration(resetMillis));
    }

    /** OpenAI's duration style: "0s", "250ms", "1.5s", "6m0s". */
    static String duration(long millis) {
        if (millis <= 0) {
            return "0s";
        }
        if (millis < 1000) {
            return millis + "ms";
        }
        long minutes = millis / 60_000;
        String secs = BigDecimal.valueOf(millis % 60_000, 3).stripTrailingZeros().toPlainString();
        return minutes > 0 ? minutes + "m" + secs + "s" : secs + "s";
    }
}
