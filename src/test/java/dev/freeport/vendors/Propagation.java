package dev.freeport.vendors;

import dev.freeport.route.VendorSwitches;

import java.time.Duration;
import java.util.function.Predicate;

/** Measures how long a board takes to show a switch written elsewhere (polling its in-memory map). */
final class Propagation {
    private Propagation() {
    }

    /** Milliseconds from now until {@code seen} holds for {@code board}'s answer on {@code vendor}; fails after 5 s. */
    static long millisUntil(VendorSwitches board, String vendor, Predicate<VendorSwitches.Off> seen) {
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(5).toNanos();
        while (!seen.test(board.disabled(vendor))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("board never showed the change of " + vendor + " within 5 s");
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }
}
