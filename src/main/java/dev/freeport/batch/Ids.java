package dev.freeport.batch;

import java.security.SecureRandom;

/** Ids of files and batches in the forms their APIs use: {@code file-…}, {@code batch_…}, {@code msgbatch_…}. */
final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private Ids() {
    }

    static String file() {
        return "file-" + random(24);
    }

    static String batch(String api) {
        return ("anthropic".equals(api) ? "msgbatch_" : "batch_") + random(24);
    }

    private static String random(int n) {
        char[] out = new char[n];
        for (int i = 0; i < n; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }
}
