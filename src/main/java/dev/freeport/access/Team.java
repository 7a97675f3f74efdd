package dev.freeport.access;

import java.time.Instant;
import java.util.List;

/**
 * A team: a name (its id), rate limits and a budget that every one of its keys' requests must also fit, and tags.
 * Deletion is a tombstone ({@code deletedAt}) so that replicas learn of it through the same change feed.
 */
public record Team(String name, List<String> tags, Limits limits, Budget budget, Instant createdAt,
                   Instant updatedAt, Instant deletedAt, long version) {

    public Team {
        tags = tags == null ? List.of() : List.copyOf(tags);
        limits = limits == null ? Limits.NONE : limits;
    }

    public Team with(List<String> tags, Limits limits, Budget budget) {
        return new Team(name, tags, limits, budget, createdAt, updatedAt, deletedAt, version);
    }

    public Team touched(Instant at, Instant deleted) {
        return new Team(name, tags, limits, budget, createdAt, at, deleted, version);
    }
}
