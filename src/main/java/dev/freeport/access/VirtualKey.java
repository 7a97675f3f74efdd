package dev.freeport.access;

import dev.freeport.caller.Budget;
import dev.freeport.caller.Limits;
import dev.freeport.route.VendorRules;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A virtual key as stored: everything but the secret, which exists only as its SHA-256 ({@code secretHash}, hex).
 * {@code prefix} ("fp-" + 8 characters of the secret) is what lists, logs and the ledger show.
 * {@code version} is the store's change counter at the key's last write (what replicas refresh by).
 *
 * @param models    allowed aliases; empty = all
 * @param budget    null = none
 * @param rules     vendors, jurisdictions and trust levels the key may reach ({@link VendorRules#NONE} = any)
 * @param dataClass the data class of the key's requests that name none (e.g. "confidential"); null = the team's
 */
public record VirtualKey(String id, String name, String prefix, String secretHash, String team, List<String> tags,
                         Set<String> models, Limits limits, Budget budget, VendorRules rules, String dataClass,
                         Instant expiresAt, Instant revokedAt, Instant createdAt, Instant updatedAt, long version) {

    public VirtualKey {
        tags = tags == null ? List.of() : List.copyOf(tags);
        models = models == null ? Set.of() : Set.copyOf(new java.util.TreeSet<>(models));
        limits = limits == null ? Limits.NONE : limits;
        rules = rules == null ? VendorRules.NONE : rules;
    }

    /** A key without vendor rules or data class. */
    public VirtualKey(String id, String name, String prefix, String secretHash, String team, List<String> tags,
                      Set<String> models, Limits limits, Budget budget, Instant expiresAt, Instant revokedAt,
                      Instant createdAt, Instant updatedAt, long version) {
        this(id, name, prefix, secretHash, team, tags, models, limits, budget, null, null, expiresAt, revokedAt,
                createdAt, updatedAt, version);
    }

    /** active, revoked or expired (at {@code now}). */
    public String status(Instant now) {
        if (revokedAt != null) {
            return "revoked";
        }
        return expiresAt != null && !now.isBefore(expiresAt) ? "expired" : "active";
    }

    public VirtualKey with(String name, String team, List<String> tags, Set<String> models, Limits limits,
                           Budget budget, Instant expiresAt) {
        return new VirtualKey(id, name, prefix, secretHash, team, tags, models, limits, budget, rules, dataClass,
                expiresAt, revokedAt, createdAt, updatedAt, version);
    }

    public VirtualKey withRules(VendorRules rules, String dataClass) {
        return new VirtualKey(id, name, prefix, secretHash, team, tags, models, limits, budget, rules, dataClass,
                expiresAt, revokedAt, createdAt, updatedAt, version);
    }

    public VirtualKey withSecret(String newPrefix, String newHash) {
        return new VirtualKey(id, name, newPrefix, newHash, team, tags, models, limits, budget, rules, dataClass,
                expiresAt, revokedAt, createdAt, updatedAt, version);
    }

    public VirtualKey revoked(Instant at) {
        return new VirtualKey(id, name, prefix, secretHash, team, tags, models, limits, budget, rules, dataClass,
                expiresAt, at, createdAt, updatedAt, version);
    }

    public VirtualKey touched(Instant at) {
        return new VirtualKey(id, name, prefix, secretHash, team, tags, models, limits, budget, rules, dataClass,
                expiresAt, revokedAt, createdAt, at, version);
    }

    /** The same key at store version {@code v}. */
    VirtualKey atVersion(long v) {
        return new VirtualKey(id, name, prefix, secretHash, team, tags, models, limits, budget, rules, dataClass,
                expiresAt, revokedAt, createdAt, updatedAt, v);
    }
}
