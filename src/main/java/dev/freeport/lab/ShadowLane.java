package dev.freeport.lab;

import java.util.ArrayDeque;

/**
 * One alias's shadow work: at most {@code max_concurrency} sampled requests being shadowed at once, at most
 * {@code queue} waiting; beyond that a sampled request is dropped (and counted). The critical sections are a few
 * field operations, taken once per sampled request.
 */
final class ShadowLane {
    enum Admit { RUN, QUEUED, DROPPED }

    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int running;

    synchronized Admit offer(Runnable job, int maxConcurrency, int queue) {
        if (running < maxConcurrency) {
            running++;
            return Admit.RUN;
        }
        if (waiting.size() < queue) {
            waiting.add(job);
            return Admit.QUEUED;
        }
        return Admit.DROPPED;
    }

    /** A job ended: the next waiting one, now counted as running, or null. */
    synchronized Runnable finished() {
        Runnable next = waiting.poll();
        if (next == null) {
            running--;
        }
        return next;
    }

    synchronized int running() {
        return running;
    }

    synchronized int waiting() {
        return waiting.size();
    }
}
