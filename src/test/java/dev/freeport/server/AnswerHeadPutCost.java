package dev.freeport.server;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;

import java.lang.management.ManagementFactory;

/**
 * The flow's headers of a JSON answer put into an {@link AnswerHead} as the flow puts them (the gateway's four, the
 * six rate-limit headers set, the cost and the content type), then emptied as the encoder empties it once written;
 * CPU time per answer from the thread's {@code ThreadMXBean}, over many answers on one thread.
 * {@code java -cp ... dev.freeport.server.AnswerHeadPutCost [answers per round, 2000000] [rounds, 5]}
 */
public final class AnswerHeadPutCost {
    private AnswerHeadPutCost() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        AnswerHead head = new AnswerHead();
        long sink = run(head, n); // warm-up
        for (int r = 0; r < rounds; r++) {
            long cpu = mx.getCurrentThreadCpuTime();
            sink += run(head, n);
            System.out.printf("round %d: %.1f ns CPU/answer%n", r, (mx.getCurrentThreadCpuTime() - cpu) / (double) n);
        }
        System.out.println("headers " + sink);
    }

    private static final CharSequence REQUEST_ID = HttpHeaders.createOptimized("x-freeport-request-id");
    private static final CharSequence PROVIDER = HttpHeaders.createOptimized("x-freeport-provider");
    private static final CharSequence MODEL = HttpHeaders.createOptimized("x-freeport-model");
    private static final CharSequence ATTEMPTS = HttpHeaders.createOptimized("x-freeport-attempts");
    private static final CharSequence COST = HttpHeaders.createOptimized("x-freeport-cost-usd");
    private static final CharSequence LIMIT_REQUESTS = HttpHeaders.createOptimized("x-ratelimit-limit-requests");
    private static final CharSequence REMAINING_REQUESTS =
            HttpHeaders.createOptimized("x-ratelimit-remaining-requests");
    private static final CharSequence RESET_REQUESTS = HttpHeaders.createOptimized("x-ratelimit-reset-requests");
    private static final CharSequence LIMIT_TOKENS = HttpHeaders.createOptimized("x-ratelimit-limit-tokens");
    private static final CharSequence REMAINING_TOKENS = HttpHeaders.createOptimized("x-ratelimit-remaining-tokens");
    private static final CharSequence RESET_TOKENS = HttpHeaders.createOptimized("x-ratelimit-reset-tokens");
    private static final CharSequence ONE = HttpHeaders.createOptimized("1");
    private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
    private static final CharSequence RPM = HttpHeaders.createOptimized("100000000");
    private static final CharSequence TPM = HttpHeaders.createOptimized("100000000000");
    private static final String PROVIDER_NAME = "fast";
    private static final String MODEL_NAME = "bench-upstream";

    /** Headers put for {@code n} answers. */
    static long run(AnswerHead head, int n) {
        long count = 0;
        for (int i = 0; i < n; i++) {
            MultiMap h = head.add(REQUEST_ID, "req_19aee1c2d3f" + (char) ('a' + (i & 7)) + "1b2c3d4e5f6")
                    .add(PROVIDER, PROVIDER_NAME).add(MODEL, MODEL_NAME).add(ATTEMPTS, ONE);
            h.set(LIMIT_REQUESTS, RPM).set(REMAINING_REQUESTS, new Count(99_999_999 - (i & 1023)))
                    .set(RESET_REQUESTS, "1m0s").set(LIMIT_TOKENS, TPM)
                    .set(REMAINING_TOKENS, new Count(99_999_999_936L - (i & 1023))).set(RESET_TOKENS, "1m0s");
            h.add(COST, "0.000012").add(HttpHeaders.CONTENT_TYPE, JSON);
            count += head.count();
            head.clear();
        }
        return count;
    }

    /** A count as the rate-limit headers write it (their {@code Digits}): its digits packed four bits each, no String. */
    private static final class Count implements dev.freeport.api.PlainHeaderValue {
        private final int length;
        private final long bits;

        Count(long value) {
            int l = 0;
            long b = 0;
            for (long v = value; v > 0 || l == 0; v /= 10) {
                b |= (v % 10) << (4 * l++);
            }
            length = l;
            bits = b;
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public char charAt(int index) {
            if (index < 0 || index >= length) {
                throw new IndexOutOfBoundsException(index);
            }
            return (char) ('0' + (bits >>> (4 * (length - 1 - index)) & 0xf));
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
}
