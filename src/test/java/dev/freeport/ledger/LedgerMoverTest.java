package dev.freeport.ledger;

import dev.freeport.config.LedgerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The ledger thread's transactions: full batches while events keep coming, everything on a flush. */
class LedgerMoverTest {

    @TempDir
    Path dir;

    /** Opens with batches of 100 and an hour between timed passes; returns once the first pass is over. */
    private JournaledLedger open() throws InterruptedException {
        JournaledLedger ledger = JournaledLedger.open(new LedgerConfig(dir, 100, Duration.ofHours(1)));
        Thread.sleep(100); // the pass at start-up (nothing to move) is over: the thread sleeps until woken
        return ledger;
    }

    private static void record(JournaledLedger ledger, int n) {
        for (int i = 0; i < n; i++) {
            ledger.record(Events.simple("req_mover" + i, i));
        }
    }

    private static void awaitPendingAtMost(JournaledLedger ledger, long pending) throws InterruptedException {
        for (int i = 0; i < 500 && ledger.pendingEvents() > pending; i++) {
            Thread.sleep(10);
        }
    }

    @Test
    void eventsBeyondAFullBatchWaitForTheNextPassInsteadOfGoingInAShortTransaction() throws Exception {
        try (JournaledLedger ledger = open()) {
            record(ledger, 150); // the 100th wakes the ledger thread: it moves one batch of 100
            awaitPendingAtMost(ledger, 50);
            Thread.sleep(200);
            assertThat(ledger.pendingEvents()).isEqualTo(50);
            assertThat(ledger.insertTransactions()).isEqualTo(1);
            assertThat(ledger.store().count()).isEqualTo(100);
        }
    }

    @Test
    void aFlushMovesAPartialBatchAtOnce() throws Exception {
        try (JournaledLedger ledger = open()) {
            record(ledger, 150);
            awaitPendingAtMost(ledger, 50);
            ledger.flush();
            assertThat(ledger.pendingEvents()).isZero();
            assertThat(ledger.store().count()).isEqualTo(150);
            assertThat(ledger.insertTransactions()).isEqualTo(2);
        }
    }

    @Test
    void aTimedPassMovesLessThanABatchInOneTransaction() throws Exception {
        try (JournaledLedger ledger = JournaledLedger.open(new LedgerConfig(dir, 100, Duration.ofMillis(300)))) {
            ledger.record(Events.simple("req_warm", 0)); // the recording path loaded and compiled before counting
            awaitPendingAtMost(ledger, 0);
            long before = ledger.insertTransactions();
            record(ledger, 30); // no wake-up: the pass after the flush interval moves them
            awaitPendingAtMost(ledger, 0);
            assertThat(ledger.pendingEvents()).isZero();
            assertThat(ledger.insertTransactions() - before).isEqualTo(1);
        }
    }

    @Test
    void closingMovesTheEventsLeftForTheNextPass() throws Exception {
        try (JournaledLedger ledger = open()) {
            record(ledger, 150);
            awaitPendingAtMost(ledger, 50);
        }
        try (JournaledLedger reopened = JournaledLedger.open(new LedgerConfig(dir, 100, Duration.ofHours(1)))) {
            assertThat(reopened.replayStats().inserted()).isZero();
            assertThat(reopened.store().count()).isEqualTo(150);
        }
    }

    @Test
    void whileEveryPassLeavesEventsForTheNextTheLagStaysAtAFewPassesInsteadOfGrowing() throws Exception {
        try (JournaledLedger ledger = open()) {
            // 1.8 s or more of rounds of 101 events: the queue is never empty when a pass starts
            for (int round = 0; round < 60; round++) {
                for (int i = 0; i < 101; i++) {
                    ledger.record(Events.simple("req_lag" + round + "_" + i, i));
                }
                Thread.sleep(30);
            }
            record(ledger, 50); // less than a batch: they wait for the next pass
            assertThat(ledger.pendingEvents()).isPositive();
            assertThat(ledger.lagMillis()).isLessThan(600);
        }
    }
}
