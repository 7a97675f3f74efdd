package dev.freeport.caller;

import dev.freeport.route.TargetProfile;
import dev.freeport.route.VendorRules;

import java.util.List;
import java.util.Set;

/**
 * Who is calling, after authentication: the master key, an anonymous caller (no key configured), or a virtual
 * key with its team. Carries everything the policies need, so no policy looks keys up again.
 *
 * @param keyId         stable id of the virtual key ("master" / "anonymous" otherwise)
 * @param keyPrefix     the visible prefix of the key (e.g. "fp-3k9x"), never the secret
 * @param team          the key's team, or null
 * @param tags          the key's tags (reach the ledger)
 * @param allowedModels aliases the key may use; empty = all
 * @param keyLimits     the key's rate limits
 * @param keyBudget     the key's budget, or null
 * @param teamLimits    the team's rate limits
 * @param teamBudget    the team's budget, or null
 * @param keyRules      which vendors, jurisdictions and trust levels the key may reach
 * @param teamRules     the same for its team (both must allow a target)
 * @param dataClass     the data class of the key's requests when they name none (key's, else team's), or null
 */
public record Principal(String keyId, String keyPrefix, String team, List<String> tags, Set<String> allowedModels,
                        Limits keyLimits, Budget keyBudget, Limits teamLimits, Budget teamBudget,
                        VendorRules keyRules, VendorRules teamRules, String dataClass) {

    public static final Principal MASTER = new Principal("master", null, null, List.of(), Set.of(), Limits.NONE,
            null, Limits.NONE, null);
    public static final Principal ANONYMOUS = new Principal("anonymous", null, null, List.of(), Set.of(),
            Limits.NONE, null, Limits.NONE, null);

    public Principal {
        tags = tags == null ? List.of() : List.copyOf(tags);
        allowedModels = allowedModels == null ? Set.of() : Set.copyOf(allowedModels);
        keyLimits = keyLimits == null ? Limits.NONE : keyLimits;
        teamLimits = teamLimits == null ? Limits.NONE : teamLimits;
        keyRules = keyRules == null ? VendorRules.NONE : keyRules;
        teamRules = teamRules == null ? VendorRules.NONE : teamRules;
    }

    /** A principal without vendor rules or data class. */
    public Principal(String keyId, String keyPrefix, String team, List<String> tags, Set<String> allowedModels,
                     Limits keyLimits, Budget keyBudget, Limits teamLimits, Budget teamBudget) {
        this(keyId, keyPrefix, team, tags, allowedModels, keyLimits, keyBudget, teamLimits, teamBudget, null, null,
                null);
    }

    /** Null when the key and its team may both reach the target; otherwise why not. */
    public String refuses(TargetProfile target) {
        String why = keyRules.refuses(target);
        if (why != null) {
            return "key: " + why;
        }
        why = teamRules.refuses(target);
        return why == null ? null : "team " + team + ": " + why;
    }

    /** The name the ledger's "caller" column shows: the key prefix, or master/anonymous. */
    public String callerName() {
        return keyPrefix != null ? keyPrefix : keyId;
    }

    /** No rate limits and no budgets on the key or its team: policies have nothing to check or count. */
    public boolean unlimited() {
        return keyLimits.isEmpty() && teamLimits.isEmpty() && keyBudget == null && teamBudget == null;
    }

    public boolean mayUse(String alias) {
        return allowedModels.isEmpty() || allowedModels.contains(alias);
    }
}
