package dev.freeport.gateway;

import dev.freeport.access.Authenticator;
import dev.freeport.access.MasterKeyAuthenticator;
import dev.freeport.config.FreeportConfig;
import dev.freeport.policy.Policy;

import java.util.List;
import java.util.function.Function;

/**
 * What plugs into the request flow from outside the core: how callers are authenticated (per config, so a
 * reload can change the master key) and the policies run around dispatch, in order.
 */
public record Extensions(Function<FreeportConfig, Authenticator> authenticators, List<Policy> policies,
                         AutoCloseable resources) {

    /** The master key of the config, no policies. */
    public static final Extensions DEFAULT = new Extensions(
            cfg -> new MasterKeyAuthenticator(cfg.server().masterKey()), List.of(), () -> { });

    public Extensions {
        policies = List.copyOf(policies);
    }
}
