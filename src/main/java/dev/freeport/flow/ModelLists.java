package dev.freeport.flow;

import dev.freeport.caller.Principal;
import dev.freeport.config.ModelConfig;
import dev.freeport.front.ModelEntry;
import dev.freeport.route.AliasRoute;
import dev.freeport.route.ModelNames;
import dev.freeport.route.assembly.GatewayRuntime;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The models a caller may use, as the model endpoints list them and errors name them. Where an alias routes (provider names, upstream
 * model names, circuit states) is shown only to admins: the master key, or the admin key when it is presented to an
 * open gateway. Every other caller sees the aliases, their descriptions and strategies.
 */
final class ModelLists {
    private ModelLists() {
    }

    static List<ModelEntry> forCaller(GatewayRuntime rt, Principal principal, CharSequence presentedKey) {
        return of(rt, principal, isAdmin(rt, principal, presentedKey));
    }

    /**
     * Each alias the caller's key allows with the patterns that route to it and whether it is the default, then the
     * provider wildcards it allows ({@code deepseek/*}); targets only for an admin.
     */
    static List<ModelEntry> of(GatewayRuntime rt, Principal principal, boolean admin) {
        ModelNames names = rt.names();
        List<ModelEntry> models = new ArrayList<>();
        for (AliasRoute route : rt.routes().values()) {
            if (principal.mayUse(route.alias())) {
                models.add(new ModelEntry(route.alias(), route.description(), label(route.strategy()),
                        route.simulated(), !admin ? List.of() : route.targets().stream().map(t -> new ModelEntry.Target(
                        t.provider().name(), t.upstreamModel(), t.provider().simulated(), t.breaker().state().name()
                        .toLowerCase(Locale.ROOT))).toList(), names.patternsOf(route.alias()),
                        route.alias().equals(names.defaultAlias())));
            }
        }
        for (ModelConfig w : names.wildcards()) {
            if (principal.mayUse(w.name())) {
                models.add(new ModelEntry(w.name(), w.description(), label(w.strategy()), false,
                        !admin ? List.of() : w.targets().stream().map(t -> new ModelEntry.Target(t.provider(),
                                t.model(), false, "closed")).toList(), List.of(), false));
            }
        }
        return models;
    }

    /** For error messages: "coder (also claude-*, gpt-5*; the default)", "deepseek/*". */
    static List<String> names(GatewayRuntime rt, Principal principal) {
        return of(rt, principal, false).stream().map(m -> {
            List<String> notes = new ArrayList<>();
            if (!m.matches().isEmpty()) {
                notes.add("also " + String.join(", ", m.matches()));
            }
            if (m.isDefault()) {
                notes.add("the default");
            }
            return notes.isEmpty() ? m.alias() : m.alias() + " (" + String.join("; ", notes) + ")";
        }).toList();
    }

    private static String label(ModelConfig.Strategy s) {
        return s.name().toLowerCase(Locale.ROOT);
    }

    static boolean isAdmin(GatewayRuntime rt, Principal principal, CharSequence presentedKey) {
        if (principal == Principal.MASTER) {
            return true;
        }
        String adminKey = rt.config().server().effectiveAdminKey();
        return adminKey != null && presentedKey != null && MessageDigest.isEqual(
                presentedKey.toString().getBytes(StandardCharsets.UTF_8), adminKey.getBytes(StandardCharsets.UTF_8));
    }
}
