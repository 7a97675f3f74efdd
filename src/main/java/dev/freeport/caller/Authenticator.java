package dev.freeport.caller;

import io.vertx.core.Future;

/**
 * Turns a presented key into a {@link Principal}. Fails with a {@link dev.freeport.error.GatewayException} of
 * kind AUTHENTICATION (unknown, revoked, expired key). Never blocks the event loop; never logs the secret.
 */
public interface Authenticator {

    /** {@code presented} is the raw key from Authorization: Bearer or x-api-key, or null when none was sent. */
    Future<Principal> authenticate(String presented);

    /**
     * The same for the key as the request presents it: a view of its header's text (read it during the call, keep
     * no reference), so that no String is made for it per request. By default the String is made; the gateway's own
     * authenticators read the text as it is.
     */
    default Future<Principal> authenticate(CharSequence presented) {
        return authenticate(presented == null ? null : presented.toString());
    }

    /**
     * The principal of a key by its id, as it stands now (for requests a module sends on a key's behalf later, e.g.
     * a batch resumed after a restart): "master" and "anonymous" when this gateway has them; fails with 401 like
     * {@link #authenticate} for a key that is unknown, revoked or expired.
     */
    default Future<Principal> principal(String keyId) {
        return Future.failedFuture(new dev.freeport.error.GatewayError(dev.freeport.error.ErrorKind.AUTHENTICATION,
                401, "The key " + dev.freeport.error.Echo.of(String.valueOf(keyId)) + " is not known.", null,
                "invalid_api_key", null).toException());
    }

    /**
     * The key's principal as a member of {@code team} as that team stands now (its budget, limits and rules), for
     * spend that belongs to a team the key has since left: a batch request handed over while the key was in
     * {@code team} gives its hold back to that team. The key's own principal by default (an authenticator without
     * teams), and whenever the team is not known; callers compare {@link Principal#team()}.
     */
    default Future<Principal> principal(String keyId, String team) {
        return principal(keyId);
    }

    /**
     * The principals of the usable keys whose key or team has a budget, as they stand now (for a gateway that
     * loads every budget's starting spend when it starts, {@code Module.warm}); none by default (an authenticator
     * without keys or budgets).
     */
    default java.util.List<Principal> budgeted() {
        return java.util.List.of();
    }
}
