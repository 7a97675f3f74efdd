package dev.freeport.access;

import dev.freeport.caller.Budget;
import dev.freeport.caller.Limits;
import dev.freeport.route.VendorRules;

import java.time.Instant;
import java.util.List;

/**
 * A team: a name (its id), rate limits and a budget that every one of its keys' requests must also fit, tags,
 * vendor rules every one of its keys must also satisfy, and the data class its keys' requests default to.
 * Deletion is a tombstone ({@code deletedAt}) so that replicas learn of it through the same change feed.
 *
 * @param rules     vendors, jurisdictions and trust levels the team's keys may reach ({@link VendorRules#NONE} = any)
 * @param dataClass default data class of the team's keys (a key's own wins), or null
 */
public record Team(String name, List<String> tags, Limits limits, Budget budget, VendorRules rules, String dataClass,
                   Instant createdAt, Instant updatedAt, Instant deletedAt, long version) {

    public Team {
        tags = tags == null ? List.of() : List.copyOf(tags);
        limits = limits == null ? Limits.NONE : limits;
        rules = rules == null ? VendorRules.NONE : rules;
    }

    /** A team without vendor rules or data class. */
    public Team(String name, List<String> tags, Limits limits, Budget budget, Instant createdAt, Instant updatedAt,
                Instant deletedAt, long version) {
        this(name, tags, limits, budget, null, null, createdAt, updatedAt, deletedAt, version);
    }

    public Team with(List<String> tags, Limits limits, Budget budget) {
        return new Team(name, tags, limits, budget, rules, dataClass, createdAt, updatedAt, deletedAt, version);
    }

    public Team withRules(VendorRules rules, String dataClass) {
        return new Team(name, tags, limits, budget, rules, dataClass, createdAt, updatedAt, deletedAt, version);
    }

    public Team touched(Instant at, Instant deleted) {
        return new Team(name, tags, limits, budget, rules, dataClass, createdAt, at, deleted, version);
    }

    /** The same team at store version {@code v}. */
    Team atVersion(long v) {
        return new Team(name, tags, limits, budget, rules, dataClass, createdAt, updatedAt, deletedAt, v);
    }
}
