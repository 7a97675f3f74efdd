package dev.freeport.limits;

import dev.freeport.api.PlainHeaderValue;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The x-ratelimit-* headers as OpenAI sends them: limit, remaining and reset for requests and tokens, the reset
 * as a duration ("20ms", "1.5s", "6m0s"). With both a key and a team limit, each dimension reports the line with
 * the least remaining. An admitted request keeps only the numbers ({@link Admitted}); the header names are made
 * once, the remaining counts are {@link Digits} (no String), and a reset's text is reused while it reads the same
 * (under load it is "1m0s" request after request).
 */
final class RateHeaders {
    static final CharSequence LIMIT_REQUESTS = HttpHeaders.createOptimized("x-ratelimit-limit-requests");
    static final CharSequence REMAINING_REQUESTS = HttpHeaders.createOptimized("x-ratelimit-remaining-requests");
    static final CharSequence RESET_REQUESTS = HttpHeaders.createOptimized("x-ratelimit-reset-requests");
    static final CharSequence LIMIT_TOKENS = HttpHeaders.createOptimized("x-ratelimit-limit-tokens");
    static final CharSequence REMAINING_TOKENS = HttpHeaders.createOptimized("x-ratelimit-remaining-tokens");
    static final CharSequence RESET_TOKENS = HttpHeaders.createOptimized("x-ratelimit-reset-tokens");

    /** the last reset text made, reused while the milliseconds are the same (immutable: safe to share) */
    private record Text(long millis, String text) {
    }

    private static volatile Text lastDuration = new Text(0, "0s");
    /** the same per dimension of an admitted request: the two resets differ, and one slot for both missed each time */
    private static volatile Text lastRequestsReset = new Text(0, "0s");
    private static volatile Text lastTokensReset = new Text(0, "0s");

    private RateHeaders() {
    }

    /**
     * What an admitted request's headers say: per dimension the line with the least remaining ({@code null}: no
     * line limits that dimension), what remains on it and when its window would be empty. The rate-limit ticket
     * extends it (one object per admitted request for both).
     */
    static class Admitted {
        private final RateLine requests;
        private final long requestsRemaining;
        private final long requestsResetMillis;
        private final RateLine tokens;
        private final long tokensRemaining;
        private final long tokensResetMillis;

        /** From the lines and their states after the admission. */
        Admitted(List<RateLine> lines, List<Counters.RateState> states) {
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
            requests = rq < 0 ? null : lines.get(rq);
            requestsRemaining = rq < 0 ? 0 : remainingRequests(lines.get(rq), states.get(rq));
            requestsResetMillis = rq < 0 ? 0 : states.get(rq).requestsResetMillis();
            tokens = tk < 0 ? null : lines.get(tk);
            tokensRemaining = tk < 0 ? 0 : remainingTokens(lines.get(tk), states.get(tk));
            tokensResetMillis = tk < 0 ? 0 : states.get(tk).tokensResetMillis();
        }

        /** Sets the headers on an answer's headers. */
        void write(MultiMap to) {
            if (requests != null) {
                to.set(LIMIT_REQUESTS, requests.rpmText());
                to.set(REMAINING_REQUESTS, new Digits(requestsRemaining));
                Text reset = lastRequestsReset;
                if (reset.millis != requestsResetMillis) {
                    lastRequestsReset = reset = new Text(requestsResetMillis, format(requestsResetMillis));
                }
                to.set(RESET_REQUESTS, reset.text);
            }
            if (tokens != null) {
                to.set(LIMIT_TOKENS, tokens.tpmText());
                to.set(REMAINING_TOKENS, new Digits(tokensRemaining));
                Text reset = lastTokensReset;
                if (reset.millis != tokensResetMillis) {
                    lastTokensReset = reset = new Text(tokensResetMillis, format(tokensResetMillis));
                }
                to.set(RESET_TOKENS, reset.text);
            }
        }

        /** The same headers as a map (name → value, in order). */
        Map<String, String> asMap() {
            MultiMap m = MultiMap.caseInsensitiveMultiMap();
            write(m);
            Map<String, String> h = new LinkedHashMap<>();
            m.forEach(h::put);
            return h;
        }
    }

    /**
     * A count as a header value, written digit by digit where the head is encoded: one small object, where
     * {@code Long.toString} made a String and its byte array per value. Its digits are worked out once, as four-bit
     * digits in a long (counts below 10^16; a larger one divides per read), so a read is a shift: Vert.x reads every
     * character to check the value, then again to encode it, and counting and dividing on each read made that
     * quadratic in the digits. Digits only, by construction: a {@link PlainHeaderValue}, which an answer's head
     * takes without reading it through.
     */
    static final class Digits implements PlainHeaderValue {
        /** the counts whose digits fit in a long, four bits each */
        private static final int PACKED_DIGITS = 16;
        private static final long[] POWERS = new long[19];

        static {
            long p = 1;
            for (int i = 0; i < POWERS.length; i++) {
                POWERS[i] = p;
                p *= 10;
            }
        }

        private final int length;
        /** the digits, the last one in the lowest four bits; a count of more than 16 digits itself */
        private final long bits;

        Digits(long value) {
            if (value < 0) {
                throw new IllegalArgumentException("a count is never negative: " + value);
            }
            this.length = digits(value);
            this.bits = length <= PACKED_DIGITS ? pack(value) : value;
        }

        @Override
        public int length() {
            return length;
        }

        private static int digits(long value) {
            int n = 1;
            while (n < POWERS.length && value >= POWERS[n]) {
                n++;
            }
            return n;
        }

        private static long pack(long value) {
            long packed = 0;
            int shift = 0;
            for (long v = value; v > 0; v /= 10) {
                packed |= (v % 10) << shift;
                shift += 4;
            }
            return packed;
        }

        @Override
        public char charAt(int index) {
            if (index < 0 || index >= length) {
                throw new IndexOutOfBoundsException(index);
            }
            int fromEnd = length - 1 - index;
            long digit = length <= PACKED_DIGITS ? bits >>> (4 * fromEnd) & 0xf : bits / POWERS[fromEnd] % 10;
            return (char) ('0' + digit);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return toString().subSequence(start, end);
        }

        @Override
        public String toString() {
            return new StringBuilder(this).toString();
        }
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

    /** OpenAI's duration style: "0s", "250ms", "1.5s", "6m0s". */
    static String duration(long millis) {
        Text last = lastDuration;
        if (last.millis == millis) {
            return last.text;
        }
        String text = format(millis);
        lastDuration = new Text(millis, text);
        return text;
    }

    private static String format(long millis) {
        if (millis <= 0) {
            return "0s";
        }
        if (millis < 1000) {
            return millis + "ms";
        }
        long minutes = millis / 60_000;
        long ms = millis % 60_000;
        StringBuilder s = new StringBuilder(12);
        if (minutes > 0) {
            s.append(minutes).append('m');
        }
        s.append(ms / 1000);
        long fraction = ms % 1000; // seconds with up to three decimals, trailing zeros dropped: 1.5s, 1.25s, 1.125s
        if (fraction > 0) {
            s.append('.');
            if (fraction < 100) {
                s.append('0');
            }
            if (fraction < 10) {
                s.append('0');
            }
            while (fraction % 10 == 0) {
                fraction /= 10;
            }
            s.append(fraction);
        }
        return s.append('s').toString();
    }
}
