package dev.freeport.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

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

    /**
     * One digest per thread: {@code MessageDigest.getInstance} looks the provider up and checks the algorithm's
     * constraints on every call, which took more time than hashing a key (a request hashes its key once).
     */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    /** SHA-256 of the whole presented key, lower-case hex. */
    public static String hash(String presented) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        return HexFormat.of().formatHex(digest.digest(presented.getBytes(StandardCharsets.UTF_8)));
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
