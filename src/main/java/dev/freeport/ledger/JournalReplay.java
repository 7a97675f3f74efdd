package dev.freeport.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.logging.Logger;

/**
 * What {@link JournaledLedger#open} does first: every journal segment a previous process left is read (a torn last
 * record detected by length/CRC and skipped), its events inserted into the database in batches (idempotent by event
 * id, so a replay after a crash inserts each event once), marked done and deleted, before new events are accepted.
 */
final class JournalReplay {

    private static final Logger LOG = Logger.getLogger(JournaledLedger.class.getName());

    /** The replay's figures, and the number the next segment gets (past every replayed one). */
    record Result(JournaledLedger.ReplayStats stats, long nextSegment) {
    }

    private JournalReplay() {
    }

    static Result run(Path journalDir, LedgerStore writer, int batchSize) throws IOException, SQLException {
        long next = 1;
        int segments = 0;
        int torn = 0;
        long events = 0;
        long inserted = 0;
        for (Path file : JournalSegment.list(journalDir)) {
            JournalSegment.Scan scan = JournalSegment.scan(file);
            next = Math.max(next, scan.number() + 1);
            segments++;
            torn += scan.tornRecords();
            events += scan.events().size();
            List<UsageEvent> all = scan.events();
            for (int i = 0; i < all.size(); i += batchSize) {
                inserted += writer.insert(all.subList(i, Math.min(all.size(), i + batchSize)));
            }
            writer.markSegmentsDone(List.of(new LedgerStore.SegmentDone(scan.number(), all.size())));
            Files.deleteIfExists(file);
        }
        JournaledLedger.ReplayStats stats = new JournaledLedger.ReplayStats(segments, events, inserted, torn);
        if (torn > 0) {
            LOG.warning("ledger replay skipped torn journal records: " + stats);
        }
        return new Result(stats, next);
    }
}
