package dev.freeport.caller;

import io.vertx.core.Future;

/**
 * Turns a presented key into a {@link Principal}. Fails with a {@link dev.freeport.error.GatewayException} of
 * kind AUTHENTICATION (unknown, revoked, expired key). Never blocks the event loop; never logs the secret.
 */
public interface Authenticator {

    /** {@code presented} is the raw key from Authorization: Bearer or x-api-key, or null when none was sent. */
    Future<Principal> authenticate(String presented);
}
