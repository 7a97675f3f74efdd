package dev.freeport.lab;

import dev.freeport.route.Canaries;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * One alias's canary as stored ({@link CanaryStore}): the candidate alias, its share, whether it runs, the watcher's
 * thresholds, and the last change (why, who, when) with the change version readers on other replicas poll by.
 *
 * @param percent           the candidate's share of the alias's requests, 1..100
 * @param maxErrorRateDelta how much worse (a fraction: 0.05 = 5 percentage points) the canary's error, cut or check
 *                          failure rate may be than the incumbent's before the watcher rolls it back
 * @param minRequests       canary requests in the window before the watcher judges
 * @param window            the sliding window the watcher compares over
 * @param reason            why the last change was made (the watcher's finding for an automatic rollback), or null
 * @param changedBy         who made it ("admin-api@10.0.0.7", "canary watcher (automatic)")
 * @param startedAt         when this canary started (a new start resets the watcher's window)
 */
public record CanaryState(String alias, String candidate, int percent, Status status, double maxErrorRateDelta,
                          int minRequests, Duration window, String reason, String changedBy, Instant changedAt,
                          Instant startedAt, long version) {

    /** The share steps of a promotion without an explicit share. */
    static final int[] STEPS = {5, 25, 50, 100};

    public enum Status {
        /** in force: the router sends its share to the candidate */
        RUNNING,
        /** rolled back, by hand or by the watcher: nothing goes to the candidate */
        ROLLED_BACK,
        /** ended after a promotion, once the config carries the change */
        ENDED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Status of(String label) {
            return valueOf(label.toUpperCase(Locale.ROOT));
        }
    }

    public boolean running() {
        return status == Status.RUNNING;
    }

    /** What the router sees while this canary runs. */
    Canaries.Canary route() {
        return new Canaries.Canary(alias, candidate, percent);
    }

    /** The next share of a promotion: the next step above the current share (100 at most). */
    int nextStep() {
        for (int s : STEPS) {
            if (s > percent) {
                return s;
            }
        }
        return 100;
    }

    CanaryState with(int newPercent, Status newStatus, String newReason, String by, Instant at) {
        return new CanaryState(alias, candidate, newPercent, newStatus, maxErrorRateDelta, minRequests, window,
                newReason, by, at, startedAt, version);
    }
}
