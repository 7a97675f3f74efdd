package dev.freeport.testing;

import dev.freeport.caller.Authenticator;
import dev.freeport.caller.MasterKeyAuthenticator;
import dev.freeport.caller.Principal;
import dev.freeport.module.Module;
import io.vertx.core.Future;

/**
 * The keyed set-up the limits, cache and batch tests share: a module that authenticates one secret as one principal
 * (its budget, limits, team) and finds that principal by its key id, as the access module does for a virtual key;
 * any other secret gets the gateway's 401. Put it first among a test gateway's modules, before the limits module.
 */
public final class OneKey {
    private OneKey() {
    }

    /** {@code secret} (the bearer token) authenticates as {@code principal}; its key id finds it too. */
    public static Module module(String secret, Principal principal) {
        return Module.authenticating(c -> new Authenticator() {
            @Override
            public Future<Principal> authenticate(String presented) {
                return secret.equals(presented) ? Future.succeededFuture(principal)
                        : Future.failedFuture(MasterKeyAuthenticator.wrongKey().toException());
            }

            @Override
            public Future<Principal> principal(String keyId) {
                return principal.keyId().equals(keyId) ? Future.succeededFuture(principal)
                        : Future.failedFuture(MasterKeyAuthenticator.wrongKey().toException());
            }
        });
    }
}
