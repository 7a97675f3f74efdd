package dev.freeport.route;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the latency and least-busy strategies know about a target, in this process: moving averages of time to
 * first token and of output speed (tokens per second after the first token), and the requests in flight. Kept
 * across reloads (keyed by provider and model, like the circuit breakers). Updated from any event loop.
 *
 * <p>The averages are exponentially weighted with {@link #ALPHA}: the last ~10 answers dominate, so a target that
 * slowed down (or recovered) is noticed within a few requests that reach it.
 */
public final class TargetStats {
    static final double ALPHA = 0.2;
    /** expected output tokens when a request sets no cap: enough for speed to matter next to the first token */
    static final long TYPICAL_OUTPUT = 256;

    private final AtomicInteger inFlight = new AtomicInteger();
    private double ttftMillis = Double.NaN;
    private double tokensPerSecond = Double.NaN;
    private long samples;
    private long lastSampleMillis;

    /** One request started on this target. */
    public void started() {
        inFlight.incrementAndGet();
    }

    /** It ended (answered, failed or cut). */
    public void ended() {
        inFlight.decrementAndGet();
    }

    public int inFlight() {
        return Math.max(0, inFlight.get());
    }

    /**
     * An answer's timing: time to first token, and the output tokens that followed in {@code afterFirstMillis}
     * (0 for a non-streamed answer, whose speed is then unknown and not averaged).
     */
    public synchronized void observe(long ttftMillis, long outputTokens, long afterFirstMillis, long nowMillis) {
        this.ttftMillis = Double.isNaN(this.ttftMillis) ? ttftMillis : this.ttftMillis + ALPHA * (ttftMillis
                - this.ttftMillis);
        if (outputTokens > 1 && afterFirstMillis > 0) {
            double tps = outputTokens * 1000.0 / afterFirstMillis;
            tokensPerSecond = Double.isNaN(tokensPerSecond) ? tps : tokensPerSecond + ALPHA * (tps
                    - tokensPerSecond);
        }
        samples++;
        lastSampleMillis = nowMillis;
    }

    public synchronized long samples() {
        return samples;
    }

    public synchronized long lastSampleMillis() {
        return lastSampleMillis;
    }

    /** Average time to first token in ms, or NaN before the first answer. */
    public synchronized double ttftMillis() {
        return ttftMillis;
    }

    /** Average output speed, or NaN when unknown. */
    public synchronized double tokensPerSecond() {
        return tokensPerSecond;
    }

    /**
     * Expected ms until an answer of {@code outputTokens} is complete: first token, then the tokens at the average
     * speed (speed unknown: first token only). NaN before any observation.
     */
    public synchronized double expectedMillis(long outputTokens) {
        if (Double.isNaN(ttftMillis)) {
            return Double.NaN;
        }
        return Double.isNaN(tokensPerSecond) || tokensPerSecond <= 0 ? ttftMillis
                : ttftMillis + outputTokens * 1000.0 / tokensPerSecond;
    }
}
