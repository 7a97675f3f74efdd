package dev.freeport.server;

import dev.freeport.access.AccessModule;
import dev.freeport.access.AdminApi;
import dev.freeport.caller.Authenticator;
import dev.freeport.caller.MasterKeyAuthenticator;
import dev.freeport.config.FreeportConfig;
import dev.freeport.policy.Policy;
import dev.freeport.route.VendorSwitches;

import java.util.List;
import java.util.function.Function;

/**
 * What plugs into the request flow from outside the core: how callers are authenticated (per config, so a
 * reload can change the master key), the policies run around dispatch, in order, and the admin API for keys and
 * teams (null: none; /admin/keys and /admin/teams then answer 404).
 */
public record Extensions(Function<FreeportConfig, Authenticator> authenticators, List<Policy> policies,
                         AutoCloseable resources, AdminApi admin, VendorSwitches vendors) {

    /** The master key of the config, no policies. */
    public static final Extensions DEFAULT = new Extensions(
            cfg -> new MasterKeyAuthenticator(cfg.server().masterKey()), List.of(), () -> { });

    public Extensions {
        policies = List.copyOf(policies);
        vendors = vendors == null ? VendorSwitches.NONE : vendors;
    }

    public Extensions(Function<FreeportConfig, Authenticator> authenticators, List<Policy> policies,
                      AutoCloseable resources, AdminApi admin) {
        this(authenticators, policies, resources, admin, null);
    }

    public Extensions(Function<FreeportConfig, Authenticator> authenticators, List<Policy> policies,
                      AutoCloseable resources) {
        this(authenticators, policies, resources, null);
    }

    /** Virtual keys and teams from {@code access} (closed with the gateway), with these policies. */
    public static Extensions of(AccessModule access, List<Policy> policies) {
        return new Extensions(access.authenticators(), policies, access, access.admin());
    }
}
