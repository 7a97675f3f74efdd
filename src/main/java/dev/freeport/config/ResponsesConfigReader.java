package dev.freeport.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/** Reads the {@code responses:} section (docs/CONFIG.md): store on or off, retention, the size cap per entry. */
final class ResponsesConfigReader {
    static final Set<String> KEYS = ConfigLoader.keys("store", "retention", "max_entry_size");
    static final Duration MIN_RETENTION = Duration.ofMinutes(1);
    static final Duration MAX_RETENTION = Duration.ofDays(3650);
    static final long MIN_ENTRY = 1024;
    static final long MAX_ENTRY = 1L << 30;

    private ResponsesConfigReader() {
    }

    static ResponsesConfig read(Section s) {
        ResponsesConfig d = ResponsesConfig.DEFAULT;
        boolean store = bool(s, "store", d.store());
        Duration retention = s.duration("retention", d.retention(), false);
        if (retention.compareTo(MIN_RETENTION) < 0 || retention.compareTo(MAX_RETENTION) > 0) {
            s.problem("retention", "must be between 1m and 3650d, got " + ConfigUnits.formatDuration(retention));
            retention = d.retention();
        }
        long max = s.size("max_entry_size", d.maxEntryBytes());
        if (max < MIN_ENTRY || max > MAX_ENTRY) {
            s.problem("max_entry_size", "must be between 1KiB and 1GiB, got " + ConfigUnits.formatSize(max));
            max = d.maxEntryBytes();
        }
        return new ResponsesConfig(store, retention, max);
    }

    private static boolean bool(Section s, String key, boolean def) {
        String v = s.str(key, null);
        if (v == null) {
            return def;
        }
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> {
                s.problem(key, "must be true or false, got \"" + v + "\"");
                yield def;
            }
        };
    }
}
