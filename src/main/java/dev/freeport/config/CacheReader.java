package dev.freeport.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads an alias's {@code cache:} section ({@link CacheConfig}). */
final class CacheReader {
    static final Set<String> KEYS = ConfigLoader.keys("mode", "ttl", "max_entries", "max_bytes", "scope", "semantic",
            "allow_sampled", "allow_tool_calls");
    static final Set<String> SEMANTIC_KEYS = ConfigLoader.keys("threshold");

    private CacheReader() {
    }

    /** The section, or null when absent or wrong (the problems are recorded). */
    static CacheConfig read(Section model) {
        if (!model.has("cache")) {
            return null;
        }
        Section s = model.section("cache", KEYS);
        if (s.wrongKind()) {
            return null;
        }
        String mode = s.choice("mode", "exact", List.of("exact", "semantic"));
        Duration ttl = s.duration("ttl", CacheConfig.DEFAULT_TTL, false);
        int entries = s.integer("max_entries", CacheConfig.DEFAULT_MAX_ENTRIES, 1, 100_000_000);
        long bytes = s.size("max_bytes", CacheConfig.DEFAULT_MAX_BYTES);
        if (bytes < 1024) {
            s.problem("max_bytes", "must be at least 1KiB, e.g. max_bytes: 64MiB");
        }
        String scope = s.choice("scope", "key", List.of("key", "team", "global"));
        double threshold = CacheConfig.DEFAULT_THRESHOLD;
        if (s.has("semantic")) {
            Section sem = s.section("semantic", SEMANTIC_KEYS);
            if (!sem.wrongKind()) {
                threshold = sem.number("threshold", CacheConfig.DEFAULT_THRESHOLD, 0, true, 1);
            }
            if ("exact".equals(mode) && model.has("cache")) {
                s.problem("semantic", "applies only with mode: semantic");
            }
        }
        if (mode == null || scope == null || ttl == null) {
            return null;
        }
        return new CacheConfig(CacheConfig.Mode.valueOf(mode.toUpperCase(Locale.ROOT)), ttl, entries,
                Math.max(bytes, 1024), CacheConfig.Scope.valueOf(scope.toUpperCase(Locale.ROOT)), threshold,
                s.bool("allow_sampled", false), s.bool("allow_tool_calls", false));
    }
}
