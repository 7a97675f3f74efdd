package dev.freeport.access;

import dev.freeport.caller.Authenticator;
import dev.freeport.caller.MasterKeyAuthenticator;
import dev.freeport.caller.Principal;
import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.Instant;

/**
 * Master key first (constant time), else the SHA-256 of the presented key looked up in the {@link KeySnapshot}:
 * no I/O per request. Revoked and expired keys (expiry checked against the clock at each request) get 401 with a
 * message saying which, naming the key's id, never echoing what was presented. With no master key and
 * {@code server.require_keys: false} the gateway is open: a caller without a key (or with a key it does not know)
 * is anonymous, whether virtual keys exist or not; a virtual key presented still counts as that key.
 */
public final class VirtualKeyAuthenticator implements Authenticator {
    private final MasterKeyAuthenticator master;
    private final KeySnapshot snapshot;
    private final Clock clock;

    public VirtualKeyAuthenticator(MasterKeyAuthenticator master, KeySnapshot snapshot, Clock clock) {
        this.master = master;
        this.snapshot = snapshot;
        this.clock = clock;
    }

    @Override
    public Future<Principal> authenticate(String presented) {
        return authenticate((CharSequence) presented);
    }

    @Override
    public Future<Principal> authenticate(CharSequence presented) {
        if (master.isMaster(presented)) {
            return Future.succeededFuture(Principal.MASTER);
        }
        boolean open = master.open();
        if (presented == null || presented.isEmpty()) {
            return open ? Future.succeededFuture(Principal.ANONYMOUS)
                    : Future.failedFuture(MasterKeyAuthenticator.missingKey().toException());
        }
        KeySnapshot.Entry e = snapshot.lookupSecret(presented);
        if (e == null && open) {
            return Future.succeededFuture(Principal.ANONYMOUS); // an open gateway: SDKs send some key anyway
        }
        if (e == null) {
            return fail("Unknown API key: no key with this secret exists (it may have been rotated).",
                    "invalid_api_key");
        }
        return usable(e);
    }

    @Override
    public Future<Principal> principal(String keyId) {
        KeySnapshot.Entry e = keyId == null ? null : snapshot.byId(keyId);
        return e == null ? master.principal(keyId) : usable(e);
    }

    /** The key as a member of {@code team} ({@link KeySnapshot#inTeam}); as {@link #principal(String)} otherwise. */
    @Override
    public Future<Principal> principal(String keyId, String team) {
        Principal p = snapshot.inTeam(keyId, team);
        return p != null ? Future.succeededFuture(p) : principal(keyId);
    }

    /** Keys neither revoked nor expired whose key or team has a budget. */
    @Override
    public java.util.List<Principal> budgeted() {
        Instant now = clock.instant();
        return snapshot.entries().stream()
                .filter(e -> e.revokedAt() == null && (e.expiresAt() == null || now.isBefore(e.expiresAt())))
                .map(KeySnapshot.Entry::principal)
                .filter(p -> p.keyBudget() != null || p.team() != null && p.teamBudget() != null)
                .toList();
    }

    /** The entry's principal, unless the key is revoked or expired. */
    private Future<Principal> usable(KeySnapshot.Entry e) {
        if (e.revokedAt() != null) {
            return fail("This API key (" + e.keyId() + ") was revoked at " + e.revokedAt() + ".", "key_revoked");
        }
        // the clock is read only for a key that expires
        if (e.expiresAt() != null && !clock.instant().isBefore(e.expiresAt())) {
            return fail("This API key (" + e.keyId() + ") expired at " + e.expiresAt() + ".", "key_expired");
        }
        return e.admitted(); // made with the snapshot's entry: no future per request
    }

    private static Future<Principal> fail(String message, String code) {
        return Future.failedFuture(new GatewayError(ErrorKind.AUTHENTICATION, 401, message, null, code, null)
                .toException());
    }
}
