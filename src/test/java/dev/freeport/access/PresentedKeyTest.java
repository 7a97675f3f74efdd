package dev.freeport.access;

import dev.freeport.caller.MasterKeyAuthenticator;
import dev.freeport.caller.Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.CharBuffer;
import java.nio.file.Path;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key as the request presents it (a part of its header's text, not a String of its own) is found by the hash of
 * its text, and checked without making a String or an array per request.
 */
class PresentedKeyTest {
    @TempDir
    Path dir;

    /** {@code secret} inside a longer text, as a view of that part of it (the way a Bearer header hands it over) */
    private static CharSequence inHeader(String secret) {
        String header = "Bearer " + secret + "  ";
        return CharBuffer.wrap(header, 7, 7 + secret.length());
    }

    /** a key without expiry, limits or budget */
    private static VirtualKey usable(String id, String secret) {
        java.time.Instant now = java.time.Instant.now();
        return new VirtualKey(id, "n-" + id, Secrets.prefix(secret), Secrets.hash(secret), null, java.util.List.of(),
                java.util.Set.of(), null, null, null, null, null, null, now, now, 0);
    }

    @Test
    void aKeyPresentedAsAPartOfItsHeaderFindsItsEntry() {
        String secret = Secrets.newSecret();
        try (KeyStore s = KeyStore.sqlite(dir)) {
            s.saveKey(KeyStoreTest.key("key_a", secret));
            KeySnapshot snap = new KeySnapshot(s);
            snap.refresh();
            assertThat(snap.lookupSecret(inHeader(secret)).keyId()).isEqualTo("key_a");
            assertThat(snap.lookupSecret(secret)).isSameAs(snap.lookup(Secrets.hash(secret)));
            assertThat(snap.lookupSecret(inHeader(secret.substring(1)))).isNull();
            assertThat(snap.lookup("not a hash")).isNull();
        }
    }

    @Test
    void aRotatedKeysOldSecretFindsNothing() {
        String first = Secrets.newSecret();
        String second = Secrets.newSecret();
        try (KeyStore s = KeyStore.sqlite(dir)) {
            VirtualKey k = s.saveKey(KeyStoreTest.key("key_a", first));
            KeySnapshot snap = new KeySnapshot(s);
            snap.refresh();
            s.saveKey(k.withSecret(Secrets.prefix(second), Secrets.hash(second)));
            snap.refresh();
            assertThat(snap.lookupSecret(first)).isNull();
            assertThat(snap.lookupSecret(second).keyId()).isEqualTo("key_a");
        }
    }

    @Test
    void authenticatingAPresentedKeyMakesNoStringOrArray() throws Exception {
        String secret = Secrets.newSecret();
        try (KeyStore s = KeyStore.sqlite(dir)) {
            s.saveKey(usable("key_a", secret));
            KeySnapshot snap = new KeySnapshot(s);
            snap.refresh();
            var auth = new VirtualKeyAuthenticator(new MasterKeyAuthenticator("master-key"), snap, Clock.systemUTC());
            CharSequence presented = inHeader(secret);
            assertThat(auth.authenticate(presented).await().keyId()).isEqualTo("key_a");
            var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            int sink = 0;
            for (int i = 0; i < 200_000; i++) {
                sink += auth.authenticate(presented).result().keyId().length(); // warm up
            }
            int n = 100_000;
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < n; i++) {
                Principal p = auth.authenticate(presented).result();
                sink += p.keyId().length();
            }
            long perCall = (threads.getCurrentThreadAllocatedBytes() - before) / n;
            assertThat(sink).isPositive();
            // nothing since the entry keeps its answer (a succeeded future and a clock Instant per call before, and the
            // master key's UTF-8 array and the hash's hex String 176 B more before that)
            assertThat(perCall).as("bytes allocated per authentication").isLessThanOrEqualTo(8);
        }
    }

    @Test
    void aUsableKeyIsAnsweredWithItsEntrysOwnFuture() {
        String secret = Secrets.newSecret();
        try (KeyStore s = KeyStore.sqlite(dir)) {
            s.saveKey(usable("key_a", secret));
            KeySnapshot snap = new KeySnapshot(s);
            snap.refresh();
            var auth = new VirtualKeyAuthenticator(new MasterKeyAuthenticator("master-key"), snap, Clock.systemUTC());
            assertThat(auth.authenticate(inHeader(secret))).isSameAs(auth.authenticate(secret))
                    .isSameAs(auth.principal("key_a"));
        }
    }

    @Test
    void aKeyWithoutExpiryIsCheckedWithoutReadingTheClock() {
        String secret = Secrets.newSecret();
        try (KeyStore s = KeyStore.sqlite(dir)) {
            s.saveKey(usable("key_a", secret));
            KeySnapshot snap = new KeySnapshot(s);
            snap.refresh();
            int[] reads = {0};
            Clock counting = new Clock() {
                @Override
                public java.time.ZoneId getZone() {
                    return java.time.ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

                @Override
                public java.time.Instant instant() {
                    reads[0]++;
                    return java.time.Instant.now();
                }
            };
            var auth = new VirtualKeyAuthenticator(new MasterKeyAuthenticator("master-key"), snap, counting);
            assertThat(auth.authenticate(secret).result().keyId()).isEqualTo("key_a");
            assertThat(reads[0]).isZero();
        }
    }
}
