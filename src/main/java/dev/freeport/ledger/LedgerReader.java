package dev.freeport.ledger;

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
import java.util.function.Consumer;

/**
 * Reads a ledger directory without writing to it (works next to a running gateway: SQLite WAL reader), journal
 * included: the journal segments first, then the database, so an event moved from journal to database in between
 * is still seen; an event in both places is delivered once. Used by {@code freeport usage} and the audit.
 */
public final class LedgerReader {

    private LedgerReader() {
    }

    /** Calls {@code sink} once per event at or after {@code since} (database events first, then journal-only ones). */
    public static void forEach(Path dataDir, Instant since, Consumer<UsageEvent> sink) {
        Map<String, UsageEvent> journalOnly = new HashMap<>();
        try {
            for (Path file : JournalSegment.list(dataDir.resolve("journal"))) {
                try {
                    for (UsageEvent e : JournalSegment.scan(file).events()) {
                        if (!e.time().isBefore(since)) {
                            journalOnly.put(e.id(), e);
                        }
                    }
                } catch (NoSuchFileException gone) {
                    // moved to the database and deleted meanwhile: the database read below has it
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read journal in " + dataDir, e);
        }
        Path db = dataDir.resolve("freeport.db");
        if (Files.exists(db)) {
            try (LedgerDb reader = LedgerDb.openReadOnly(db)) {
                if (reader.hasSchema()) {
                    reader.forEachSince(since, e -> {
                        journalOnly.remove(e.id());
                        sink.accept(e);
                    });
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read ledger database " + db, e);
            }
        }
        journalOnly.values().forEach(sink);
    }

    /** Every event at or after {@code since}, oldest first. */
    public static List<UsageEvent> read(Path dataDir, Instant since) {
        List<UsageEvent> all = new ArrayList<>();
        forEach(dataDir, since, all::add);
        all.sort(java.util.Comparator.comparing(UsageEvent::time).thenComparing(UsageEvent::id));
        return all;
    }
}
