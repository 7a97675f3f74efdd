package dev.freeport.lab;

import dev.freeport.route.Canaries;
import dev.freeport.store.Refresher;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The canaries as the router reads them: an in-memory map of the running ones, looked up per request without I/O.
 * A daemon thread pulls what changed in the store every {@link #REFRESH_EVERY} (one indexed query), so a canary
 * written on any replica is in force everywhere well within a second; a write through this board is in force here
 * at once (the same scheme as the vendor kill switch). A failed refresh keeps the last known state.
 */
public final class CanaryBoard implements Canaries, AutoCloseable {
    public static final Duration REFRESH_EVERY = Duration.ofMillis(250);

    private record Entry(CanaryState state, Canary route) {
    }

    private final CanaryStore store;
    private final ConcurrentHashMap<String, Entry> running = new ConcurrentHashMap<>();
    private final Refresher refresher;
    private long version; // guarded by this

    /** Loads every canary from {@code store} (blocking), then refreshes every {@code every}. Does not own the store. */
    public CanaryBoard(CanaryStore store, Duration every) {
        this.store = store;
        refresh();
        this.refresher = new Refresher("canary", every, this::refresh);
    }

    @Override
    public Canary canary(String alias) {
        Entry e = alias == null ? null : running.get(alias);
        return e == null ? null : e.route();
    }

    /** The running canary of {@code alias} as stored, or null. */
    public CanaryState running(String alias) {
        Entry e = running.get(alias);
        return e == null ? null : e.state();
    }

    /** Whether any canary runs on this replica (a map check: asked as each request starts). */
    public boolean anyRunning() {
        return !running.isEmpty();
    }

    /** Changes one alias's canary in the store (see {@link CanaryStore#change}); in force here on return. Blocking. */
    public CanaryState change(String alias, UnaryOperator<CanaryState> change) {
        CanaryState s = store.change(alias, change);
        refresh();
        return s;
    }

    /**
     * Every stored canary, from the store (blocking). What it returns is in force here when it returns: the board is
     * brought up to the store after the read, so a rollback (or a stop) it reports routes no request more on this
     * replica (another thread's {@link #change} commits to the store before it refreshes the board).
     */
    public List<CanaryState> list() {
        List<CanaryState> all = store.all();
        refresh();
        return all;
    }

    /** Applies what changed in the store since the last refresh (blocking). */
    public synchronized void refresh() {
        for (CanaryState s : store.changesSince(version)) {
            if (s.running()) {
                running.put(s.alias(), new Entry(s, s.route()));
            } else {
                running.remove(s.alias());
            }
            version = Math.max(version, s.version());
        }
    }

    @Override
    public void close() {
        refresher.close();
    }
}
