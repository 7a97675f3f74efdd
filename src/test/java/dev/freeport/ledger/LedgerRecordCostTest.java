package dev.freeport.ledger;

import dev.freeport.config.LedgerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** What recording an event costs the request's thread, in bytes allocated. */
class LedgerRecordCostTest {
    @TempDir
    Path dir;

    @Test
    void recordingAnEventAllocatesNothing() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int record = EventCodec.encode(Events.withFacts("req_19af00c2d3e4f5a6b7c8d9e0")).length;
        try (JournaledLedger ledger = JournaledLedger.open(new LedgerConfig(dir, 500, Duration.ofMillis(5)))) {
            UsageEvent[] events = new UsageEvent[30_000];
            for (int i = 0; i < events.length; i++) {
                events[i] = Events.withFacts(String.format("req_%026d", i));
            }
            for (int i = 0; i < 20_000; i++) {
                ledger.record(events[i]); // warm up: let the JIT settle
            }
            ledger.flush();
            int n = 10_000;
            long allocated = 0;
            for (int from = 20_000; from < 20_000 + n; from += 2_000) { // fewer than the mover's queue holds at first
                long before = threads.getCurrentThreadAllocatedBytes();
                for (int i = from; i < from + 2_000; i++) {
                    ledger.record(events[i]);
                }
                allocated += threads.getCurrentThreadAllocatedBytes() - before;
                ledger.flush();
            }
            long perEvent = allocated / n;
            // the event's place in the mover's queue is two slots of an array; a queue entry and its node cost 56 B,
            // a copy of the record (+ a CRC object) more than the record's own size
            assertThat(perEvent).as("bytes allocated per event, record %d bytes", record).isLessThan(16);
        }
    }

    @Test
    void insertingABatchCopiesNoRowIntoAJdbcBatchAndBoxesNoSmallNumber() throws Exception {
        long perRow = bytesPerInsertedRow(LedgerInsertBench::event);
        // what remains: each string's UTF-8 bytes (the driver's), the boxes of numbers past 127, and the hex texts of
        // the row's two fingerprints (every row a new prompt here: 2 x 56 B, made on this thread since journal
        // record version 5 instead of on the request's); a JDBC batch added an array of the row's 40 values and more
        // (1,256 B), setLong/setInt/setBoolean a new box for every number and flag, and binding the rare columns
        // their defaults (924 B)
        assertThat(perRow).as("bytes allocated per inserted row").isLessThan(800);
    }

    private long bytesPerInsertedRow(java.util.function.IntFunction<UsageEvent> event) throws Exception {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (LedgerDb db = LedgerDb.openWritable(dir.resolve("freeport.db"))) {
            int batch = 500;
            java.util.List<java.util.List<UsageEvent>> batches = new java.util.ArrayList<>();
            for (int b = 0; b < 40; b++) {
                java.util.List<UsageEvent> events = new java.util.ArrayList<>();
                for (int i = 0; i < batch; i++) {
                    events.add(event.apply(b * batch + i));
                }
                batches.add(events);
            }
            for (int b = 0; b < 30; b++) {
                db.insert(batches.get(b)); // warm up
            }
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int b = 30; b < 40; b++) {
                assertThat(db.insert(batches.get(b))).isEqualTo(batch);
            }
            return (threads.getCurrentThreadAllocatedBytes() - before) / (10L * batch);
        }
    }
}
