package dev.freeport.ledger;

import dev.freeport.config.StoreConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads a ledger directory without writing to it (works next to a running gateway: SQLite WAL reader), journal
 * included: the journal segments first, then the database, so an event moved from journal to database in between
 * is still seen; an event in both places is delivered once. Used by {@code freeport usage} and the audit.
 */
public final class LedgerReader {

    private LedgerReader() {
    }

    /** As {@link #forEach(Path, StoreConfig, Instant, Consumer)} for the embedded (SQLite) ledger. */
    public static void forEach(Path dataDir, Instant since, Consumer<UsageEvent> sink) {
        forEach(dataDir, StoreConfig.EMBEDDED, since, sink);
    }

    /**
     * Calls {@code sink} once per event at or after {@code since}: database events first, then journal-only
     * ones. SQLite: {@code dataDir/freeport.db}. PostgreSQL: the shared database (every replica's events that
     * reached it) plus, when {@code dataDir} is given (may be null), the events still only in that data dir's
     * journal; other replicas' journal-only events are not visible from here. An event in both counts once.
     */
    public static void forEach(Path dataDir, StoreConfig store, Instant since, Consumer<UsageEvent> sink) {
        Map<String, UsageEvent> journalOnly = dataDir == null ? new HashMap<>() : journalEvents(dataDir, since);
        Consumer<UsageEvent> fromDb = e -> {
            journalOnly.remove(e.id());
            sink.accept(e);
        };
        if (store != null && store.kind() == StoreConfig.Kind.POSTGRES) {
            try (PgLedgerStore reader = PgLedgerStore.openReader(store)) {
                if (reader.hasSchema()) {
                    reader.forEachSince(since, fromDb);
                }
            } catch (SQLException | RuntimeException e) {
                throw new IllegalStateException("cannot read ledger database " + store.url() + ": " + e.getMessage(),
                        e);
            }
        } else if (dataDir != null) {
            Path db = dataDir.resolve("freeport.db");
            if (Files.exists(db)) {
                try (LedgerDb reader = LedgerDb.openReadOnly(db)) {
                    if (reader.hasSchema()) {
                        reader.forEachSince(since, fromDb);
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot read ledger database " + db, e);
                }
            }
        }
        journalOnly.values().forEach(sink);
    }

    private static Map<String, UsageEvent> journalEvents(Path dataDir, Instant since) {
        Map<String, UsageEvent> journalOnly = new HashMap<>();
        Path journal = dataDir.resolve("journal");
        if (!Files.isDirectory(journal)) {
            return journalOnly;
        }
        try {
            for (Path file : JournalSegment.list(journal)) {
                try {
                    for (UsageEvent e : JournalSegment.scan(file).events()) {
                        if (!e.time().isBefore(since)) {
                            journalOnly.put(e.id(), e);
                        }
                    }
                } catch (NoSuchFileException gone) {
                    // moved to the database and deleted meanwhile: the database read has it
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read journal in " + dataDir, e);
        }
        return journalOnly;
    }

    /**
     * The event with this id: one primary-key lookup in the database (SQLite in {@code dataDir}, or the shared
     * PostgreSQL), else the events still only in {@code dataDir}'s journal (may be null), else the database once
     * more, in case the event moved from journal to database between the two reads.
     */
    public static Optional<UsageEvent> byId(Path dataDir, StoreConfig store, String id) {
        Optional<UsageEvent> found = dbById(dataDir, store, id);
        if (found.isPresent()) {
            return found;
        }
        if (dataDir != null) {
            Optional<UsageEvent> journaled = journalById(dataDir, id);
            if (journaled.isPresent()) {
                return journaled;
            }
        }
        return dbById(dataDir, store, id);
    }

    private static Optional<UsageEvent> dbById(Path dataDir, StoreConfig store, String id) {
        if (store != null && store.kind() == StoreConfig.Kind.POSTGRES) {
            try (PgLedgerStore reader = PgLedgerStore.openReader(store)) {
                return reader.hasSchema() ? reader.byId(id) : Optional.empty();
            } catch (SQLException | RuntimeException e) {
                throw new IllegalStateException("cannot read ledger database " + store.url() + ": " + e.getMessage(),
                        e);
            }
        }
        if (dataDir == null) {
            return Optional.empty();
        }
        Path db = dataDir.resolve("freeport.db");
        if (!Files.exists(db)) {
            return Optional.empty();
        }
        try (LedgerDb reader = LedgerDb.openReadOnly(db)) {
            return reader.hasSchema() ? reader.byId(id) : Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read ledger database " + db, e);
        }
    }

    private static Optional<UsageEvent> journalById(Path dataDir, String id) {
        Path journal = dataDir.resolve("journal");
        if (!Files.isDirectory(journal)) {
            return Optional.empty();
        }
        try {
            for (Path file : JournalSegment.list(journal)) {
                try {
                    for (UsageEvent e : JournalSegment.scan(file).events()) {
                        if (id.equals(e.id())) {
                            return Optional.of(e);
                        }
                    }
                } catch (NoSuchFileException gone) {
                    // moved to the database and deleted meanwhile: the second database read has it
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read journal in " + dataDir, e);
        }
        return Optional.empty();
    }

    /** Every event at or after {@code since} in the embedded ledger, oldest first. */
    public static List<UsageEvent> read(Path dataDir, Instant since) {
        return read(dataDir, StoreConfig.EMBEDDED, since);
    }

    /** Every event at or after {@code since}, oldest first. */
    public static List<UsageEvent> read(Path dataDir, StoreConfig store, Instant since) {
        List<UsageEvent> all = new ArrayList<>();
        forEach(dataDir, store, since, all::add);
        all.sort(java.util.Comparator.comparing(UsageEvent::time).thenComparing(UsageEvent::id));
        return all;
    }
}
