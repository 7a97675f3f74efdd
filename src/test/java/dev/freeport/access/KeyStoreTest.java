package dev.freeport.access;

import dev.freeport.caller.Budget;
import dev.freeport.caller.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded SQLite store: round trips and the change feed the snapshot refreshes from. */
class KeyStoreTest {
    @TempDir
    Path dir;

    static VirtualKey key(String id, String secret) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        return new VirtualKey(id, "n-" + id, Secrets.prefix(secret), Secrets.hash(secret), null, List.of("t1", "t2"),
                java.util.Set.of("cheap"), new Limits(10, 1000L, 2),
                new Budget(5_000_000_000L, Budget.Period.WEEK, true, List.of(50, 100)), now.plusSeconds(3600), null,
                now, now, 0);
    }

    @Test
    void keyRoundTripsEveryField() {
        try (KeyStore s = KeyStore.sqlite(dir)) {
            VirtualKey saved = s.saveKey(key("key_a", Secrets.newSecret()));
            assertThat(s.key("key_a")).contains(saved);
            assertThat(saved.version()).isEqualTo(1);
        }
    }

    @Test
    void changesSinceReturnsOnlyLaterWrites() {
        try (KeyStore s = KeyStore.sqlite(dir)) {
            s.saveKey(key("key_a", Secrets.newSecret()));
            long v = s.changesSince(0).version();
            s.saveKey(key("key_b", Secrets.newSecret()));
            KeyStore.Changes c = s.changesSince(v);
            assertThat(c.keys()).extracting(VirtualKey::id).containsExactly("key_b");
            assertThat(s.changesSince(c.version()).keys()).isEmpty();
        }
    }

    @Test
    void reopeningKeepsKeysAndDoesNotMigrateTwice() {
        String secret = Secrets.newSecret();
        try (KeyStore s = KeyStore.sqlite(dir)) {
            s.saveKey(key("key_a", secret));
        }
        try (KeyStore s = KeyStore.sqlite(dir)) {
            KeySnapshot snap = new KeySnapshot(s);
            snap.refresh();
            assertThat(snap.lookup(Secrets.hash(secret)).keyId()).isEqualTo("key_a");
        }
    }
}
