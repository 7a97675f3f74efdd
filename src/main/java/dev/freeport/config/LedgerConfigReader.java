package dev.freeport.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/** Reads the {@code ledger:} section: where the ledger lives, how it batches, and how long it keeps events. */
final class LedgerConfigReader {

    static final Set<String> LEDGER_KEYS = ConfigLoader.keys("data_dir", "batch_size", "flush_interval",
            "retention", "max_size");
    /** Words for "never delete by age". */
    static final Set<String> FOREVER = Set.of("forever", "never", "off", "none", "unlimited");
    /** Shorter would empty the windows that usage, the audit and concentration caps read. */
    static final int MIN_RETENTION_DAYS = 1;
    static final int MAX_RETENTION_DAYS = 36_500;
    /** One journal segment: anything smaller would prune after every few thousand requests. */
    static final long MIN_MAX_SIZE = 16L * 1024 * 1024;

    private static final String DEFAULT_DATA_DIR = "./freeport-data";
    /** Fewer, fuller transactions: each costs a fixed part (its commit's WAL frames, its statements); BENCHMARKS.md. */
    private static final int DEFAULT_BATCH = 1000;
    private static final Duration DEFAULT_FLUSH = Duration.ofMillis(200);

    private LedgerConfigReader() {
    }

    /** @param store where the database is (max_size applies to the embedded SQLite only) */
    static LedgerConfig read(Section s, Path baseDir, StoreConfig store) {
        String dir = s.str("data_dir", DEFAULT_DATA_DIR);
        Path path = baseDir.resolve("freeport-data");
        if (dir.isBlank()) {
            s.problem("data_dir", "must not be empty (a folder for the usage database)");
        } else {
            try {
                Path p = dir.equals("~") || dir.startsWith("~/")
                        ? Path.of(System.getProperty("user.home")).resolve(dir.substring(Math.min(2, dir.length())))
                        : Path.of(dir);
                path = baseDir.resolve(p).normalize();
            } catch (InvalidPathException e) {
                s.problem("data_dir", "is not a valid path: " + e.getReason());
            }
        }
        int batch = s.integer("batch_size", DEFAULT_BATCH, 1, 100_000);
        Duration flush = s.duration("flush_interval", DEFAULT_FLUSH, false);
        Duration retention = retention(s);
        long maxSize = s.size("max_size", 0);
        if (maxSize > 0 && maxSize < MIN_MAX_SIZE) {
            s.problem("max_size", "must be at least 16MiB, got " + ConfigUnits.formatSize(maxSize));
            maxSize = 0;
        }
        if (maxSize > 0 && store != null && store.kind() == StoreConfig.Kind.POSTGRES) {
            s.problem("max_size", "applies to the embedded SQLite ledger only; a PostgreSQL database's disk is"
                    + " managed on its server (bound the ledger there with retention)");
            maxSize = 0;
        }
        return new LedgerConfig(path, batch, flush, retention, maxSize);
    }

    /** {@code retention}: a duration in days or hours (1d to 100 years), or forever; absent is the default. */
    private static Duration retention(Section s) {
        if (!s.has("retention")) {
            return LedgerConfig.DEFAULT_RETENTION;
        }
        String text = s.str("retention", null);
        if (text == null) {
            return LedgerConfig.DEFAULT_RETENTION;
        }
        if (FOREVER.contains(text.strip().toLowerCase(Locale.ROOT))) {
            return null;
        }
        Duration d;
        try {
            d = ConfigUnits.parseDuration(text, false, java.time.Duration.ofDays(MAX_RETENTION_DAYS));
        } catch (IllegalArgumentException e) {
            s.problem("retention", e.getMessage() + "; or forever to keep every event");
            return LedgerConfig.DEFAULT_RETENTION;
        }
        if (d.compareTo(Duration.ofDays(MIN_RETENTION_DAYS)) < 0) {
            s.problem("retention", "must be at least 1d (usage, the audit and concentration caps read the last"
                    + " day and more), got " + ConfigUnits.formatDuration(d));
            return LedgerConfig.DEFAULT_RETENTION;
        }
        return d;
    }
}
