package dev.freeport.flow;

import dev.freeport.caller.Principal;
import dev.freeport.front.ModelEntry;
import dev.freeport.route.AliasRoute;
import dev.freeport.route.assembly.GatewayRuntime;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The aliases a caller may use, as the model endpoints list them. Where an alias routes (provider names, upstream
 * model names, circuit states) is shown only to admins: the master key, or the admin key when it is presented to an
 * open gateway. Every other caller sees the aliases, their descriptions and strategies.
 */
final class ModelLists {
    private ModelLists() {
    }

    static List<ModelEntry> forCaller(GatewayRuntime rt, Principal principal, String presentedKey) {
        boolean admin = isAdmin(rt, principal, presentedKey);
        List<ModelEntry> models = new ArrayList<>();
        for (AliasRoute route : rt.routes().values()) {
            if (principal.mayUse(route.alias())) {
                models.add(entry(route, admin));
            }
        }
        return models;
    }

    static boolean isAdmin(GatewayRuntime rt, Principal principal, String presentedKey) {
        if (principal == Principal.MASTER) {
            return true;
        }
        String adminKey = rt.config().server().effectiveAdminKey();
        return adminKey != null && presentedKey != null && MessageDigest.isEqual(
                presentedKey.getBytes(StandardCharsets.UTF_8), adminKey.getBytes(StandardCharsets.UTF_8));
    }

    private static ModelEntry entry(AliasRoute route, boolean admin) {
        return new ModelEntry(route.alias(), route.description(), route.strategy().name().toLowerCase(Locale.ROOT),
                route.simulated(), !admin ? List.of() : route.targets().stream().map(t -> new ModelEntry.Target(
                        t.provider().name(), t.upstreamModel(), t.provider().simulated(), t.breaker().state().name()
                        .toLowerCase(Locale.ROOT))).toList());
    }
}
