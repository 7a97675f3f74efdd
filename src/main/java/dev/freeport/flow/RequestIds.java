package dev.freeport.flow;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/** A request's id, made per request by the flow. */
final class RequestIds {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** where an id's bytes are written before its String copies them (the longest id is 32 bytes) */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[32]);

    private RequestIds() {
    }

    /**
     * "req_", the time in milliseconds and 48 random bits, in hex (unique across restarts and replicas), written
     * into the thread's scratch array: the String's own bytes are the only array made.
     */
    static String next() {
        return next(System.currentTimeMillis());
    }

    /** As {@link #next()}, with the time in milliseconds the caller has read already (one clock read less). */
    static String next(long millis) {
        long random = ThreadLocalRandom.current().nextLong();
        int timeDigits = Math.max(1, (67 - Long.numberOfLeadingZeros(millis)) / 4);
        int length = 4 + timeDigits + 12;
        byte[] id = SCRATCH.get();
        id[0] = 'r';
        id[1] = 'e';
        id[2] = 'q';
        id[3] = '_';
        for (int i = 4 + timeDigits - 1; i >= 4; i--, millis >>>= 4) {
            id[i] = HEX[(int) (millis & 0xf)];
        }
        for (int i = length - 1; i >= 4 + timeDigits; i--, random >>>= 4) {
            id[i] = HEX[(int) (random & 0xf)];
        }
        return new String(id, 0, length, StandardCharsets.ISO_8859_1);
    }
}
