package dev.freeport.route;

import java.time.Duration;
import java.util.logging.Logger;

/**
 * Per-target circuit breaker: CLOSED until {@code threshold} consecutive failures, then OPEN for
 * {@code openFor}; after that one request is let through as a HALF_OPEN probe: its success closes the circuit,
 * its failure opens it again. Shared by all event loops, so every method is synchronized (uncontended in
 * practice: a few nanoseconds).
 */
public final class CircuitBreaker {

    public enum State { CLOSED, OPEN, HALF_OPEN }

    private static final Logger LOG = Logger.getLogger(CircuitBreaker.class.getName());

    private final int threshold;
    private final long openForNanos;
    private final Clock clock;
    /** the target it guards ("provider/model"), for the log; null: not logged */
    private final String name;
    private State state = State.CLOSED;
    private int consecutiveFailures;
    private long openedAt;
    private boolean probeInFlight;

    /** A monotonic clock, replaceable in tests. */
    public interface Clock {
        long nanoTime();

        Clock SYSTEM = System::nanoTime;
    }

    public CircuitBreaker(int threshold, Duration openFor, Clock clock) {
        this(threshold, openFor, clock, null);
    }

    /** A breaker whose state changes are logged under {@code name} (the target, "provider/model"). */
    public CircuitBreaker(int threshold, Duration openFor, Clock clock, String name) {
        this.threshold = Math.max(1, threshold);
        this.openForNanos = openFor.toNanos();
        this.clock = clock;
        this.name = name;
    }

    /** May a request be sent now? In HALF_OPEN only the single probe may. Claims the probe when it says yes. */
    public synchronized boolean tryAcquire() {
        switch (state) {
            case CLOSED:
                return true;
            case OPEN:
                if (clock.nanoTime() - openedAt < openForNanos) {
                    return false;
                }
                state = State.HALF_OPEN;
                probeInFlight = true;
                return true;
            case HALF_OPEN:
            default:
                if (probeInFlight) {
                    return false;
                }
                probeInFlight = true;
                return true;
        }
    }

    public void onSuccess() {
        boolean closed;
        synchronized (this) {
            closed = state != State.CLOSED;
            state = State.CLOSED;
            consecutiveFailures = 0;
            probeInFlight = false;
        }
        if (closed && name != null) {
            LOG.info("circuit of " + name + " closed: its probe succeeded");
        }
    }

    public void onFailure() {
        boolean opened = false;
        boolean again;
        int failures;
        synchronized (this) {
            consecutiveFailures++;
            failures = consecutiveFailures;
            again = state == State.HALF_OPEN;
            if (state != State.OPEN && (again || consecutiveFailures >= threshold)) {
                opened = true;
            }
            if (state == State.HALF_OPEN || consecutiveFailures >= threshold) {
                state = State.OPEN;
                openedAt = clock.nanoTime();
            }
            probeInFlight = false;
        }
        if (opened && name != null) {
            LOG.warning("circuit of " + name + " opened for " + Duration.ofNanos(openForNanos).toMillis() + " ms: "
                    + (again ? "its probe failed" : failures + " failures in a row"));
        }
    }

    /** An attempt that says nothing about the target's health (the caller left, the request was invalid). */
    public synchronized void onNeutral() {
        if (state == State.HALF_OPEN) {
            probeInFlight = false;
        }
    }

    public synchronized State state() {
        if (state == State.OPEN && clock.nanoTime() - openedAt >= openForNanos) {
            return State.HALF_OPEN;
        }
        return state;
    }
}
