package dev.freeport.access;

import dev.freeport.caller.Limits;
import dev.freeport.caller.Principal;
import io.vertx.core.Future;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory view of every key and team that authentication reads: SHA-256 of the secret → {@link Entry}, a
 * ConcurrentHashMap lookup per request and never a database query. The map is keyed by the 32 bytes of the hash: a
 * request's key is hashed into a per-thread array and looked up with no String made ({@link #lookupSecret}). {@link #refresh} pulls only what changed since
 * the last version seen (one small query when nothing did); a refresher calls it every 500 ms, and admin writes
 * call it right after writing so the local replica sees them at once.
 */
public final class KeySnapshot {

    /**
     * What a key hash resolves to: the principal, and what makes it unusable (checked per request); {@code
     * admitted} is the principal as the authenticator answers it while the key is usable, made once per snapshot
     * entry (a completed future holds no state of its own: every request and every event loop shares it).
     */
    public record Entry(String keyId, Principal principal, Instant expiresAt, Instant revokedAt,
                        Future<Principal> admitted) {
        public Entry(String keyId, Principal principal, Instant expiresAt, Instant revokedAt) {
            this(keyId, principal, expiresAt, revokedAt, Future.succeededFuture(principal));
        }
    }

    private final KeyStore store;
    private final ConcurrentHashMap<Sha256, Entry> byHash = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Entry> byId = new ConcurrentHashMap<>();
    /** Written by {@link #refresh} only; concurrent maps for {@link #inTeam}'s readers. */
    private final Map<String, VirtualKey> keys = new ConcurrentHashMap<>();
    private final Map<String, Team> teams = new ConcurrentHashMap<>();
    private volatile long version = -1;
    private volatile boolean anyKey;

    public KeySnapshot(KeyStore store) {
        this.store = store;
    }

    /** The entry of a secret's hash (lower-case hex, as the store keeps it), or null. */
    public Entry lookup(String secretHash) {
        return byHash.get(Sha256.ofHex(secretHash));
    }

    /**
     * The entry of the key whose secret is {@code presented} (as sent: a part of a header is enough), or null. The
     * secret is hashed into the thread's probe: no String and no array per request.
     */
    public Entry lookupSecret(CharSequence presented) {
        Sha256 probe = Sha256.PROBE.get();
        Secrets.digest(presented, probe.bytes);
        probe.rehash();
        return byHash.get(probe);
    }

    /**
     * The 32 bytes of a SHA-256 as a map key. The map's keys are made once per key and never change; each thread
     * looks up with a probe of its own that it overwrites (never stored).
     */
    private static final class Sha256 {
        static final ThreadLocal<Sha256> PROBE = ThreadLocal.withInitial(() -> new Sha256(new byte[32]));
        final byte[] bytes;
        private int hash;

        private Sha256(byte[] bytes) {
            this.bytes = bytes;
            rehash();
        }

        static Sha256 ofHex(String hex) {
            try {
                return new Sha256(java.util.HexFormat.of().parseHex(hex));
            } catch (IllegalArgumentException notHex) { // no key is stored so: it matches none of the 32-byte ones
                return new Sha256(hex.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }

        void rehash() {
            hash = java.util.Arrays.hashCode(bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Sha256 other && java.util.Arrays.equals(bytes, other.bytes);
        }
    }

    /** A key's entry by its id (requests sent later on a key's behalf, e.g. a batch's), or null. */
    public Entry byId(String keyId) {
        return byId.get(keyId);
    }

    /**
     * The key's principal as a member of {@code teamName} (that team's limits, budget and rules now; none for a null
     * team), or null when the key or the team is not known.
     */
    public Principal inTeam(String keyId, String teamName) {
        VirtualKey k = keyId == null ? null : keys.get(keyId);
        Team team = teamName == null ? null : teams.get(teamName);
        return k == null || teamName != null && team == null ? null : principal(k, teamName, team);
    }

    /** Every key's entry as of the last refresh (revoked and expired ones included). */
    public java.util.Collection<Entry> entries() {
        return byId.values();
    }

    /** Whether any virtual key exists (revoked ones included): then every /v1 call needs a key. */
    public boolean anyKey() {
        return anyKey;
    }

    public long version() {
        return version;
    }

    /** Applies the store's changes since the last refresh. Blocking (JDBC): call from a worker thread. */
    public synchronized boolean refresh() {
        KeyStore.Changes changes = store.changesSince(Math.max(version, 0));
        if (changes.keys().isEmpty() && changes.teams().isEmpty()) {
            version = changes.version();
            return false;
        }
        for (Team t : changes.teams()) {
            if (t.deletedAt() != null) {
                teams.remove(t.name());
            } else {
                teams.put(t.name(), t);
            }
        }
        for (VirtualKey k : changes.keys()) {
            VirtualKey old = keys.put(k.id(), k);
            if (old != null && !old.secretHash().equals(k.secretHash())) {
                byHash.remove(Sha256.ofHex(old.secretHash())); // rotated: the old secret stops working
            }
        }
        boolean teamsChanged = !changes.teams().isEmpty();
        Iterable<VirtualKey> affected = teamsChanged ? keys.values() : changes.keys();
        for (VirtualKey k : affected) {
            Entry e = entry(k);
            byHash.put(Sha256.ofHex(k.secretHash()), e);
            byId.put(k.id(), e);
        }
        anyKey = !keys.isEmpty();
        version = changes.version();
        return true;
    }

    private Entry entry(VirtualKey k) {
        Team team = k.team() == null ? null : teams.get(k.team());
        return new Entry(k.id(), principal(k, k.team(), team), k.expiresAt(), k.revokedAt());
    }

    private static Principal principal(VirtualKey k, String teamName, Team team) {
        String dataClass = k.dataClass() != null ? k.dataClass() : team == null ? null : team.dataClass();
        return new Principal(k.id(), k.prefix(), teamName, k.tags(), k.models(), k.limits(), k.budget(),
                team == null ? Limits.NONE : team.limits(), team == null ? null : team.budget(), k.rules(),
                team == null ? null : team.rules(), dataClass);
    }
}
