package dev.freeport.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Key secrets: "fp-" + base62 of 32 bytes from {@link SecureRandom}; stored only as SHA-256 (hex). The visible
 * prefix is "fp-" + the secret's first 8 random characters. A secret never leaves the create/rotate answer.
 */
public final class Secrets {
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String SCHEME = "fp-";

    private Secrets() {
    }

    /** A new secret: "fp-" followed by 43 base62 characters (256 bits of entropy). */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return SCHEME + base62(bytes, 43);
    }

    /** A random id (not secret) like "key_" + 12 base62 characters. */
    public static String newId(String kind) {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return kind + "_" + base62(bytes, 12);
    }

    public static String prefix(String secret) {
        return secret.substring(0, SCHEME.length() + 8);
    }

    /** SHA-256 of the whole presented key, lower-case hex (a request hashes its key once, on its event loop). */
    public static String hash(String presented) {
        return KeyHasher.PER_THREAD.get().hash(presented);
    }

    /**
     * SHA-256 of the UTF-8 bytes of {@code presented} into {@code sum} (32 bytes): the hash of a key as the request
     * presented it (a part of its header), with no String or array made.
     */
    static void digest(CharSequence presented, byte[] sum) {
        KeyHasher.PER_THREAD.get().digest(presented, sum);
    }

    /**
     * One digest per thread and the arrays a hash passes through: {@code MessageDigest.getInstance} looks the
     * provider up and checks the algorithm's constraints on every call, which took more time than hashing a key,
     * and {@code getBytes}, {@code digest()} and {@code HexFormat} made three arrays per hash besides the hex
     * String's own (224 -> 104 bytes per hash of a 51-character key).
     */
    private static final class KeyHasher {
        static final ThreadLocal<KeyHasher> PER_THREAD = ThreadLocal.withInitial(KeyHasher::new);
        private static final char[] DIGITS = "0123456789abcdef".toCharArray();
        /** longer keys (none of ours: 46 characters) are encoded by {@code getBytes} */
        private static final int KEPT_CHARS = 256;

        private final MessageDigest digest;
        private final byte[] text = new byte[KEPT_CHARS];
        private final byte[] sum = new byte[32];
        private final char[] hex = new char[64];
        /** the thread's last ASCII key and its digest: a caller sends the same key request after request */
        private final byte[] lastText = new byte[KEPT_CHARS];
        private int lastLength = -1;
        private final byte[] lastSum = new byte[32];

        private KeyHasher() {
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        String hash(String presented) {
            digest(presented, sum);
            for (int b = 0; b < sum.length; b++) {
                hex[2 * b] = DIGITS[(sum[b] >> 4) & 0xf];
                hex[2 * b + 1] = DIGITS[sum[b] & 0xf];
            }
            return new String(hex); // Latin-1 inside: one 64-byte array and the String
        }

        void digest(CharSequence presented, byte[] into) {
            digest.reset();
            int n = presented.length();
            int i = 0;
            if (n <= KEPT_CHARS) {
                for (; i < n; i++) {
                    char c = presented.charAt(i);
                    if (c >= 0x80) {
                        break;
                    }
                    text[i] = (byte) c;
                }
            }
            if (i < n) {
                digest.update(presented.toString().getBytes(StandardCharsets.UTF_8));
                finish(into);
                return;
            }
            // all ASCII: its UTF-8 bytes are its chars
            if (n == lastLength && sameAsLast(n)) {
                System.arraycopy(lastSum, 0, into, 0, 32);
                return;
            }
            digest.update(text, 0, n);
            finish(into);
            System.arraycopy(text, 0, lastText, 0, n);
            System.arraycopy(into, 0, lastSum, 0, 32);
            lastLength = n;
        }

        /**
         * Whether the key's {@code n} bytes are the thread's last key's, compared in a time that depends on the
         * length only (never on where they differ: the last key may be another caller's secret).
         */
        private boolean sameAsLast(int n) {
            int diff = 0;
            for (int i = 0; i < n; i++) {
                diff |= text[i] ^ lastText[i];
            }
            return diff == 0;
        }

        private void finish(byte[] into) {
            try {
                digest.digest(into, 0, 32);
            } catch (java.security.DigestException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static String base62(byte[] bytes, int length) {
        java.math.BigInteger n = new java.math.BigInteger(1, bytes);
        java.math.BigInteger base = java.math.BigInteger.valueOf(62);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            java.math.BigInteger[] qr = n.divideAndRemainder(base);
            sb.append(BASE62.charAt(qr[1].intValue()));
            n = qr[0];
        }
        return sb.toString();
    }
}
