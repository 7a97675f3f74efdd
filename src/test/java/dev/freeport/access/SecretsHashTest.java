package dev.freeport.access;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** The presented key's hash: the SHA-256 hex the key store keeps, made with few arrays on the request's thread. */
class SecretsHashTest {

    private static String reference(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aKeysHashIsTheLowerCaseHexOfItsUtf8Sha256() throws Exception {
        String longKey = "fp-" + "x".repeat(300);
        for (String key : new String[]{Secrets.newSecret(), "", "bench", "fp-ünïcødé-κλειδί", longKey,
                "x".repeat(255) + "é"}) {
            assertThat(Secrets.hash(key)).as(key).isEqualTo(reference(key));
        }
    }

    @Test
    void aKeyHashedAgainOrAfterAnotherOfItsLengthGetsItsOwnHash() throws Exception {
        String a = Secrets.newSecret();
        String b = a.substring(0, a.length() - 1) + (a.endsWith("x") ? "y" : "x"); // differs in its last character
        for (String key : new String[]{a, a, b, a, b, b, "", a}) {
            assertThat(Secrets.hash(key)).as(key).isEqualTo(reference(key));
        }
    }

    @Test
    void hashingAKeyAllocatesOnlyItsHexString() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        String[] keys = new String[1000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = Secrets.newSecret();
        }
        int sink = 0;
        for (int i = 0; i < 200_000; i++) {
            sink += Secrets.hash(keys[i % keys.length]).length(); // warm up
        }
        int n = 100_000;
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < n; i++) {
            sink += Secrets.hash(keys[i % keys.length]).length();
        }
        long perHash = (threads.getCurrentThreadAllocatedBytes() - before) / n;
        assertThat(sink).isPositive();
        // the String and its 64 Latin-1 bytes (104 B); the key's UTF-8 array, the digest's array and HexFormat's
        // made 224 B
        assertThat(perHash).as("bytes allocated per hash").isLessThan(140);
    }
}
